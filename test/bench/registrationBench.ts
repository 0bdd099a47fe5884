import path from 'node:path';
import { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import type { InitiativeInput } from '../../src/initiatives/validation.js';
import type { DocumentStore } from '../../src/storage/documentStore.js';
import { cardAction, startHarness, teamsMessage } from '../helpers/botHarness.js';

const STEPS: Record<string, string>[] = [
  { name: 'Digital signering av avtal', description: 'Avtal signeras digitalt i stället för på papper', organisation: 'Utbildningsförvaltningen', contact: 'x@example.com' },
  { goalArea: '1', action: '1C', category: 'effektiviserande', efficiencyInnovation: '2', internalExternal: '3' },
  { phase: 'genomförande', startDate: '2026-01-15', plannedEndDate: '2026-12-31' },
  { benefitDescription: 'Kortare ledtid för avtal', benefitIndicator: 'dagar', benefitBaseline: '14', benefitTarget: '2', benefitTargetDate: '2027-06-30', benefitCalculation: 'true' },
  { externalCostSek: '250000', internalHours: '300', personalData: 'nej', riskAssessment: 'genomförd', followUp: 'kvartal' },
  {},
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

type Card = { actions?: { title: string; data?: Record<string, string> }[] };

/** Registration step latency through POST /api/messages (Action.Execute invokes). */
export async function registrationLatency(store: DocumentStore, people: number, concurrency: number): Promise<Record<string, number>> {
  const h = await startHarness({ knowledgeDir: path.resolve('knowledge'), store });
  const times: number[] = [];
  let next = 0;
  const person = async (i: number): Promise<void> => {
    const conversationId = `a:bench-reg-${i}`;
    const user = `bench${i}`;
    const start = await h.post(teamsMessage('registrera insats', { conversationId, userId: user }));
    await start.arrayBuffer();
    const [first] = await h.connector.waitFor(conversationId, 1);
    let card = first!.body.attachments![0]!.content as unknown as Card;
    for (const fields of STEPS) {
      const action = card.actions?.find((a) => a.title === 'Nästa' || a.title.startsWith('Lägg till nyttan') || a.title.startsWith('Bekräfta'));
      if (!action?.data) throw new Error('registration flow broke');
      const t = performance.now();
      const res = await h.post(cardAction('registration', { ...action.data, ...fields }, { conversationId, userId: user }));
      card = ((await res.json()) as { value: Card }).value;
      times.push(performance.now() - t);
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < people) await person(next++);
    }),
  );
  await h.close();
  times.sort((a, b) => a - b);
  return { registrations: people, steps: times.length, concurrency, p50Ms: Math.round(percentile(times, 50) * 100) / 100, p95Ms: Math.round(percentile(times, 95) * 100) / 100 };
}

/** Repository operations per second: create, point read, replace with ETag, owner query. */
export async function repositoryRate(store: DocumentStore, n: number, concurrency: number): Promise<Record<string, number>> {
  const repo = new InitiativeRepository(store);
  const input = (i: number): InitiativeInput => ({
    name: `Insats ${i}`, description: 'En beskrivning av insatsen', organisation: `Org ${i % 10}`, responsible: '', contact: '', goalArea: 1, action: '1C', category: 'övrigt',
    efficiencyInnovation: 3, internalExternal: 3, phase: 'idé', startDate: '2026-01-01', plannedEndDate: '2026-12-31', benefits: [],
    externalCostSek: 0, internalHours: 0, personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'år',
  });
  const run = async (op: (i: number) => Promise<unknown>): Promise<number> => {
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < n) await op(next++);
    }));
    return Math.round(n / ((performance.now() - started) / 1000));
  };
  const owner = (i: number) => ({ id: `owner-${i % 50}`, name: 'Bench' });
  const create = await run((i) => repo.register(`bench-${i}`, input(i), owner(i)));
  const read = await run((i) => repo.get(`bench-${i}`));
  const replace = await run(async (i) => {
    const current = await repo.get(`bench-${i}`);
    if (current) await repo.update(`bench-${i}`, current.etag, { phase: 'förstudie' }, owner(i));
  });
  const query = await run((i) => repo.forOwner(`owner-${i % 50}`));
  return { operations: n, concurrency, createPerSecond: create, readPerSecond: read, readAndReplacePerSecond: replace, ownerQueryPerSecond: query };
}
