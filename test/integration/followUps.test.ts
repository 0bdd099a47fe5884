import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpRecord } from '../../src/followUp/followUpAnswer.js';
import { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import type { OutboxItem } from '../../src/outbox/outboxRepository.js';
import type { Clock } from '../../src/time/clock.js';
import { localDate } from '../../src/time/clock.js';
import { isWorkingDay } from '../../src/time/swedishCalendar.js';
import { cardAction, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { actionData, textOf } from '../helpers/cardText.js';
import { LocalConnector } from '../helpers/connector.js';
import { register, type Card } from '../helpers/registrationDriver.js';

const KNOWLEDGE = path.resolve('knowledge');

/** A clock the test moves. */
function movableClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => now, set: (iso) => (now = new Date(iso)) };
}

async function outboxItems(h: Harness, initiativeId: string): Promise<OutboxItem[]> {
  return (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { initiativeId } })).map((s) => s.value);
}

function stockholmMinutes(iso: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return Number(p.hour) * 60 + Number(p.minute);
}

describe('follow-up prompts to initiative owners, end to end over HTTP', () => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const connector = new LocalConnector();
  let dataDir: string;
  let h: Harness;
  let initiativeId: string;
  const start = async (): Promise<Harness> =>
    startHarness({ knowledgeDir: KNOWLEDGE, clock, connector, dataDir, env: { OUTBOX_INTERVAL_SECONDS: '0', ADMIN_IDS: 'aad-admin' } });

  beforeAll(async () => {
    await connector.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'pp-followup-'));
    h = await start();
  });
  afterAll(async () => {
    await h.close();
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('plans the first prompts when an initiative is registered: on a working day, in the morning window, none twice', async () => {
    await register(h, 'owner', 'Digitala lås i hemtjänsten');
    initiativeId = (await new InitiativeRepository(h.bot.store).forOwner('aad-owner'))[0]!.value.id;
    const items = await outboxItems(h, initiativeId);
    const periodic = items.find((i) => i.period.startsWith('periodic:'))!;
    expect(periodic).toBeDefined();
    expect(periodic.status).toBe('pending');
    expect(localDate(new Date(periodic.dueAt)) >= '2027-02-23').toBe(true);
    expect(isWorkingDay(localDate(new Date(periodic.dueAt)))).toBe(true);
    const minutes = stockholmMinutes(periodic.dueAt);
    expect(minutes).toBeGreaterThanOrEqual(9 * 60);
    expect(minutes).toBeLessThan(9 * 60 + 150);
    expect(items.some((i) => i.period === 'target:0:2027-06-30')).toBe(true);
    // Planning again (another change) creates nothing new.
    const repo = new InitiativeRepository(h.bot.store);
    const current = (await repo.get(initiativeId))!;
    await repo.update(initiativeId, current.etag, { contact: 'ny@example.com' }, { id: 'aad-owner', name: 'Testperson' });
    expect(await outboxItems(h, initiativeId)).toHaveLength(items.length);
  });

  it('sends nothing before it is due; when due, the owner gets the card in their personal chat, once', async () => {
    const before = connector.activities.length;
    expect((await h.bot.dispatcher.runOnce()).sent).toBe(0);
    clock.set('2027-02-26T14:00:00Z');
    const report = await h.bot.dispatcher.runOnce();
    expect(report.sent).toBe(1);
    const sent = connector.activities.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe('a:reg-owner');
    // A new message in the chat (sendToConversation), not a reply to some activity.
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.path).toMatch(/\/v3\/conversations\/[^/]+\/activities$/);
    const card = sent[0]!.body.attachments![0]!.content;
    expect(textOf(card)).toContain('Uppföljning: Digitala lås i hemtjänsten');
    expect(textOf(card)).toContain('besök per vecka');
    expect((await h.bot.dispatcher.runOnce()).sent).toBe(0);
    const periodic = (await outboxItems(h, initiativeId)).find((i) => i.status === 'sent')!;
    expect(periodic.attempts).toBe(1);
    expect(periodic.activityId).toBeTruthy();
  });

  it('an answer is validated on the server, stored once, and becomes the benefit\'s latest value, also after a restart', async () => {
    const prompt = connector.activities.at(-1)!.body.attachments![0]!.content as Card;
    const send = actionData(prompt, 'Skicka svaret')!;
    const bad = await h.post(cardAction('followUp', { ...send, usedAsIntended: 'kanske', value_0: 'x'.repeat(500) }, { conversationId: 'a:reg-owner', userId: 'owner' }));
    const badCard = ((await bad.json()) as { value: Card }).value;
    expect(textOf(badCard)).toContain('Välj om den nya förmågan används som tänkt.');
    expect(textOf(badCard)).toContain('Värdet får vara högst 100 tecken (nu 500).');

    // A restart between the send and the answer changes nothing.
    await h.close();
    h = await start();
    const stranger = await h.post(cardAction('followUp', { ...send, usedAsIntended: 'ja', value_0: '1' }, { conversationId: 'a:x', userId: 'someone' }));
    expect(textOf(((await stranger.json()) as { value: Card }).value)).toContain('Bara den som äger insatsen');
    const ok = await h.post(cardAction('followUp', { ...send, usedAsIntended: 'delvis', value_0: '95', obstacles: 'Batterierna tar slut', newPhase: 'i drift/förvaltning' }, { conversationId: 'a:reg-owner', userId: 'owner' }));
    const receipt = ((await ok.json()) as { value: Card }).value;
    expect(textOf(receipt)).toContain('Tack! Svaret är sparat');
    expect(textOf(receipt)).toContain('95');
    const again = await h.post(cardAction('followUp', { ...send, usedAsIntended: 'nej', value_0: '10' }, { conversationId: 'a:reg-owner', userId: 'owner' }));
    expect(textOf(((await again.json()) as { value: Card }).value)).toContain('redan besvarad');
    const records = await h.bot.store.collection<FollowUpRecord>('followups').query(initiativeId);
    expect(records).toHaveLength(1);
    expect(records[0]!.value).toMatchObject({ usedAsIntended: 'delvis', obstacles: 'Batterierna tar slut', readings: [{ benefitIndex: 0, indicator: 'besök per vecka', value: '95' }] });
    const initiative = (await new InitiativeRepository(h.bot.store).get(initiativeId))!.value;
    expect(initiative.benefits[0]).toMatchObject({ lastValue: '95' });
    expect(initiative.phase).toBe('i drift/förvaltning');
    expect(initiative.history.at(-1)?.change).toContain('uppföljning besvarad');
    await h.post(teamsMessage('mina insatser', { conversationId: 'a:mine-owner', userId: 'owner' }));
    const [mine] = await connector.waitFor('a:mine-owner', 1);
    expect(textOf(mine!.body.attachments![0]!.content)).toMatch(/Uppföljning: i tid, nästa \d{4}-\d{2}-\d{2}/);
    // Going into operation plans one prompt for a month later.
    expect((await outboxItems(h, initiativeId)).some((i) => i.period.startsWith('in-operation:') && i.status === 'pending')).toBe(true);
  });

  it('the reminder for an answered prompt is never sent', async () => {
    const reminder = (await outboxItems(h, initiativeId)).find((i) => i.kind === 'reminder')!;
    expect(reminder).toBeDefined();
    clock.set(new Date(new Date(reminder.dueAt).getTime() + 60_000).toISOString());
    const before = connector.activities.length;
    const report = await h.bot.dispatcher.runOnce();
    expect(report.cancelled).toBeGreaterThanOrEqual(1);
    expect(connector.activities.slice(before).filter((a) => textOf(a.body.attachments?.[0]?.content).includes('Påminnelse'))).toHaveLength(0);
  });

  it('"påminn mig om en vecka" moves the next prompt; a pause stops them until its date', async () => {
    const pending = (await outboxItems(h, initiativeId)).filter((i) => i.status === 'pending' && i.kind === 'followUp');
    const first = pending.map((i) => i.dueAt).sort()[0]!;
    clock.set(first);
    const promptId = pending.find((i) => i.dueAt === first)!.id;
    const snoozed = await h.post(cardAction('followUp', { verb: 'followUp', op: 'snooze', days: '7', promptId, initiativeId }, { conversationId: 'a:reg-owner', userId: 'owner' }));
    expect(textOf(((await snoozed.json()) as { value: Card }).value)).toContain('Jag påminner dig');
    const today = localDate(new Date(first));
    for (const i of (await outboxItems(h, initiativeId)).filter((x) => x.status === 'pending' && x.kind === 'followUp')) {
      expect(localDate(new Date(i.dueAt)) >= new Date(new Date(`${today}T12:00:00Z`).getTime() + 7 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
    }
    const paused = await h.post(cardAction('followUp', { verb: 'followUp', op: 'pause', pauseUntil: '2028-03-01', promptId, initiativeId }, { conversationId: 'a:reg-owner', userId: 'owner' }));
    expect(textOf(((await paused.json()) as { value: Card }).value)).toContain('pausad till 2028-03-01');
    for (const i of (await outboxItems(h, initiativeId)).filter((x) => x.status === 'pending' && x.kind === 'followUp')) {
      expect(localDate(new Date(i.dueAt)) >= '2028-03-01').toBe(true);
    }
    const badDate = await h.post(cardAction('followUp', { verb: 'followUp', op: 'pause', pauseUntil: '1999-01-01', promptId, initiativeId }, { conversationId: 'a:reg-owner', userId: 'owner' }));
    expect(textOf(((await badDate.json()) as { value: Card }).value)).toContain('Välj ett datum efter i dag');
  });

  it('in chat: "när kommer nästa uppföljning?" lists the next date; "påminn mig om en vecka" moves them', async () => {
    await h.post(teamsMessage('När kommer nästa uppföljning?', { conversationId: 'a:chat-owner', userId: 'owner' }));
    const [list] = await connector.waitFor('a:chat-owner', 1);
    expect(list!.body.text).toMatch(/Nästa uppföljning:\n- Digitala lås i hemtjänsten: \d{4}-\d{2}-\d{2}/);
    await h.post(teamsMessage('pausa uppföljningen i två veckor', { conversationId: 'a:chat-owner', userId: 'owner' }));
    const [, paused] = await connector.waitFor('a:chat-owner', 2);
    expect(paused!.body.text).toMatch(/^Uppföljningen är pausad till \d{4}-\d{2}-\d{2} för dina 1 insatser\.$/);
  });

  it('administrators see the outbox and can send what is due now; others are refused', async () => {
    await h.post(teamsMessage('visa utskick', { conversationId: 'a:adm-1', userId: 'someone' }));
    const [refusal] = await connector.waitFor('a:adm-1', 1);
    expect(refusal!.body.text).toContain('administratörer');
    await h.post(teamsMessage('visa utskick', { conversationId: 'a:adm-2', userId: 'admin' }));
    const [report] = await connector.waitFor('a:adm-2', 1);
    expect(report!.body.text).toMatch(/Utskick: \d+ väntar, \d+ skickas just nu, \d+ skickade/);
    await h.post(teamsMessage('kör uppföljning nu', { conversationId: 'a:adm-2', userId: 'admin' }));
    const [, ran] = await connector.waitFor('a:adm-2', 2);
    expect(ran!.body.text).toMatch(/^Klart: \d+ skickade/);
  });
});

describe('sending at the rate and with the failures Teams has', () => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const connector = new LocalConnector();
  let h: Harness;
  beforeAll(async () => {
    await connector.start();
    h = await startHarness({ knowledgeDir: KNOWLEDGE, clock, connector, env: { OUTBOX_INTERVAL_SECONDS: '0' } });
  });
  afterAll(async () => {
    await h.close();
    await connector.close();
  });

  async function dueFor(user: string): Promise<string> {
    await register(h, user, `Insats för ${user}`);
    const id = (await new InitiativeRepository(h.bot.store).forOwner(`aad-${user}`))[0]!.value.id;
    const periodic = (await outboxItems(h, id)).find((i) => i.period.startsWith('periodic:'))!;
    return periodic.dueAt;
  }

  it('a 503 is tried again later, once per run: the connector sees exactly one request per attempt, and after five the item fails', async () => {
    const due = await dueFor('flaky');
    connector.fail('a:reg-flaky', 503);
    const before = connector.requests.filter((r) => r.conversationId === 'a:reg-flaky').length;
    clock.set(new Date(new Date(due).getTime() + 1000).toISOString());
    for (let attempt = 1; attempt <= 5; attempt++) {
      await h.bot.dispatcher.runOnce();
      expect(connector.requests.filter((r) => r.conversationId === 'a:reg-flaky')).toHaveLength(before + attempt);
      const [item] = (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { recipientId: 'aad-flaky', kind: 'followUp' }, orderBy: { field: 'dueAt', direction: 'asc' }, limit: 1 })).map((s) => s.value);
      expect(item!.attempts).toBe(attempt);
      expect(item!.status).toBe(attempt < 5 ? 'pending' : 'failed');
      clock.set(new Date(new Date(item!.dueAt).getTime() + 1000).toISOString());
    }
  });

  it('a 429 waits as long as Retry-After says, and counts as throttled', async () => {
    const due = await dueFor('busy');
    connector.fail('a:reg-busy', 429, { retryAfter: 1, times: 1 });
    clock.set(new Date(new Date(due).getTime() + 1000).toISOString());
    await h.bot.dispatcher.runOnce();
    const [item] = (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { recipientId: 'aad-busy', kind: 'followUp' }, limit: 1 })).map((s) => s.value);
    expect(item).toMatchObject({ status: 'pending', throttled: 1, attempts: 1 });
    expect(new Date(item!.dueAt).getTime() - clock.now().getTime()).toBe(1000);
    clock.set(new Date(clock.now().getTime() + 2000).toISOString());
    await h.bot.dispatcher.runOnce();
    const [after] = (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { recipientId: 'aad-busy', kind: 'followUp', status: 'sent' } })).map((s) => s.value);
    expect(after).toMatchObject({ attempts: 2, throttled: 1 });
  });

  it('a deleted chat (404 ConversationNotFound) or a block (403) marks the owner unreachable with the reason, not retried; writing again heals it', async () => {
    const due = await dueFor('gone');
    connector.fail('a:reg-gone', 404, { code: 'ConversationNotFound' });
    const due2 = await dueFor('blocker');
    connector.fail('a:reg-blocker', 403, { code: 'ConversationBlockedByUser' });
    const sentToGone = (): number => connector.requests.filter((r) => r.conversationId === 'a:reg-gone').length;
    clock.set(new Date(Math.max(new Date(due).getTime(), new Date(due2).getTime()) + 1000).toISOString());
    await h.bot.dispatcher.runOnce();
    const outbox = h.bot.store.collection<OutboxItem>('outbox');
    const gone = (await outbox.query(undefined, { where: { recipientId: 'aad-gone', status: 'unreachable' } })).map((s) => s.value);
    expect(gone.length).toBeGreaterThanOrEqual(1);
    for (const g of gone) expect(g.lastError).toBe('ConversationNotFound');
    expect((await outbox.query(undefined, { where: { recipientId: 'aad-blocker', status: 'unreachable' } }))[0]?.value.lastError).toBe('ConversationBlockedByUser');
    const contact = await h.bot.store.collection<{ id: string; pk: string; status: string; reason: string | null }>('conversations').get('aad-gone', 'aad-gone');
    expect(contact?.value).toMatchObject({ status: 'unreachable', reason: 'ConversationNotFound' });
    // Not retried in a loop: later runs send nothing more to that chat.
    const after = sentToGone();
    clock.set(new Date(clock.now().getTime() + 200 * 86_400_000).toISOString());
    await h.bot.dispatcher.runOnce();
    expect(sentToGone()).toBe(after);
    // The person writes again: reachable again.
    connector.heal('a:reg-gone');
    const replies = connector.activities.filter((a) => a.conversationId === 'a:reg-gone').length;
    await h.post(teamsMessage('hej', { conversationId: 'a:reg-gone', userId: 'gone' }));
    await connector.waitFor('a:reg-gone', replies + 1);
    expect((await h.bot.store.collection<{ id: string; pk: string; status: string }>('conversations').get('aad-gone', 'aad-gone'))?.value.status).toBe('reachable');
    // …and what could not reach them goes out at the next run.
    const beforeRetry = connector.activities.filter((a) => a.conversationId === 'a:reg-gone').length;
    expect((await h.bot.dispatcher.runOnce()).sent).toBeGreaterThanOrEqual(1);
    const again = connector.activities.filter((a) => a.conversationId === 'a:reg-gone').slice(beforeRetry);
    expect(again.some((a) => textOf(a.body.attachments?.[0]?.content).includes('Uppföljning: Insats för gone'))).toBe(true);
  });

  it('uninstalling drops the reference; the prompt is marked unreachable (AppUninstalled) without a send', async () => {
    const due = await dueFor('leaver');
    await h.post({ ...teamsMessage('', { conversationId: 'a:reg-leaver', userId: 'leaver' }), type: 'installationUpdate', action: 'remove', text: undefined });
    clock.set(new Date(new Date(due).getTime() + 1000).toISOString());
    const before = connector.requests.length;
    await h.bot.dispatcher.runOnce();
    expect(connector.requests.slice(before).filter((r) => r.conversationId === 'a:reg-leaver')).toHaveLength(0);
    const [item] = (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { recipientId: 'aad-leaver', status: 'unreachable' } })).map((s) => s.value);
    expect(item?.lastError).toBe('AppUninstalled');
  });
});
