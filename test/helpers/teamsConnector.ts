import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** At most `limit` requests within `windowMs`. */
interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * A local Bot Connector service as Teams runs it, for proactive sends: the real REST routes
 * (create a 1:1 conversation, post an activity, update one), Teams' rate limits enforced on
 * arrival with 429 + Retry-After, faults on demand, and a record of every request and every
 * delivery. Tokens are not checked (the bot runs in local mode against it).
 */

/** An activity the service accepted. */
export interface Delivery {
  conversationId: string;
  tenantId: string;
  activityId: string;
  method: 'POST' | 'PUT';
  activity: Record<string, unknown>;
  at: number;
}

/** Every request that reached the service, answered or not. */
export interface Attempt {
  method: string;
  path: string;
  conversationId?: string;
  /** The status answered; undefined while (or if) the request hangs. */
  status?: number;
  at: number;
}

/** What a conversation's next requests meet instead of an ordinary answer. */
export type Fault =
  | { kind: 'status'; status: number; code?: string; retryAfter?: string; times?: number }
  | { kind: 'hang'; times?: number };

interface ConnectorLimits {
  tenant: readonly RateWindow[];
  conversation: readonly RateWindow[];
}

/** Teams' documented limits for bots, written here on their own (not taken from the code under test). */
const TEAMS_LIMITS: ConnectorLimits = {
  tenant: [{ limit: 50, windowMs: 1_000 }],
  conversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
};

/** Arrival instants under one key; a request that would exceed a window is refused, not counted. */
class ArrivalLog {
  private readonly arrivals: number[] = [];
  constructor(private readonly windows: readonly RateWindow[]) {}

  /** Milliseconds until one more request would be allowed (0: now). */
  waitMs(now: number): number {
    let wait = 0;
    for (const { limit, windowMs } of this.windows) {
      const inWindow = this.arrivals.filter((t) => now - t < windowMs);
      if (inWindow.length >= limit) wait = Math.max(wait, inWindow[inWindow.length - limit]! + windowMs - now);
    }
    return wait;
  }

  record(now: number): void {
    this.arrivals.push(now);
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    while (this.arrivals.length > 0 && now - this.arrivals[0]! >= longest) this.arrivals.shift();
  }
}

export class TeamsConnector {
  readonly deliveries: Delivery[] = [];
  readonly attempts: Attempt[] = [];
  url = '';
  /** Requests answered 429. */
  throttled = 0;
  private server: Server | undefined;
  private readonly faults = new Map<string, Fault[]>();
  private readonly conversationTenant = new Map<string, string>();
  private readonly tenantLogs = new Map<string, ArrivalLog>();
  private readonly conversationLogs = new Map<string, ArrivalLog>();
  private counter = 0;

  constructor(private readonly limits: ConnectorLimits = TEAMS_LIMITS) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** The next requests to `conversationId` meet `fault` (`times` of them; all when not given). */
  inject(conversationId: string, fault: Fault): void {
    this.faults.set(conversationId, [...(this.faults.get(conversationId) ?? []), fault]);
  }

  /** Makes a conversation known, in a tenant, as an installation would. */
  addConversation(conversationId: string, tenantId: string): void {
    this.conversationTenant.set(conversationId, tenantId);
  }

  deliveriesTo(conversationId: string): Delivery[] {
    return this.deliveries.filter((d) => d.conversationId === conversationId);
  }

  attemptsTo(conversationId: string): Attempt[] {
    return this.attempts.filter((a) => a.conversationId === conversationId);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const now = Date.now();
    const path = (req.url ?? '').replace(/\?.*$/, '');
    const attempt: Attempt = { method: req.method ?? '', path, at: now };
    this.attempts.push(attempt);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      attempt.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    let body: Record<string, unknown>;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      reply(400, { error: { code: 'BadSyntax', message: 'Body is not JSON' } });
      return;
    }

    if (req.method === 'POST' && path === '/v3/conversations') {
      const tenantId = tenantOf(body) ?? 'unknown';
      const member = (body.members as { id?: string }[] | undefined)?.[0]?.id;
      if (!member) {
        reply(400, { error: { code: 'BadArgument', message: 'members is required' } });
        return;
      }
      if (this.throttle(tenantId, undefined, now, reply)) return;
      // Teams gives a person's 1:1 chat with the bot one id, however often it is created.
      const id = `a:${Buffer.from(`${tenantId}/${member}`).toString('base64url')}`;
      this.conversationTenant.set(id, tenantId);
      reply(201, { id });
      return;
    }

    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!match || (req.method === 'POST' && match[2]) || (req.method === 'PUT' && !match[2]) || !['POST', 'PUT'].includes(req.method ?? '')) {
      reply(404, { error: { code: 'NotFound', message: 'No such route' } });
      return;
    }
    const conversationId = decodeURIComponent(match[1]!);
    attempt.conversationId = conversationId;
    const tenantId = this.conversationTenant.get(conversationId) ?? tenantOf(body) ?? 'unknown';
    const fault = this.nextFault(conversationId);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      reply(fault.status, { error: { code: fault.code ?? 'ServiceError', message: 'Injected' } }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      return;
    }
    if (this.throttle(tenantId, conversationId, now, reply)) return;
    const activityId = req.method === 'PUT' ? decodeURIComponent(match[2]!) : `1:${++this.counter}`;
    this.deliveries.push({ conversationId, tenantId, activityId, method: req.method as 'POST' | 'PUT', activity: body, at: now });
    reply(req.method === 'PUT' ? 200 : 201, { id: activityId });
  }

  /** Answers 429 when the request would exceed a limit; otherwise counts it. */
  private throttle(tenantId: string, conversationId: string | undefined, now: number, reply: (status: number, body: unknown, headers?: Record<string, string>) => void): boolean {
    const tenant = logFor(this.tenantLogs, tenantId, this.limits.tenant);
    const conversation = conversationId === undefined ? undefined : logFor(this.conversationLogs, `${tenantId}\n${conversationId}`, this.limits.conversation);
    const wait = Math.max(tenant.waitMs(now), conversation?.waitMs(now) ?? 0);
    if (wait > 0) {
      this.throttled++;
      reply(429, { error: { code: 'TooManyRequests', message: 'Rate limit exceeded' } }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
      return true;
    }
    tenant.record(now);
    conversation?.record(now);
    return false;
  }

  private nextFault(conversationId: string): Fault | undefined {
    const queue = this.faults.get(conversationId);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    if (fault.times !== undefined) {
      fault.times--;
      if (fault.times <= 0) queue.shift();
    }
    return fault;
  }
}

function logFor(map: Map<string, ArrivalLog>, key: string, windows: readonly RateWindow[]): ArrivalLog {
  let log = map.get(key);
  if (!log) {
    log = new ArrivalLog(windows);
    map.set(key, log);
  }
  return log;
}

/** The tenant as Teams activities and conversation parameters carry it. */
function tenantOf(body: Record<string, unknown>): string | undefined {
  const channelData = body.channelData as { tenant?: { id?: string } } | undefined;
  const conversation = body.conversation as { tenantId?: string } | undefined;
  return channelData?.tenant?.id ?? conversation?.tenantId ?? (typeof body.tenantId === 'string' ? body.tenantId : undefined);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
