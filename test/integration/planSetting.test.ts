import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardAction, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { textOf } from '../helpers/cardText.js';

type Card = { body: unknown[]; actions?: { title: string; data?: Record<string, string> }[] };

const ABOUT = {
  name: 'Digitala lås i hemtjänsten',
  description: 'Lås som öppnas med mobilen i stället för nycklar',
  organisation: 'Äldre samt vård- och omsorgsförvaltningen',
  responsible: 'Kim Enhetschef, kim@example.com',
  contact: 'kontakt@example.com',
};

/** The choices of the card's Input.ChoiceSet with this id. */
function choices(card: unknown, id: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Input.ChoiceSet' && n.id === id) found.push(...(n.choices as { value: string }[]).map((c) => c.value));
      Object.values(n).forEach(visit);
    }
  };
  visit(card);
  return found;
}

async function stepTwo(h: Harness, conversationId: string): Promise<unknown> {
  await h.post(teamsMessage('registrera insats', { conversationId, userId: conversationId }));
  const [first] = await h.connector.waitFor(conversationId, 1);
  const card = first!.body.attachments![0]!.content as unknown as Card;
  const next = card.actions?.find((a) => a.title === 'Nästa');
  expect(next, textOf(card)).toBeDefined();
  const res = await h.post(cardAction('registration', { ...next!.data, ...ABOUT }, { conversationId, userId: conversationId }));
  return ((await res.json()) as { value: unknown }).value;
}

describe('the plan is its own setting, not part of the documents', () => {
  let h: Harness | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('with KNOWLEDGE_DIR=../shared/corpus step 2 offers the bundled plan\'s goal areas (the reported bug)', async () => {
    h = await startHarness();
    const card = await stepTwo(h, 'a:plan-corpus');
    expect(choices(card, 'plan.goalArea')).toEqual(['1', '2', '3', '4']);
    expect(choices(card, 'plan.action')).toContain('1C');
  });

  it('a deployment whose plan file is broken says so instead of showing an empty choice, and recovers on a fix without restart', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'plan-bot-'));
    const planFile = path.join(dir, 'plan.md');
    await writeFile(planFile, '## Målområde 1 – Utan insatser\n');
    h = await startHarness({ env: { PLAN_FILE: planFile } });
    expect(h.bot.plans.report?.problems[0]?.message).toMatch(/har inga insatser/);
    await h.post(teamsMessage('registrera insats', { conversationId: 'a:plan-none', userId: 'u' }));
    const [reply] = await h.connector.waitFor('a:plan-none', 1);
    const text = textOf(reply!.body.attachments![0]!.content);
    expect(text).toContain('Registreringen är inte tillgänglig');
    expect(choices(reply!.body.attachments![0]!.content, 'plan.goalArea')).toEqual([]);

    await writeFile(planFile, '## Målområde 1 – Vår kommuns mål\n- 1A: Första insatsen\n');
    await expect.poll(() => h?.bot.plans.current().goalAreas.length, { timeout: 10_000, interval: 50 }).toBe(1);
    const card = await stepTwo(h, 'a:plan-fixed');
    expect(choices(card, 'plan.goalArea')).toEqual(['1']);
    expect(choices(card, 'plan.action')).toEqual(['1A']);
  });
});
