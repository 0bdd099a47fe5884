import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/qa/questionLog.js';
import { CORPUS_DIR, startHarness, type Harness } from '../helpers/botHarness.js';
import { actionData } from '../helpers/cardText.js';
import { PlaygroundClient } from '../helpers/playgroundClient.js';

/**
 * End to end through the Microsoft 365 Agents Playground, a real Teams-like client: it
 * sends the activities to the bot and receives the bot's replies, as Teams would. The test
 * drives it through its HTTP API and reads the conversation stream over WebSocket.
 */
describe('end to end through the Microsoft 365 Agents Playground', () => {
  let now = new Date();
  const clock = { now: () => now };
  let h: Harness;
  let pg: PlaygroundClient;
  let knowledgeDir = '';

  beforeAll(async () => {
    // The shared corpus for questions, plus the repo's plan definition for registration.
    knowledgeDir = await mkdtemp(path.join(tmpdir(), 'pp-e2e-knowledge-'));
    await cp(CORPUS_DIR, knowledgeDir, { recursive: true });
    await cp(path.resolve('knowledge'), knowledgeDir, { recursive: true });
    h = await startHarness({ knowledgeDir, clock, env: { OUTBOX_INTERVAL_SECONDS: '0' } });
    pg = await PlaygroundClient.start({ botEndpoint: `${h.bot.url}/api/messages` });
  });

  afterAll(async () => {
    await pg?.close();
    await h?.close();
    await rm(knowledgeDir, { recursive: true, force: true });
  });

  it('asks a question, gets the answer card with its source, presses 👎 and the vote is stored', async () => {
    const before = pg.mark();
    await pg.say('Hur många av insatserna i planen är klara?');
    const reply = await pg.nextCard(before);
    const card = reply.message!.attachments![0]!.content;
    const json = JSON.stringify(card);
    expect(json).toContain('12 av 17');
    expect(json).toContain('goteborg-fordjupad-uppfoljning-digitalisering-2024.txt');
    const actions = card.actions as { title: string; verb?: string; data?: Record<string, string> }[];
    const down = actions.find((a) => a.title.startsWith('👎'));
    expect(down?.verb).toBe('feedback');

    const invoke = await pg.press(reply.message!.messageId, 'feedback', down!.data!);
    expect(invoke.status).toBe(200);
    const stored = await new QuestionLog(h.bot.store).get({ id: down!.data!.questionId!, pk: down!.data!.pk! });
    expect(stored?.feedback).toBe('down');
    expect(stored?.question).toBe('Hur många av insatserna i planen är klara?');
  });

  it('registers a förändringsinsats: the card is replaced in place step by step, then by a receipt', async () => {
    const before = pg.mark();
    await pg.say('registrera insats');
    const started = await pg.nextCard(before);
    let card = started.message!.attachments![0]!.content as { actions?: { title: string; data?: Record<string, string> }[] };
    expect(JSON.stringify(card)).toContain('Steg 1 av 5');
    const steps: Record<string, string>[] = [
      { name: 'Digitala lås i hemtjänsten', description: 'Lås som öppnas med mobilen i stället för nycklar', organisation: 'Utbildningsförvaltningen', responsible: '', contact: '' },
      { goalArea: '1', action: '', category: 'effektiviserande', efficiencyInnovation: '2', internalExternal: '4' },
      { phase: 'idé', startDate: '2027-01-01', plannedEndDate: '2027-12-31' },
      { benefitDescription: 'Ingen nyckelhantering', benefitTargetDate: '2028-01-01', benefitCalculation: 'false' },
      { externalCostSek: '0', internalHours: '40', personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'halvår' },
      {},
    ];
    for (const fields of steps) {
      const action = card.actions?.find((a) => a.title === 'Nästa' || a.title.startsWith('Lägg till nyttan') || a.title.startsWith('Bekräfta'));
      expect(action, JSON.stringify(card).slice(0, 300)).toBeDefined();
      const res = await pg.press(started.message!.messageId, 'registration', { ...action!.data, ...fields });
      expect(res.status).toBe(200);
      card = ((await res.json()) as { value: typeof card }).value;
    }
    expect(JSON.stringify(card)).toContain('Förändringsinsatsen är registrerad');
    expect(card.actions ?? []).toHaveLength(0);
  });

  it('says so when the documents do not answer', async () => {
    const before = pg.mark();
    await pg.say('hur återställer jag mitt lösenord till teams?');
    const reply = await pg.nextCard(before);
    expect(JSON.stringify(reply.message?.attachments?.[0]?.content)).toContain('Det hittar jag inte i dokumenten');
  });

  it('sends a follow-up prompt on its own when it is due; the owner answers in the card, which becomes a receipt', async () => {
    const before = pg.mark();
    await pg.say('registrera insats');
    const started = await pg.nextCard(before);
    let card = started.message!.attachments![0]!.content as { actions?: { title: string; data?: Record<string, string> }[] };
    const steps: Record<string, string>[] = [
      { name: 'Digital signering av avtal', description: 'Avtal skrivs under digitalt i stället för på papper', organisation: 'Utbildningsförvaltningen', responsible: '', contact: '' },
      { goalArea: '1', action: '', category: 'effektiviserande', efficiencyInnovation: '2', internalExternal: '3' },
      { phase: 'genomförande', startDate: '2026-01-01', plannedEndDate: '2027-12-31' },
      { benefitDescription: 'Kortare ledtid för avtal', benefitIndicator: 'dagar', benefitBaseline: '14', benefitTarget: '2', benefitTargetDate: '2028-01-01', benefitCalculation: 'false' },
      { externalCostSek: '0', internalHours: '40', personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'kvartal' },
      {},
    ];
    for (const fields of steps) {
      const action = card.actions?.find((a) => a.title === 'Nästa' || a.title.startsWith('Lägg till nyttan') || a.title.startsWith('Bekräfta'));
      const res = await pg.press(started.message!.messageId, 'registration', { ...action!.data, ...fields });
      card = ((await res.json()) as { value: typeof card }).value;
    }
    expect(JSON.stringify(card)).toContain('Förändringsinsatsen är registrerad');

    // A quarter later, the outbox sends the prompt to the personal chat, unasked.
    now = new Date(now.getTime() + 100 * 86_400_000);
    const beforePrompt = pg.mark();
    const report = await h.bot.dispatcher.runOnce();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const prompt = await pg.nextCard(beforePrompt);
    const promptCard = prompt.message!.attachments![0]!.content;
    expect(JSON.stringify(promptCard)).toContain('Uppföljning: Digital signering av avtal');
    const answer = actionData(promptCard, 'Skicka svaret');
    const res = await pg.press(prompt.message!.messageId, 'followUp', { ...answer, usedAsIntended: 'ja', value_0: '5' });
    expect(res.status).toBe(200);
    const receipt = ((await res.json()) as { value: unknown }).value;
    expect(JSON.stringify(receipt)).toContain('Tack! Svaret är sparat');
  });
});
