import { expect } from 'vitest';
import { cardAction, teamsMessage, type Harness } from './botHarness.js';
import { textOf } from './cardText.js';

export type Card = { body: unknown[]; actions?: { title: string; data?: Record<string, string> }[] };

export const STEP_DATA = [
  { name: 'Läkemedelsautomater i hemtjänsten', description: 'Automater som påminner om och delar ut läkemedel hos brukare', organisation: 'Äldre samt vård- och omsorgsförvaltningen', responsible: 'Kim Enhetschef, kim@example.com', contact: 'kontakt@example.com' },
  { goalArea: '1', action: '1C', category: 'effektiviserande', efficiencyInnovation: '2', internalExternal: '4' },
  { phase: 'genomförande', startDate: '2026-01-15', plannedEndDate: '2026-12-31' },
  { benefitDescription: 'Färre hembesök för läkemedel', benefitForWhom: 'brukare', benefitIndicator: 'besök per vecka', benefitBaseline: '140', benefitTarget: '60', benefitTargetDate: '2027-06-30', benefitOwner: 'Enhetschef', benefitCalculation: 'false' },
  { externalCostSek: '1200000', internalHours: '800', personalData: 'ja', riskAssessment: 'planerad', followUp: 'kvartal' },
];

/** The ids of every input on a card. */
export function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') ids.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

/**
 * Field values under the ids the card gives its inputs ("plan.category" for "category"), as
 * a client sends them; fails when the card has no input for a field.
 */
export function asCardInputs(card: unknown, fields: Record<string, string | undefined>): Record<string, string> {
  const ids = inputIds(card);
  return Object.fromEntries(
    Object.entries(fields).flatMap(([field, value]) => {
      if (value === undefined) return [];
      const id = ids.find((i) => i.endsWith(`.${field}`));
      if (!id) throw new Error(`Kortet har inget fält för ${field}: ${ids.join(', ')}`);
      return [[id, value]];
    }),
  );
}

/** Drives one person through the whole registration over HTTP; returns the last card. */
export async function register(h: Harness, user: string, name = STEP_DATA[0]!.name): Promise<{ receipt: Card; confirm: Record<string, unknown> }> {
  const conversationId = `a:reg-${user}`;
  await h.post(teamsMessage('registrera insats', { conversationId, userId: user }));
  const [first] = await h.connector.waitFor(conversationId, 1);
  let card = first!.body.attachments![0]!.content as unknown as Card;
  let data: Record<string, unknown> = {};
  for (let step = 0; step <= STEP_DATA.length; step++) {
    const next = card.actions?.find((a) => a.title === 'Nästa' || a.title.startsWith('Lägg till nyttan') || a.title.startsWith('Bekräfta'));
    if (!next?.data) throw new Error(`Inget nästa-val i steg ${step + 1}: ${textOf(card)}`);
    const fields = step === 0 ? { ...STEP_DATA[0], name } : (STEP_DATA[step] ?? {});
    data = { ...next.data, ...asCardInputs(card, fields) };
    const res = await h.post(cardAction('registration', data, { conversationId, userId: user }));
    expect(res.status).toBe(200);
    card = ((await res.json()) as { value: Card }).value;
  }
  return { receipt: card, confirm: data };
}


/** Drives a person through the five steps to the summary card, without confirming. */
export async function toSummary(h: Harness, user: string, name: string, overrides: Record<string, string> = {}): Promise<{ summary: Card; conversationId: string }> {
  const conversationId = `a:sum-${user}`;
  const before = h.connector.activities.filter((a) => a.conversationId === conversationId).length;
  await h.post(teamsMessage('registrera insats', { conversationId, userId: user }));
  const replies = await h.connector.waitFor(conversationId, before + 1);
  let card = replies.at(-1)!.body.attachments![0]!.content as unknown as Card;
  for (let step = 0; step < STEP_DATA.length; step++) {
    const next = card.actions?.find((a) => a.title === 'Nästa' || a.title === 'Lägg till nyttan och fortsätt');
    if (!next?.data) throw new Error(`Inget Nästa i steg ${step + 1}: ${textOf(card)}`);
    const fields = step === 0 ? { ...STEP_DATA[0], name, ...overrides } : (STEP_DATA[step] ?? {});
    const res = await h.post(cardAction('registration', { ...next.data, ...asCardInputs(card, fields) }, { conversationId, userId: user }));
    card = ((await res.json()) as { value: Card }).value;
  }
  return { summary: card, conversationId };
}
