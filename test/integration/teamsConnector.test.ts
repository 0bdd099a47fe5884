import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeamsConnector } from '../helpers/teamsConnector.js';

let connector: TeamsConnector;

beforeEach(async () => {
  connector = new TeamsConnector();
  await connector.start();
});

afterEach(async () => {
  await connector.close();
});

async function post(conversationId: string, tenantId: string): Promise<Response> {
  return fetch(`${connector.url}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'x', conversation: { id: conversationId, tenantId }, channelData: { tenant: { id: tenantId } } }),
  });
}

describe('local Bot Connector (test helper)', () => {
  it('refuses the 8th request to one conversation within a second with 429 + Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push(await post('c1', 't1'));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 429, 429]);
    expect(Number(answers[7]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(connector.deliveriesTo('c1')).toHaveLength(7);
    expect(connector.attemptsTo('c1')).toHaveLength(9);
  });

  it('refuses more than 50 requests a second per tenant, and counts tenants apart', async () => {
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => post(`c${i}`, 't1').then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await post('other', 't2')).status).toBe(201);
  });

  it('updates an activity in place and creates 1:1 conversations with a stable id', async () => {
    const created = await post('c1', 't1');
    const { id } = (await created.json()) as { id: string };
    const put = await fetch(`${connector.url}v3/conversations/c1/activities/${encodeURIComponent(id)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'kvitto' }) });
    expect(put.status).toBe(200);
    expect(connector.deliveriesTo('c1').map((d) => [d.method, d.activityId])).toEqual([
      ['POST', id],
      ['PUT', id],
    ]);
    const create = () =>
      fetch(`${connector.url}v3/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ members: [{ id: 'aad-1' }], tenantId: 't1', isGroup: false }) }).then(
        (r) => r.json() as Promise<{ id: string }>,
      );
    const [a, b] = [await create(), await create()];
    expect(a.id).toBe(b.id);
  });

  it('injects faults for chosen conversations, a number of times or for good', async () => {
    connector.inject('c1', { kind: 'status', status: 503, times: 2 });
    connector.inject('c2', { kind: 'status', status: 403, code: 'MessageWritesBlocked' });
    expect((await post('c1', 't1')).status).toBe(503);
    expect((await post('c1', 't1')).status).toBe(503);
    expect((await post('c1', 't1')).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const refused = await post('c2', 't1');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'MessageWritesBlocked' } });
    }
    connector.inject('c3', { kind: 'hang', times: 1 });
    await expect(fetch(`${connector.url}v3/conversations/c3/activities`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(connector.attemptsTo('c3')[0]?.status).toBeUndefined();
  });
});
