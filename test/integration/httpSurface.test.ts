import { gzipSync } from 'node:zlib';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cardAction, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { textOf } from '../helpers/cardText.js';
import { OpenIdIssuer } from '../helpers/openIdIssuer.js';
import { routeConsoleToLog } from '../../src/consoleToLog.js';
import { createLogger } from '../../src/logger.js';

async function raw(h: Harness, body: BodyInit, headers: Record<string, string>): Promise<Response> {
  return fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers, body });
}

async function stillAnswers(h: Harness, conversationId: string): Promise<void> {
  const res = await h.post(teamsMessage('hjälp', { conversationId }));
  expect(res.status).toBe(200);
  await h.connector.waitFor(conversationId, 1);
}

function uploads(): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith('upload_'));
}

describe('HTTP surface in local mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a gzip header with a body that is not gzip gets 415, and the process keeps answering', async () => {
    const res = await raw(h, 'this is not gzip at all, sorry', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBe(415);
    await stillAnswers(h, 'a:gz1');
  });

  it('a gzip bomb is never inflated: 415 before a byte is decompressed', async () => {
    const bomb = gzipSync(Buffer.alloc(50_000_000, 0x20));
    expect(bomb.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage().rss;
    const res = await raw(h, bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBe(415);
    expect(process.memoryUsage().rss - before).toBeLessThan(40_000_000);
    await stillAnswers(h, 'a:gz2');
  });

  it('multipart uploads are refused with 415 and nothing reaches the temp folder', async () => {
    const before = uploads();
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(5_000_000, 0x61)]), 'big.bin');
    const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', body: form });
    expect(res.status).toBe(415);
    expect(uploads()).toEqual(before);
    await stillAnswers(h, 'a:mp1');
  });

  it('a body over 1 MB gets 413, declared or streamed', async () => {
    const big = JSON.stringify({ ...teamsMessage('x'), text: 'a'.repeat(1_100_000) });
    const declared = await raw(h, big, { 'content-type': 'application/json' });
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new TextEncoder().encode('a'.repeat(100_000)));
        controller.close();
      },
    });
    const chunked = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    await stillAnswers(h, 'a:big1');
  });

  it('malformed activities get 400, not 500: no conversation, no type, a type that is not a string', async () => {
    const noConversation: Record<string, unknown> = { ...teamsMessage('hej'), serviceUrl: h.connector.url };
    delete noConversation.conversation;
    expect((await raw(h, JSON.stringify(noConversation), { 'content-type': 'application/json' })).status).toBe(400);
    const noType: Record<string, unknown> = { ...teamsMessage('hej'), serviceUrl: h.connector.url };
    delete noType.type;
    expect((await raw(h, JSON.stringify(noType), { 'content-type': 'application/json' })).status).toBe(400);
    expect((await raw(h, JSON.stringify({ ...teamsMessage('hej'), serviceUrl: h.connector.url, type: 42 }), { 'content-type': 'application/json' })).status).toBe(400);
    expect((await raw(h, JSON.stringify([1, 2, 3]), { 'content-type': 'application/json' })).status).toBe(400);
    expect((await raw(h, 'text', { 'content-type': 'text/plain' })).status).toBe(415);
    await stillAnswers(h, 'a:mal1');
  });

  it('a card action with an unknown or retired verb gets a short Swedish card, not a bare 501', async () => {
    const res = await h.post(cardAction('gammalVerb', { verb: 'gammalVerb', x: 1 }, { conversationId: 'a:v1' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(textOf(body.value)).toContain('Kortet är inaktuellt');
  });

  it('an Action.Submit with an unknown verb (clients without Universal Actions) gets the same message', async () => {
    await h.post(teamsMessage('', { conversationId: 'a:v2', value: { verb: 'gammalVerb', draftId: 'x' } }));
    const [reply] = await h.connector.waitFor('a:v2', 1);
    expect(reply!.body.text).toContain('Kortet är inaktuellt');
  });

  it('an activity without aadObjectId cannot act as the person whose object id it sends as from.id', async () => {
    await h.post(teamsMessage('registrera insats', { conversationId: 'a:id1', userId: 'victim' }));
    await h.connector.waitFor('a:id1', 1);
    const impostor = { ...teamsMessage('fortsätt', { conversationId: 'a:id2' }), from: { id: 'aad-victim', name: 'Någon' } };
    await h.post(impostor);
    const [reply] = await h.connector.waitFor('a:id2', 1);
    expect(textOf(reply!.body.attachments?.[0]?.content)).toContain('ingen påbörjad registrering');
  });
});

describe('logs', () => {
  let h: Harness;
  const lines: string[] = [];
  beforeAll(async () => {
    h = await startHarness({ logLines: lines });
  });
  afterAll(async () => {
    await h.close();
  });

  it('carry neither what people write nor their names, at any level, also when a turn fails', async () => {
    const secretText = 'Zebrafinkens hemliga budget för Pios';
    const secretName = 'Greta Hemligsson';
    await h.post(teamsMessage(secretText, { conversationId: 'a:log1', name: secretName }));
    await h.post(teamsMessage('registrera insats', { conversationId: 'a:log1', name: secretName }));
    const replies = await h.connector.waitFor('a:log1', 2);
    const card = replies[1]!.body.attachments?.[0]?.content as { actions: { title: string; data: Record<string, unknown> }[] };
    const next = card.actions.find((a) => a.title === 'Nästa')!;
    await h.post(cardAction('registration', { ...next.data, name: secretText, description: `${secretText} och mer`, organisation: 'Hittepå' }, { conversationId: 'a:log1' }));
    await h.post(cardAction('registration', { draftId: 12, nav: { evil: secretText } }, { conversationId: 'a:log1' }));
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('\n');
    expect(all).toContain('"event":"question"');
    expect(all).toContain('"event":"registration_step"');
    expect(all).not.toContain('Zebrafink');
    expect(all).not.toContain('Hemligsson');
  });
});

describe('HTTP surface with a bot identity', () => {
  const appId = '00000000-0000-0000-0000-000000000002';
  const issuer = new OpenIdIssuer();
  let h: Harness;
  beforeAll(async () => {
    await issuer.start();
    h = await startHarness({ env: { BOT_ID: appId, BOT_PASSWORD: 'not-a-real-secret', BOT_OPENID_METADATA: issuer.metadataUrl, ALLOWED_TENANTS: 'tenant-1' } });
  });
  afterAll(async () => {
    await h.close();
    await issuer.close();
  });

  it('refuses a request without a token before reading its body: gzip, multipart, anything', async () => {
    const gz = await raw(h, 'not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gz.status).toBe(401);
    const before = uploads();
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(5_000_000, 0x61)]), 'big.bin');
    expect((await fetch(`${h.bot.url}/api/messages`, { method: 'POST', body: form })).status).toBe(401);
    expect(uploads()).toEqual(before);
  });

  it('answers 401 without a stack trace: what botbuilder prints goes into the structured log, one short line', async () => {
    const lines: string[] = [];
    const restore = routeConsoleToLog(createLogger('info', 'test', { write: (l: string) => void lines.push(l) }));
    const writes = vi.spyOn(process.stderr, 'write');
    try {
      const res = await h.post(teamsMessage('hjälp', { conversationId: 'a:s1' }), { authorization: `Bearer ${issuer.token(appId, h.connector.url, OpenIdIssuer.otherKey())}` });
      expect(res.status).toBe(401);
      expect(writes).not.toHaveBeenCalled();
    } finally {
      writes.mockRestore();
      restore();
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(JSON.parse(l)).toMatchObject({ event: 'library_console' });
      expect(l).not.toMatch(/\\n\s+at /);
    }
  });

  it('accepts a correctly signed token from its own tenant and refuses one from another tenant with 403', async () => {
    const own = await h.post(teamsMessage('hjälp', { conversationId: 'a:t1', tenantId: 'tenant-1' }), { authorization: `Bearer ${issuer.token(appId, h.connector.url)}` });
    expect([401, 403]).not.toContain(own.status);
    const other = await h.post(teamsMessage('hjälp', { conversationId: 'a:t2', tenantId: 'tenant-2' }), { authorization: `Bearer ${issuer.token(appId, h.connector.url)}` });
    expect(other.status).toBe(403);
  });
});
