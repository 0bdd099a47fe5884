import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../src/outbox/outboxRepository.js';
import type { ChannelSubscription } from '../../src/summary/subscriptions.js';
import type { Clock } from '../../src/time/clock.js';
import { startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { textOf } from '../helpers/cardText.js';
import { LocalConnector, type CapturedActivity } from '../helpers/connector.js';
import { register, type Card } from '../helpers/registrationDriver.js';

const KNOWLEDGE = path.resolve('knowledge');
const TEAM = '19:team-ledning@thread.tacv2';
const CHANNEL = '19:kanal-portfolj@thread.tacv2';
const ORG = 'Äldre samt vård- och omsorgsförvaltningen';

function movableClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => now, set: (iso) => (now = new Date(iso)) };
}

/** A message in the team channel, @mentioning the bot, as Teams sends it. */
function channelMessage(text: string, userId: string, value?: unknown): Record<string, unknown> {
  return {
    ...teamsMessage(`<at>Planpiloten</at> ${text}`, { conversationId: `${CHANNEL};messageid=1700000000000`, userId, conversationType: 'channel', ...(value ? { value } : {}) }),
    channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'Ledningsgruppen' }, channel: { id: CHANNEL, name: 'Portfölj' } },
    entities: [{ type: 'mention', text: '<at>Planpiloten</at>', mentioned: { id: '28:planpiloten', name: 'Planpiloten' } }],
  };
}

function teamEvent(eventType: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...teamsMessage('', { conversationId: TEAM, conversationType: 'channel' }),
    type: 'conversationUpdate',
    text: undefined,
    channelData: { tenant: { id: 'tenant-1' }, eventType, team: { id: TEAM, name: 'Ledningsgruppen' } },
    ...extra,
  };
}

describe('weekly portfolio summaries in a managers’ channel, over HTTP', () => {
  const clock = movableClock('2026-11-23T10:00:00Z');
  const connector = new LocalConnector();
  let dataDir: string;
  let h: Harness;
  const start = async (): Promise<Harness> =>
    startHarness({ knowledgeDir: KNOWLEDGE, clock, connector, dataDir, env: { OUTBOX_INTERVAL_SECONDS: '0', MANAGER_IDS: 'aad-chef', ADMIN_IDS: 'aad-admin' } });
  const repliesSince = (n: number): CapturedActivity[] => connector.activities.slice(n);
  const say = async (activity: Record<string, unknown>): Promise<CapturedActivity[]> => {
    const before = connector.activities.length;
    expect((await h.post(activity)).status).toBe(200);
    return repliesSince(before);
  };
  const text = (a: CapturedActivity | undefined): string => (a?.body.attachments?.[0] ? textOf(a.body.attachments[0].content) : (a?.body.text ?? ''));
  const summaryItems = async (): Promise<OutboxItem[]> => (await h.bot.store.collection<OutboxItem>('outbox').query(undefined, { where: { kind: 'summary' } })).map((s) => s.value);
  const toChannel = (): CapturedActivity[] => connector.activities.filter((a) => a.conversationId === CHANNEL);

  beforeAll(async () => {
    await connector.start();
    dataDir = await mkdtemp(path.join(tmpdir(), 'pp-summary-'));
    h = await start();
    await register(h, 'owner', 'Digitala lås i hemtjänsten');
  });
  afterAll(async () => {
    await h.close();
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a subscription from someone who is not a manager, politely and in Swedish', async () => {
    const [reply] = await say(channelMessage('prenumerera', 'medarbetare'));
    expect(text(reply)).toContain('till för chefer och administratörer');
    expect(await h.bot.store.collection<ChannelSubscription>('subscriptions').query(undefined)).toHaveLength(0);
  });

  it('a manager subscribes the channel for one organisation; the first summary is planned for next Monday 08:00', async () => {
    const [unknown] = await say(channelMessage('prenumerera Påhittade förvaltningen', 'chef'));
    expect(text(unknown)).toContain('känner jag inte igen');
    const [reply] = await say(channelMessage(`prenumerera ${ORG}`, 'chef'));
    expect(text(reply)).toContain(`för ${ORG} varje vecka`);
    expect(text(reply)).toContain('Nästa kommer 2026-11-30 kl. 08:00');
    // Subscribed after this Monday's send time: only next week's is planned.
    expect((await summaryItems()).map((i) => i.period)).toEqual(['2026-W49']);
    const [shown] = await say(channelMessage('visa prenumeration', 'medarbetare'));
    expect(text(shown)).toContain(ORG);
    expect(text(shown)).toContain('2026-11-30 kl. 08:00');
  });

  it('posts the summary in the channel when it is due, once, also after a restart and with the planner run again', async () => {
    expect((await h.bot.dispatcher.runOnce()).sent).toBe(0);
    clock.set('2026-11-30T07:00:05Z');
    const report = await h.bot.dispatcher.runOnce();
    expect(report.sent).toBe(1);
    const posts = toChannel();
    expect(posts).toHaveLength(1);
    // A new post in the channel, not a reply in the thread the subscription was made in.
    expect(posts[0]!.method).toBe('POST');
    const card = text(posts[0]);
    expect(card).toContain('Portföljöversikt vecka 48, 23 nov–29 nov 2026');
    expect(card).toContain(ORG);
    expect(card).toContain('Digitala lås i hemtjänsten');
    expect(card).toContain('Nya insatser');
    expect(card).toContain('Utan nyttokalkyl');
    await h.close();
    h = await start();
    expect((await h.bot.dispatcher.runOnce()).sent).toBe(0);
    expect(toChannel()).toHaveLength(1);
    expect((await summaryItems()).map((i) => i.period).sort()).toEqual(['2026-W49', '2026-W50']);
  });

  it('opens a count: a channel member sees the initiatives behind it; someone else, elsewhere, does not', async () => {
    const posted = toChannel()[0]!.body.attachments![0]!.content as Card;
    const scope = JSON.stringify(posted).match(/"scope":"([^"]+)"/)![1]!;
    // A client sends the card's inputs with a row's data, as the Playground does: the row's bucket counts.
    const [list] = await say(channelMessage('', 'medarbetare', { verb: 'summaryList', bucket: 'new', scope, pick: 'all' }));
    expect(text(list)).toContain('Insatser: nya insatser (1)');
    // The "Visa insatserna" button under the list of counts takes what was picked.
    const [picked] = await say(channelMessage('', 'medarbetare', { verb: 'summaryList', scope, pick: 'gap:noCalculation' }));
    expect(text(picked)).toContain('Insatser: utan nyttokalkyl (1)');
    expect(text(list)).toContain('Digitala lås i hemtjänsten');
    const [refused] = await say(teamsMessage('', { userId: 'medarbetare', value: { verb: 'summaryList', bucket: 'new', scope } }));
    expect(text(refused)).toContain('till för chefer');
    const [stale] = await say(teamsMessage('', { userId: 'chef', value: { verb: 'summaryList', bucket: 'phase:påhittad', scope } }));
    expect(text(stale)).toContain('Kortet är inaktuellt');
  });

  it('"sammanfattning" posts one now for managers, in personal chat too, and refuses others', async () => {
    const [card] = await say(teamsMessage('sammanfattning', { userId: 'chef' }));
    expect(text(card)).toContain('Portföljöversikt de senaste sju dagarna');
    expect(text(card)).toContain('Alla förvaltningar och bolag');
    const [refused] = await say(teamsMessage('sammanfattning', { userId: 'medarbetare' }));
    expect(text(refused)).toContain('till för chefer');
    const [inChannel] = await say(channelMessage('sammanfattning', 'chef'));
    expect(text(inChannel)).toContain(ORG);
  });

  it('gives managers a short-lived, signed download link to the portfolio as CSV in personal chat only', async () => {
    const [inChannel] = await say(channelMessage('ladda ned portföljen', 'chef'));
    expect(text(inChannel)).toContain('personliga chatt');
    const [card] = await say(teamsMessage('ladda ned portföljen', { userId: 'chef' }));
    const url = new URL(JSON.stringify(card!.body).match(/"url":"([^"]+)"/)![1]!);
    const token = url.searchParams.get('t')!;
    const csv = await fetch(`${h.bot.url}/export/portfolio.csv?t=${encodeURIComponent(token)}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('Digitala lås i hemtjänsten');
    const forged = await fetch(`${h.bot.url}/export/portfolio.csv?t=${encodeURIComponent(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))}`);
    expect(forged.status).toBe(403);
    const [refused] = await say(teamsMessage('ladda ned portföljen', { userId: 'medarbetare' }));
    expect(text(refused)).toContain('till för chefer');
    clock.set('2026-11-30T07:20:00Z');
    expect((await fetch(`${h.bot.url}/export/portfolio.csv?t=${encodeURIComponent(token)}`)).status).toBe(403);
  });

  it('marks the channel when the bot is removed from the team, skips its summary, says why, and resumes when it is back', async () => {
    await say(teamEvent('teamMemberRemoved', { membersRemoved: [{ id: '28:planpiloten' }] }));
    const [listed] = await say(teamsMessage('visa prenumerationer', { userId: 'chef' }));
    expect(text(listed)).toContain('Planpiloten har tagits bort från teamet');
    clock.set('2026-12-07T07:30:00Z');
    const report = await h.bot.dispatcher.runOnce();
    expect(report.unreachable).toBe(1);
    expect(toChannel()).toHaveLength(1);
    await say(teamEvent('teamMemberAdded', { membersAdded: [{ id: '28:planpiloten' }] }));
    clock.set('2026-12-14T07:30:00Z');
    expect((await h.bot.dispatcher.runOnce()).sent).toBe(1);
    expect(toChannel()).toHaveLength(2);
  });

  it('a manager ends the subscription; no more summaries reach the channel', async () => {
    const [refused] = await say(channelMessage('avsluta prenumeration', 'medarbetare'));
    expect(text(refused)).toContain('till för chefer');
    const [ended] = await say(channelMessage('avsluta prenumeration', 'chef'));
    expect(text(ended)).toContain('Prenumerationen är avslutad');
    const [shown] = await say(channelMessage('visa prenumeration', 'chef'));
    expect(text(shown)).toContain('ingen prenumeration');
    clock.set('2026-12-21T07:30:00Z');
    const report = await h.bot.dispatcher.runOnce();
    expect(report.sent).toBe(0);
    expect(toChannel()).toHaveLength(2);
  });
});
