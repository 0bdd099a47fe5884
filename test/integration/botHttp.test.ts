import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { QuestionLog } from '../../src/qa/questionLog.js';
import { OpenIdIssuer } from '../helpers/openIdIssuer.js';
import { textOf } from '../helpers/cardText.js';

type Card = { body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions?: { type: string; title: string; data?: Record<string, unknown> }[] };

function cardOf(activity: { body: { attachments?: { content: Record<string, unknown> }[] } }): Card {
  const card = activity.body.attachments?.[0]?.content;
  if (!card) throw new Error('Svaret hade inget kort');
  return card as unknown as Card;
}

describe('bot over HTTP, as Teams talks to it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers a question with the passage, document, section and page', async () => {
    const res = await h.post(teamsMessage('Hur många av insatserna i planen är klara?', { conversationId: 'a:q1' }));
    expect(res.status).toBe(200);
    const [reply] = await h.connector.waitFor('a:q1', 1);
    const card = cardOf(reply!);
    const text = textOf(card);
    expect(text).toContain('12 av 17');
    expect(text).toContain('goteborg-fordjupad-uppfoljning-digitalisering-2024.txt');
    expect(text).toMatch(/Sida: \d+/);
    expect(card.actions?.map((a) => a.title)).toEqual(expect.arrayContaining(['👍 Bra svar', '👎 Inte till hjälp']));
  });

  it('stores 👎 on the question when the button is pressed (Action.Execute invoke)', async () => {
    await h.post(teamsMessage('Vad är Pios?', { conversationId: 'a:q2' }));
    const [reply] = await h.connector.waitFor('a:q2', 1);
    const down = cardOf(reply!).actions?.find((a) => a.title.startsWith('👎'));
    const data = down?.data as { questionId: string; pk: string };
    const res = await h.post(cardAction('feedback', { ...data }, { conversationId: 'a:q2' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; value: Card };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('Tack!');
    const stored = await new QuestionLog(h.bot.store).get({ id: data.questionId, pk: data.pk });
    expect(stored?.feedback).toBe('down');
    expect(stored?.question).toBe('Vad är Pios?');
  });

  it('says plainly when the documents do not answer, and records the question', async () => {
    await h.post(teamsMessage('Hur bokar jag en tvättstuga i Göteborg?', { conversationId: 'a:q3' }));
    const [reply] = await h.connector.waitFor('a:q3', 1);
    const text = textOf(cardOf(reply!));
    expect(text).toContain('hittar jag inte i dokumenten');
    expect(text).not.toContain('Dokument:');
    const gaps = await new QuestionLog(h.bot.store).unanswered(new Date().toISOString().slice(0, 7));
    expect(gaps.map((g) => g.question)).toContain('Hur bokar jag en tvättstuga i Göteborg?');
  });

  it('greets a new user in personal chat with the welcome card, and answers "hjälp"', async () => {
    await h.post({ ...teamsMessage('', { conversationId: 'a:w1' }), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '29:user-1' }] });
    const [welcome] = await h.connector.waitFor('a:w1', 1);
    expect(textOf(cardOf(welcome!))).toContain('Hej! Jag är Planpiloten');
    await h.post(teamsMessage('hjälp', { conversationId: 'a:w1' }));
    const replies = await h.connector.waitFor('a:w1', 2);
    expect(textOf(cardOf(replies[1]!))).toContain('Svarar på frågor');
  });

  it('answers in a channel when @mentioned, without the mention in the question', async () => {
    const activity = teamsMessage('<at>Planpiloten</at> vad är pios', { conversationId: '19:channel@thread.tacv2;messageid=1', conversationType: 'channel' });
    activity.entities = [{ type: 'mention', text: '<at>Planpiloten</at>', mentioned: { id: '28:planpiloten', name: 'Planpiloten' } }];
    await h.post(activity);
    const [reply] = await h.connector.waitFor('19:channel@thread.tacv2;messageid=1', 1);
    expect(textOf(cardOf(reply!))).toContain('Pios');
  });
});

describe('bad input over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('an empty message gets a prompt to ask, not a crash', async () => {
    await h.post(teamsMessage('   ', { conversationId: 'a:b1' }));
    const [reply] = await h.connector.waitFor('a:b1', 1);
    expect(textOf(cardOf(reply!))).toContain('Skriv en fråga');
  });

  it('a 20,000-character message is refused politely', async () => {
    const res = await h.post(teamsMessage('digitalisering '.repeat(1400), { conversationId: 'a:b2' }));
    expect(res.status).toBe(200);
    const [reply] = await h.connector.waitFor('a:b2', 1);
    expect(textOf(cardOf(reply!))).toContain('för lång');
  });

  it('only emoji is treated as no question', async () => {
    await h.post(teamsMessage('👍🎉🤖', { conversationId: 'a:b3' }));
    const [reply] = await h.connector.waitFor('a:b3', 1);
    expect(textOf(cardOf(reply!))).toContain('Skriv en fråga');
  });

  it('markup in a question is never echoed unescaped into a card', async () => {
    const evil = '<script>alert(1)</script> [klicka](https://evil.example) **pios** ${root}';
    await h.post(teamsMessage(evil, { conversationId: 'a:b4' }));
    const [reply] = await h.connector.waitFor('a:b4', 1);
    const json = JSON.stringify(reply!.body);
    expect(json).not.toContain('<script>');
    expect(json).not.toContain('](https://evil.example)');
    expect(json).not.toContain('${root}');
  });

  it('unknown activity types are ignored with 200 and no reply', async () => {
    const before = h.connector.activities.length;
    const res = await h.post({ ...teamsMessage('', { conversationId: 'a:b5' }), type: 'somethingNew', text: undefined });
    expect(res.status).toBeLessThan(300);
    const typing = await h.post({ ...teamsMessage('', { conversationId: 'a:b5' }), type: 'typing', text: undefined });
    expect(typing.status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.connector.activities.length).toBe(before);
  });

  it('feedback for a question that does not exist, or malformed, changes nothing and says so', async () => {
    const missing = await h.post(cardAction('feedback', { verb: 'feedback', questionId: '00000000-0000-4000-8000-000000000000', pk: '2026-01', value: 'up' }, { conversationId: 'a:b6' }));
    const body = (await missing.json()) as { value: unknown };
    expect(JSON.stringify(body.value)).toContain('hittar inte den frågan');
    const bad = await h.post(cardAction('feedback', { verb: 'feedback', questionId: '../../etc', pk: 'x', value: 'evil' }, { conversationId: 'a:b6' }));
    expect(JSON.stringify(((await bad.json()) as { value: unknown }).value)).toContain('saknar uppgifter');
  });

  it('only the asker can rate an answer', async () => {
    await h.post(teamsMessage('Vad är Pios?', { conversationId: 'a:b7', userId: 'asker' }));
    const [reply] = await h.connector.waitFor('a:b7', 1);
    const data = cardOf(reply!).actions?.find((a) => a.title.startsWith('👍'))?.data as { questionId: string; pk: string };
    const res = await h.post(cardAction('feedback', { ...data }, { conversationId: 'a:b7', userId: 'someone-else' }));
    expect(JSON.stringify(((await res.json()) as { value: unknown }).value)).toContain('Bara den som ställde');
    expect((await new QuestionLog(h.bot.store).get({ id: data.questionId, pk: data.pk }))?.feedback).toBeNull();
  });

  it('a body that is not JSON gets 400, and the bot keeps answering', async () => {
    const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message", ' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await h.post(teamsMessage('Vad är Pios?', { conversationId: 'a:b8' }));
    await h.connector.waitFor('a:b8', 1);
  });
});

describe('authentication', () => {
  const appId = '00000000-0000-0000-0000-000000000001';
  let h: Harness;
  const issuer = new OpenIdIssuer();
  beforeAll(async () => {
    await issuer.start();
    h = await startHarness({ env: { BOT_ID: appId, BOT_PASSWORD: 'not-a-real-secret', BOT_OPENID_METADATA: issuer.metadataUrl } });
  });
  afterAll(async () => {
    await h.close();
    await issuer.close();
  });

  it('with BOT_ID set, a token signed by the channel\'s published key is accepted', async () => {
    // Replies cannot be sent offline (that needs a token from Entra ID); the request is let in.
    const res = await h.post(teamsMessage('hjälp', { conversationId: 'a:auth0' }), { authorization: `Bearer ${issuer.token(appId, h.connector.url)}` });
    expect(res.status).not.toBe(401);
    expect(res.status).not.toBe(403);
  });

  it('with BOT_ID set, a token signed with another key, or for another bot, gets 401', async () => {
    const otherKey = await h.post(teamsMessage('hjälp', { conversationId: 'a:auth3' }), { authorization: `Bearer ${issuer.token(appId, h.connector.url, OpenIdIssuer.otherKey())}` });
    expect(otherKey.status).toBe(401);
    const otherBot = await h.post(teamsMessage('hjälp', { conversationId: 'a:auth3' }), { authorization: `Bearer ${issuer.token('11111111-0000-0000-0000-000000000000', h.connector.url)}` });
    expect(otherBot.status).toBe(401);
  });

  it('with BOT_ID set, a request without a token gets 401 and no reply', async () => {
    const res = await h.post(teamsMessage('Vad är Pios?', { conversationId: 'a:auth1' }));
    expect(res.status).toBe(401);
  });

  it('with BOT_ID set, a forged token gets 401', async () => {
    const forged = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"aud":"00000000-0000-0000-0000-000000000001","iss":"https://api.botframework.com"}').toString('base64url')}.`;
    const res = await h.post(teamsMessage('Vad är Pios?', { conversationId: 'a:auth2' }), { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
    expect(h.connector.activities.filter((a) => a.conversationId.startsWith('a:auth'))).toHaveLength(0);
  });

  it('/health answers without a token and tells nothing secret', async () => {
    const res = await fetch(`${h.bot.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe('ok');
    expect(JSON.stringify(body)).not.toContain('not-a-real-secret');
  });
});
