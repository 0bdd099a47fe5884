import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP proxy in front of the bot's endpoint that keeps every activity posted through it. */
export interface RecordingProxy {
  /** Where the client should post instead of the bot (same path as the target). */
  url: string;
  /** Every JSON body posted, oldest first, as the bot received it. */
  activities: Record<string, unknown>[];
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts a proxy to `target` (e.g. the bot's `/api/messages`), so a test can check what a real
 * client such as the Agents Playground sends, without touching the bot. Answers pass back as they are.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  const activities: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      if (req.method === 'POST' && body) activities.push(JSON.parse(body) as Record<string, unknown>);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(new URL(req.url ?? '/', targetUrl), { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    activities,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
