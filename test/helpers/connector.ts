import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  /** The id this connector gave the activity (what the bot's sendActivity returned). */
  replyId: string;
  method: string;
  path: string;
  conversationId: string;
  body: {
    type?: string;
    text?: string;
    id?: string;
    replyToId?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
  };
}

/**
 * A local stand-in for the Bot Framework connector service: accepts what the bot sends
 * (POST and PUT on /v3/conversations/...), answers like the service does, and records it.
 */
export class LocalConnector {
  readonly activities: CapturedActivity[] = [];
  /** Replies received, also when bodies are not kept. */
  received = 0;

  /**
   * @param keepBodies false for load tests: replies are counted, not parsed and kept, as a
   * real connector service would not burden the bot's machine with them either.
   */
  constructor(private readonly keepBodies = true) {}
  private server: Server | undefined;
  private waiters: (() => void)[] = [];
  private readonly faults = new Map<string, { status: number; code?: string; retryAfter?: number; times: number }>();
  /** Every request, also refused ones: what reached the connector, per conversation. */
  readonly requests: { conversationId: string; status: number }[] = [];
  url = '';

  /** Requests to this conversation succeed again. */
  heal(conversationId: string): void {
    this.faults.delete(conversationId);
  }

  /** The next `times` requests to this conversation get `status` (with an error code, Retry-After). */
  fail(conversationId: string, status: number, options: { code?: string; retryAfter?: number; times?: number } = {}): void {
    this.faults.set(conversationId, { status, ...options, times: options.times ?? Number.POSITIVE_INFINITY });
  }

  async start(): Promise<void> {
    let counter = 0;
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (!match) {
          res.writeHead(404);
          res.end();
          return;
        }
        const conversationId = decodeURIComponent(match[1] ?? '');
        const fault = this.faults.get(conversationId);
        if (fault && fault.times > 0) {
          fault.times--;
          this.requests.push({ conversationId, status: fault.status });
          res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}) });
          res.end(JSON.stringify({ error: { code: fault.code ?? 'ServiceError', message: 'test' } }));
          return;
        }
        this.requests.push({ conversationId, status: 200 });
        this.received++;
        const replyId = `reply-${++counter}`;
        if (this.keepBodies) {
          const body = raw ? (JSON.parse(raw) as CapturedActivity['body']) : {};
          this.activities.push({ replyId, method: req.method ?? '', path: req.url ?? '', conversationId, body });
        }
        for (const w of this.waiters.splice(0)) w();
        // restify patches Node's ServerResponse in this process: writeHead does not chain.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: replyId }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits until `count` activities have arrived for the conversation (5 s at most). */
  async waitFor(conversationId: string, count: number): Promise<CapturedActivity[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const mine = this.activities.filter((a) => a.conversationId === conversationId);
      if (mine.length >= count) return mine;
      if (Date.now() > deadline) throw new Error(`Väntade på ${count} svar i ${conversationId}, fick ${mine.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    req.on('end', () => resolve(data));
  });
}
