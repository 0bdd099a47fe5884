import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { textOf } from '../helpers/cardText.js';

const MEMBER = '11111111-1111-4111-8111-111111111111';
const OUTSIDER = '22222222-2222-4222-8222-222222222222';
const LATER = '33333333-3333-4333-8333-333333333333';
const GROUP = '99999999-9999-4999-8999-999999999999';

/**
 * A local Microsoft Graph that answers checkMemberGroups as Graph does: a bearer token is
 * required, the answer is the subset of the asked group ids the user is a member of.
 */
class LocalGraph {
  readonly requests: { path: string; authorization: string; groupIds: string[] }[] = [];
  down = false;
  private server: Server | undefined;
  url = '';

  constructor(private readonly members: Record<string, string[]>) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = raw ? (JSON.parse(raw) as { groupIds?: string[] }) : {};
        this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization ?? '', groupIds: body.groupIds ?? [] });
        const match = /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/.exec(req.url ?? '');
        // restify patches Node's ServerResponse in this process: writeHead does not chain.
        const send = (status: number, payload: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (this.down) return send(503, { error: { code: 'serviceNotAvailable' } });
        if (req.headers.authorization !== 'Bearer graph-test-token') return send(401, { error: { code: 'InvalidAuthenticationToken' } });
        if (req.method !== 'POST' || !match) return send(404, { error: { code: 'Request_ResourceNotFound' } });
        const user = decodeURIComponent(match[1] ?? '');
        if (!(user in this.members)) return send(404, { error: { code: 'Request_ResourceNotFound' } });
        send(200, { value: (body.groupIds ?? []).filter((g) => this.members[user]?.includes(g)) });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function from(objectId: string, text: string): Record<string, unknown> {
  const activity = teamsMessage(text, { conversationId: `a:${objectId}` });
  return { ...activity, from: { id: `29:${objectId}`, aadObjectId: objectId, name: 'Testperson' } };
}

describe('managers by Entra group, checked with Microsoft Graph', () => {
  const graph = new LocalGraph({ [MEMBER]: [GROUP], [OUTSIDER]: ['some-other-group'], [LATER]: [GROUP] });
  let h: Harness;
  const reply = async (activity: Record<string, unknown>): Promise<string> => {
    const before = h.connector.activities.length;
    expect((await h.post(activity)).status).toBe(200);
    const sent = h.connector.activities[before];
    return sent?.body.attachments?.[0] ? textOf(sent.body.attachments[0].content) : (sent?.body.text ?? '');
  };

  beforeAll(async () => {
    await graph.start();
    h = await startHarness({
      knowledgeDir: path.resolve('knowledge'),
      env: { OUTBOX_INTERVAL_SECONDS: '0', MANAGER_GROUP_IDS: GROUP, GRAPH_ENDPOINT: graph.url },
      graphCredential: { getToken: () => Promise.resolve({ token: 'graph-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    });
  });
  afterAll(async () => {
    await h.close();
    await graph.close();
  });

  it('a member of the managers’ group gets the summary; Graph is asked once, with the bot’s token', async () => {
    expect(await reply(from(MEMBER, 'sammanfattning'))).toContain('Portföljöversikt');
    expect(graph.requests).toEqual([{ path: `/v1.0/users/${MEMBER}/checkMemberGroups`, authorization: 'Bearer graph-test-token', groupIds: [GROUP] }]);
    // Clicking on through the summary does not ask Graph again.
    expect(await reply(from(MEMBER, 'sammanfattning'))).toContain('Portföljöversikt');
    expect(graph.requests).toHaveLength(1);
  });

  it('someone in other groups only is refused', async () => {
    expect(await reply(from(OUTSIDER, 'sammanfattning'))).toContain('till för chefer och administratörer');
  });

  it('when Graph cannot answer, nobody new is let in, and the person is told to try again', async () => {
    graph.down = true;
    expect(await reply(from(LATER, 'sammanfattning'))).toContain('kan inte kontrollera just nu');
    graph.down = false;
    expect(await reply(from(LATER, 'sammanfattning'))).toContain('Portföljöversikt');
  });
});
