import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import type { OutboxItem } from '../../src/outbox/outboxRepository.js';
import { cardAction, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { actionData, inputsOf, inputValue, textOf } from '../helpers/cardText.js';
import { STEP_DATA, type Card } from '../helpers/registrationDriver.js';

const KNOWLEDGE = path.resolve('knowledge');
/** Teams identities are Entra object ids; the people picker submits one. */
const NEW_OWNER = '5b6c7d8e-1111-4222-8333-944455566677';
const THIRD = '0a0b0c0d-1111-4222-8333-944455566677';

/** A message or card press from someone whose aadObjectId is exactly `aad`. */
function as<T extends Record<string, unknown>>(activity: T, aad: string): T {
  return { ...activity, from: { id: `29:${aad}`, aadObjectId: aad, name: 'Ny Ägare' } };
}

async function press(h: Harness, aad: string, data: Record<string, unknown>, verb: string, conversationId: string): Promise<Card> {
  const res = await h.post(as(cardAction(verb, data, { conversationId }), aad));
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: Card }).value;
}

describe('ownership is a Teams identity, and can be handed over', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ knowledgeDir: KNOWLEDGE, env: { OUTBOX_INTERVAL_SECONDS: '0' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('registration offers the owner picker (people picker in Teams, "<namn> (du)" elsewhere) and accepts only a real identity', async () => {
    await h.post(teamsMessage('registrera insats', { conversationId: 'a:ho-1', userId: 'registrant' }));
    const [first] = await h.connector.waitFor('a:ho-1', 1);
    const card = first!.body.attachments![0]!.content;
    expect(JSON.stringify(card)).toContain('graph.microsoft.com/users');
    expect(inputValue(card, 'about.ownerId')).toBe('aad-registrant');
    const next = actionData(card, 'Nästa')!;
    // A made-up id is refused on the first step, before four more steps are filled in.
    const refused = await press(h, 'aad-registrant', { ...next, ...STEP_DATA[0], ownerId: 'vem som helst' }, 'registration', 'a:ho-1');
    expect(textOf(refused)).toContain('Ägare: välj en person i listan.');
    expect(textOf(refused)).toContain('Steg 1 av 5');
    // Oneself, as a people picker gives it (the Teams user id), is oneself.
    const self = await press(h, 'aad-registrant', { ...actionData(refused, 'Nästa')!, ...STEP_DATA[0], ownerId: '29:aad-registrant' }, 'registration', 'a:ho-1');
    expect(textOf(self)).toContain('Steg 2 av 5');
  });

  it('registered for someone else: the new owner edits it and gets its follow-ups; the registrant sees it but cannot change it', async () => {
    await h.post(teamsMessage('registrera insats', { conversationId: 'a:ho-2', userId: 'registrant2' }));
    const [first] = await h.connector.waitFor('a:ho-2', 1);
    let card = first!.body.attachments![0]!.content as Card;
    for (let i = 0; i <= STEP_DATA.length; i++) {
      const next = actionData(card, 'Nästa') ?? actionData(card, 'Lägg till nyttan och fortsätt') ?? actionData(card, 'Bekräfta och registrera')!;
      const fields = i === 0 ? { ...STEP_DATA[0], name: 'Överlämnad insats', ownerId: NEW_OWNER, responsible: 'Ny Ägare' } : (STEP_DATA[i] ?? {});
      card = await press(h, 'aad-registrant2', { ...next, ...fields }, 'registration', 'a:ho-2');
    }
    expect(textOf(card)).toContain('Förändringsinsatsen är registrerad');
    const repo = new InitiativeRepository(h.bot.store);
    const initiative = (await repo.forOwner(NEW_OWNER))[0]!.value;
    expect(initiative).toMatchObject({ ownerId: NEW_OWNER, registeredById: 'aad-registrant2', name: 'Överlämnad insats' });
    expect(initiative.history[0]?.change).toContain('överlämnad');
    const outbox = (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { initiativeId: initiative.id } })).map((s) => s.value);
    expect(outbox.length).toBeGreaterThan(0);
    for (const item of outbox) expect(item.recipientId).toBe(NEW_OWNER);

    // The registrant still finds it in "mina insatser", opens it, but a change is refused.
    expect((await repo.forOwner('aad-registrant2')).map((s) => s.value.id)).toContain(initiative.id);
    const opened = await press(h, 'aad-registrant2', { op: 'open', id: initiative.id }, 'initiative', 'a:ho-2');
    expect(textOf(opened)).toContain('Du har lämnat över insatsen');
    const refused = await press(h, 'aad-registrant2', { ...actionData(opened, 'Spara fas')!, newPhase: 'förstudie' }, 'initiative', 'a:ho-2');
    expect(textOf(refused)).toContain('Bara den som äger insatsen kan ändra den.');

    // The new owner changes it, then hands it on through "Ändra uppgifter": the waiting prompts follow.
    const mine = await press(h, NEW_OWNER, { op: 'open', id: initiative.id }, 'initiative', 'a:ho-3');
    const moved = await press(h, NEW_OWNER, { ...actionData(mine, 'Spara fas')!, newPhase: 'upphandling' }, 'initiative', 'a:ho-3');
    expect(textOf(moved)).toContain('Fasen är nu upphandling');
    let edit = await press(h, NEW_OWNER, actionData(moved, 'Ändra uppgifter')!, 'initiative', 'a:ho-3');
    edit = await press(h, NEW_OWNER, { ...inputsOf(edit), ...actionData(edit, 'Nästa')!, 'about.ownerId': THIRD, 'about.responsible': 'Tredje Ägaren' }, 'registration', 'a:ho-3');
    for (let step = 2; step <= 5; step++) edit = await press(h, NEW_OWNER, { ...(step === 4 ? {} : inputsOf(edit)), ...(actionData(edit, 'Nästa') ?? actionData(edit, 'Lägg till nyttan och fortsätt'))! }, 'registration', 'a:ho-3');
    const saved = await press(h, NEW_OWNER, actionData(edit, 'Bekräfta och registrera')!, 'registration', 'a:ho-3');
    expect(textOf(saved)).toContain('Ändringarna är sparade');
    const after = (await repo.get(initiative.id))!.value;
    expect(after.ownerId).toBe(THIRD);
    expect(after.history.at(-1)?.change).toContain('överlämnad till en ny ägare');
    const waiting = (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { initiativeId: initiative.id, status: 'pending' } })).map((s) => s.value);
    expect(waiting.length).toBeGreaterThan(0);
    for (const item of waiting) expect(item.recipientId).toBe(THIRD);
    const former = await press(h, NEW_OWNER, { ...actionData(moved, 'Spara fas')!, newPhase: 'idé' }, 'initiative', 'a:ho-3');
    expect(textOf(former)).toContain('Bara den som äger insatsen');
  });
});
