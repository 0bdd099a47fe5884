import { systemClock, type Clock } from '../time/clock.js';

/** Sliding windows: at most `count` sends within `ms`. */
interface Window {
  count: number;
  ms: number;
}

/** Teams' limit per app and tenant: 50 requests a second in all, across every instance. */
export const TENANT_PER_SECOND = 50;
/** Teams' limits per conversation: 7 a second, 8 in 2 s, 60 in 30 s, 1,800 an hour. */
export const CONVERSATION_LIMITS: readonly Window[] = [
  { count: 7, ms: 1000 },
  { count: 8, ms: 2000 },
  { count: 60, ms: 30_000 },
  { count: 1800, ms: 3_600_000 },
];

class SlidingLog {
  private readonly times: number[] = [];

  constructor(private readonly windows: readonly Window[]) {}

  /** Milliseconds until one more send fits in every window (0: now). */
  wait(now: number): number {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - longest) this.times.shift();
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = this.times.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.count) wait = Math.max(wait, (inWindow[inWindow.length - w.count] ?? now) + w.ms - now);
    }
    return wait;
  }

  take(now: number): void {
    this.times.push(now);
  }

  idle(now: number): boolean {
    return this.wait(now) === 0 && this.times.every((t) => t <= now - Math.max(...this.windows.map((w) => w.ms)));
  }
}

/**
 * A tenant's share of the 50 a second: an even pace (a token bucket holding one token), so
 * that even several instances together never burst past the limit in any one second.
 */
class TenantPace {
  private next = 0;
  private blockedUntil = 0;
  private readonly sent: number[] = [];

  constructor(private readonly rate: () => number) {}

  wait(now: number): number {
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - 1000) this.sent.shift();
    // Never more than the share in any one second, whatever the slots say.
    const cap = Math.max(1, Math.floor(this.rate()));
    const full = this.sent.length >= cap ? (this.sent[this.sent.length - cap] ?? now) + 1000 - now : 0;
    return Math.max(0, this.next - now, this.blockedUntil - now, full);
  }

  take(now: number): void {
    // Slots follow the schedule, not the moment a timer or a busy event loop let this run:
    // a late send does not push every later one back (the cap above keeps any second honest).
    const interval = 1000 / this.rate();
    this.next = Math.max(now - interval, this.next) + interval;
    this.sent.push(now);
  }

  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}

/**
 * Keeps proactive sends within Teams' limits, per tenant and per conversation, and holds a
 * tenant back for as long as a 429's Retry-After says. The tenant's 50 a second are shared
 * by all running instances (`instances`), each pacing its part at 98 % of it, so the sum
 * stays below the limit. Pacing is in real time (what Teams counts), whatever clock the
 * business logic runs on; tests can give it their own clock and sleeper.
 */
export class RateLimiter {
  private readonly tenants = new Map<string, TenantPace>();
  private readonly conversations = new Map<string, SlidingLog>();
  private queue: Promise<void> = Promise.resolve();
  private instances = 1;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly perSecond: number = TENANT_PER_SECOND,
    private readonly conversationLimits: readonly Window[] = CONVERSATION_LIMITS,
  ) {}

  /** How many instances share the tenant's limit (from their heartbeats). */
  shareWith(instances: number): void {
    this.instances = Math.max(1, Math.floor(instances));
  }

  /** This instance's sends a second per tenant. */
  get ratePerSecond(): number {
    return (this.perSecond * 0.98) / this.instances;
  }

  private tenant(id: string): TenantPace {
    let pace = this.tenants.get(id);
    if (!pace) {
      pace = new TenantPace(() => this.ratePerSecond);
      this.tenants.set(id, pace);
    }
    return pace;
  }

  private conversation(id: string): SlidingLog {
    let log = this.conversations.get(id);
    if (!log) {
      log = new SlidingLog(this.conversationLimits);
      this.conversations.set(id, log);
    }
    return log;
  }

  /** Resolves when one more send to this conversation fits; callers are served in order. */
  acquire(tenantId: string, conversationId: string): Promise<void> {
    const turn = this.queue.then(async () => {
      const tenant = this.tenant(tenantId);
      const conversation = this.conversation(conversationId);
      for (;;) {
        const now = this.clock.now().getTime();
        const wait = Math.max(tenant.wait(now), conversation.wait(now));
        if (wait <= 0) {
          tenant.take(now);
          conversation.take(now);
          break;
        }
        // Timers fire a millisecond or so late; at 20 ms a slot that adds up, so the last
        // stretch is waited out by yielding to the event loop instead.
        if (wait > 2) await this.sleep(wait - 2);
        else await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (this.conversations.size > 10_000) {
        const now = this.clock.now().getTime();
        for (const [k, v] of this.conversations) if (v.idle(now)) this.conversations.delete(k);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private readonly recent429 = new Map<string, number>();

  /**
   * The connector said 429. One on its own (a send arriving a little early) only delays that
   * item, which the dispatcher resends after Retry-After; a second within five seconds means
   * the tenant is over its limit, and nothing more goes to it until Retry-After has passed.
   */
  backOff(tenantId: string, ms: number): void {
    const now = this.clock.now().getTime();
    const last = this.recent429.get(tenantId);
    this.recent429.set(tenantId, now);
    if (last !== undefined && now - last < 5000) this.tenant(tenantId).block(now + ms);
  }
}
