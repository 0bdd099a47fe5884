import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationReferences, channelKey } from '../../src/conversations/conversationReferences.js';
import { CORPUS_DIR, startHarness, type Harness } from '../helpers/botHarness.js';
import { textOf } from '../helpers/cardText.js';
import { PlaygroundClient, type PlaygroundConfigFile, type StreamEvent } from '../helpers/playgroundClient.js';
import { startRecordingProxy, type RecordingProxy } from '../helpers/recordingProxy.js';

const person = (id: string, name: string, aad: string): PlaygroundConfigFile['currentUser'] => {
  const [givenName = name, surname = name] = name.split(' ');
  const email = `${givenName.toLowerCase()}@kommun.example`;
  return { id, name, aadObjectId: aad, userPrincipleName: email, givenName, surname, email };
};

const MANAGER = person('29:1chef', 'Karin Chef', '7c1e0000-0000-4000-8000-000000000001');
const COLLEAGUE = person('29:1handlaggare', 'Olle Handläggare', '7c1e0000-0000-4000-8000-000000000002');
const TEAM = '19:ledning-team@thread.tacv2';
const CHANNEL = '19:ledning-portfolj@thread.tacv2';

/** A tenant as Teams names things: the manager is the Playground's user, a colleague is one of the others. */
const TENANT: PlaygroundConfigFile = {
  version: '0.1.1',
  tenantId: '7c1e0000-0000-4000-8000-0000000000aa',
  bot: { id: '28:planpiloten', name: 'Planpiloten' },
  currentUser: MANAGER,
  users: [COLLEAGUE, ...[3, 4, 5, 6].map((n) => person(`29:1kollega${n}`, `Kollega Nummer${n}`, `7c1e0000-0000-4000-8000-00000000000${n}`))],
  personalChat: { id: 'a:1personlig-chatt' },
  groupChat: { id: '19:grupp@thread.v2', name: 'Gruppchatt' },
  team: { id: TEAM, name: 'Ledningsgruppen', aadGroupId: '7c1e0000-0000-4000-8000-0000000000bb', channels: [{ id: CHANNEL, name: 'Portfölj' }] },
};

const textOfEvent = (e: StreamEvent): string => {
  const card = e.message?.attachments?.[0]?.content;
  return card ? textOf(card) : (e.message?.text ?? '');
};

/**
 * Team channels end to end through the Agents Playground: the bot is @mentioned in a channel,
 * answers in the thread, refuses a colleague who is not a manager, posts the weekly summary
 * unasked as a new post in the channel, and hears when it is removed from the team.
 */
describe('team channels through the Microsoft 365 Agents Playground', () => {
  let now = new Date('2026-11-23T10:00:00Z');
  const clock = { now: () => now };
  let h: Harness;
  let pg: PlaygroundClient;
  let proxy: RecordingProxy;
  let knowledgeDir = '';
  let thread = '';

  beforeAll(async () => {
    knowledgeDir = await mkdtemp(path.join(tmpdir(), 'pp-e2e-channels-'));
    await cp(CORPUS_DIR, knowledgeDir, { recursive: true });
    await cp(path.resolve('knowledge'), knowledgeDir, { recursive: true });
    h = await startHarness({ knowledgeDir, clock, env: { OUTBOX_INTERVAL_SECONDS: '0', MANAGER_IDS: MANAGER.aadObjectId } });
    // The proxy keeps what the Playground sends, so the test sees the activities as the bot gets them.
    proxy = await startRecordingProxy(`${h.bot.url}/api/messages`);
    pg = await PlaygroundClient.start({ botEndpoint: proxy.url, config: TENANT });
  });

  afterAll(async () => {
    await pg?.close();
    await proxy?.close();
    await h?.close();
    await rm(knowledgeDir, { recursive: true, force: true });
  });

  it('lists the team from its config: General has the team id, the other channel its own', () => {
    expect(pg.team.id).toBe(TEAM);
    expect(pg.team.channels.map((c) => c.id)).toEqual([TEAM, CHANNEL]);
    expect(pg.channel).toEqual({ id: CHANNEL, name: 'Portfölj', channelType: 'standard' });
    expect(pg.config.currentUser.aadObjectId).toBe(MANAGER.aadObjectId);
  });

  it('an @mention with a question in the channel gets the answer card in that thread', async () => {
    const before = pg.mark();
    const received = proxy.activities.length;
    const posted = await pg.mention(CHANNEL, 'Hur många av insatserna i planen är klara?');
    expect(posted.postConversationId).toBe(`${CHANNEL};messageid=${posted.messageId}`);
    thread = posted.postConversationId ?? '';
    const reply = await pg.nextCard(before, { conversationId: thread });
    expect(textOfEvent(reply)).toContain('12 av 17');
    expect(reply.message?.from?.id).toBe('28:planpiloten');
    // What the bot got: a channel message in the new thread, the mention as Teams writes it.
    const got = proxy.activities.slice(received);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      type: 'message',
      text: '<at>Planpiloten</at> Hur många av insatserna i planen är klara?',
      from: { id: MANAGER.id, aadObjectId: MANAGER.aadObjectId },
      recipient: { id: '28:planpiloten' },
      conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: TENANT.tenantId },
      channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT.tenantId } },
    });
    expect(got[0]?.entities).toContainEqual({ type: 'mention', text: '<at>Planpiloten</at>', mentioned: { id: '28:planpiloten', name: 'Planpiloten' } });
  });

  it('does not pass on a channel message that does not @mention the bot', async () => {
    const received = proxy.activities.length;
    const posted = await pg.say('Hur många av insatserna i planen är klara?', CHANNEL);
    expect(posted.postConversationId).toBe(`${CHANNEL};messageid=${posted.messageId}`);
    // The mention that follows is passed on: so the one before it would have been by now.
    const before = pg.mark();
    await pg.mention(posted.postConversationId ?? '', 'hjälp');
    await pg.nextCard(before, { conversationId: posted.postConversationId ?? '' });
    expect(proxy.activities.slice(received).map((a) => a.text)).toEqual(['<at>Planpiloten</at> hjälp']);
  });

  it('a manager subscribes the channel, replying in the thread', async () => {
    const before = pg.mark();
    await pg.mention(thread, 'prenumerera');
    const reply = await pg.nextMessage(before, { conversationId: thread });
    expect(textOfEvent(reply)).toContain('Klart! Den här kanalen får en sammanfattning av portföljen för alla förvaltningar och bolag varje vecka');
    expect(textOfEvent(reply)).toContain('Nästa kommer 2026-11-30 kl. 08:00');
  });

  it('a colleague who is not a manager is refused, in the channel and in personal chat', async () => {
    let before = pg.mark();
    const received = proxy.activities.length;
    await pg.sayAs(COLLEAGUE, thread, 'avsluta prenumeration');
    expect(textOfEvent(await pg.nextMessage(before, { conversationId: thread }))).toContain('till för chefer och administratörer');
    expect(proxy.activities[received]).toMatchObject({ from: { id: COLLEAGUE.id, aadObjectId: COLLEAGUE.aadObjectId }, conversation: { id: thread, conversationType: 'channel' } });

    before = pg.mark();
    await pg.sayAs(COLLEAGUE, pg.personalChatId, 'sammanfattning');
    expect(textOfEvent(await pg.nextMessage(before, { conversationId: pg.personalChatId }))).toContain('till för chefer och administratörer');

    before = pg.mark();
    await pg.say('sammanfattning');
    expect(textOfEvent(await pg.nextCard(before, { conversationId: pg.personalChatId }))).toContain('Portföljöversikt');
  });

  it('posts the weekly summary unasked as a new post in the channel', async () => {
    now = new Date('2026-11-30T07:00:05Z');
    const before = pg.mark();
    expect((await h.bot.dispatcher.runOnce()).sent).toBe(1);
    const post = await pg.nextCard(before, { channelId: CHANNEL });
    // A new post is shown under the channel itself, and starts a thread of its own.
    expect(post.actionConversationId).toBe(CHANNEL);
    expect(post.message?.postConversationId).toBe(`${CHANNEL};messageid=${post.message?.messageId}`);
    expect(textOfEvent(post)).toContain('Portföljöversikt vecka 48, 23 nov–29 nov 2026');
  });

  it('hears the bot removed from the team and added back, as Teams sends it', async () => {
    const references = new ConversationReferences(h.bot.store, clock);
    await pg.sendEvent(CHANNEL, 'botRemoved');
    await expect.poll(async () => (await references.get(channelKey(CHANNEL)))?.reason, { timeout: 5_000 }).toBe('BotRemovedFromTeam');
    await pg.sendEvent(CHANNEL, 'botAdded');
    await expect.poll(async () => (await references.get(channelKey(CHANNEL)))?.status, { timeout: 5_000 }).toBe('reachable');
  });

  it('the manager ends the subscription in the channel; the next Monday nothing is posted', async () => {
    let before = pg.mark();
    await pg.mention(thread, 'avsluta prenumeration');
    expect(textOfEvent(await pg.nextMessage(before, { conversationId: thread }))).toContain('Prenumerationen är avslutad');
    before = pg.mark();
    await pg.mention(thread, 'visa prenumeration');
    expect(textOfEvent(await pg.nextMessage(before, { conversationId: thread }))).toContain('ingen prenumeration');
    now = new Date('2026-12-07T07:30:00Z');
    before = pg.mark();
    expect((await h.bot.dispatcher.runOnce()).sent).toBe(0);
    // Whatever else happens, no new post reaches the channel.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pg.events.slice(before).filter((e) => e.actionConversationId === CHANNEL)).toEqual([]);
  });
});
