import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ConversationAddress, ConversationReferences } from '../conversations/conversationReferences.js';
import type { Stored } from '../storage/documentStore.js';
import type { Clock } from '../time/clock.js';
import type { OutboxItem, OutboxRepository } from './outboxRepository.js';
import type { InstanceRegistry } from './instanceRegistry.js';
import type { RateLimiter } from './rateLimiter.js';
import { decide, type SendOutcome } from './sendPolicy.js';

/** Sends one card to one conversation and says how it went; never throws for an HTTP failure. */
export interface ProactiveSender {
  send(address: ConversationAddress, card: Record<string, unknown>): Promise<SendOutcome>;
}

/** Turns an outbox item into the card to send, or says why it is no longer to be sent. */
export interface OutboxComposer {
  compose(item: OutboxItem): Promise<{ card: Record<string, unknown> } | { skip: string } | { deferUntil: Date }>;
  /** After a successful send: the reminder, the next prompt. */
  afterSent(item: OutboxItem): Promise<void>;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  throttled: number;
  unreachable: number;
  failed: number;
  cancelled: number;
}

export interface DispatcherOptions {
  /** Items claimed at a time. */
  batchSize?: number;
  /** How long a claim holds; an instance that died loses its items after this. */
  leaseMs?: number;
  /** Sends in flight at once (the limiter still paces them). */
  concurrency?: number;
  /** Instances sharing the tenant's limit, counted before each run. */
  instances?: InstanceRegistry;
  /** Runs before each run: puts what is due by the calendar (the weekly summaries) in the outbox. */
  beforeRun?: () => Promise<unknown>;
}

/** A send is not started with less lease than this left (a slow send still ends inside it). */
const LEASE_MARGIN_MS = 20_000;

const emptyReport = (): DispatchReport => ({ claimed: 0, sent: 0, retried: 0, throttled: 0, unreachable: 0, failed: 0, cancelled: 0 });

/**
 * Sends what is due in the outbox, at the rate Teams allows. Each instance claims items with
 * a lease (a conditional write), so several instances never send the same item; an item
 * whose instance died is claimed again when its lease runs out. Every outcome is recorded
 * on the item: sent, retried n times, throttled, unreachable with the reason, or failed and
 * why. Retries are new claims at a later time, decided in one place (sendPolicy.ts).
 *
 * The guarantee is at least once, not exactly once: if an instance dies after Teams accepted
 * a message but before the outcome was written, the item is sent again after the lease.
 */
export class Dispatcher {
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DispatchReport> | undefined;
  private stopping = false;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly instances: InstanceRegistry | undefined;
  private readonly beforeRun: (() => Promise<unknown>) | undefined;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly references: ConversationReferences,
    private readonly sender: ProactiveSender,
    private readonly composer: OutboxComposer,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: DispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.concurrency = options.concurrency ?? 32;
    this.instances = options.instances;
    this.beforeRun = options.beforeRun;
  }

  /** Sends everything due now; runs once at a time (a second call waits for the first). */
  runOnce(): Promise<DispatchReport> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Checks the outbox every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    if (this.timer) return;
    this.stopping = false;
    const tick = (): void => {
      this.runOnce()
        .catch((error: unknown) => this.log.error({ err: error }, 'outbox run failed'))
        .finally(() => {
          if (!this.stopping) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    await this.instances?.leave(this.instanceId).catch(() => undefined);
  }

  private async drain(): Promise<DispatchReport> {
    const report = emptyReport();
    // Planning that fails must not stop what is already due from going out.
    await this.beforeRun?.().catch((error: unknown) => this.log.error({ err: error }, 'outbox planning failed'));
    let lastBeat = 0;
    const beat = async (): Promise<void> => {
      if (!this.instances || Date.now() - lastBeat < 1_000) return;
      lastBeat = Date.now();
      this.limiter.shareWith(await this.instances.beat(this.instanceId));
    };
    const queue: Stored<OutboxItem>[] = [];
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    // Claim a few seconds of this instance's sending at a time: enough that claiming (a query)
    // is rare, little enough that instances sharing the tenant's limit also share the work.
    const batch = (): number => Math.max(5, Math.min(this.batchSize, Math.ceil(this.limiter.ratePerSecond * 6)));
    const refill = (): Promise<void> => {
      claiming ??= beat()
        .then(() => this.outbox.claimDue(this.instanceId, batch(), this.leaseMs))
        .then((items) => {
          report.claimed += items.length;
          queue.push(...items);
          if (items.length === 0) exhausted = true;
        })
        .catch((error: unknown) => {
          // The store failed: this run ends, the next tick tries again.
          this.log.error({ err: error }, 'outbox claim failed');
          exhausted = true;
        })
        .finally(() => {
          claiming = undefined;
        });
      return claiming;
    };
    const worker = async (): Promise<void> => {
      for (;;) {
        if (this.stopping) return;
        // Claim the next batch while this one is still being sent, so the pipe stays full.
        if (!exhausted && queue.length < batch() / 2) void refill();
        const item = queue.shift();
        if (!item) {
          if (exhausted && !claiming) return;
          await (claiming ?? refill());
          continue;
        }
        await this.deliver(item, report);
      }
    };
    await refill();
    await Promise.all(Array.from({ length: this.concurrency }, () => worker()));
    if (report.claimed > 0) this.log.info({ event: 'outbox_run', ...report }, 'outbox run');
    return report;
  }

  private async deliver(item: Stored<OutboxItem>, report: DispatchReport): Promise<void> {
    const settle = async (outcome: Parameters<OutboxRepository['settle']>[1]): Promise<void> => {
      // A lease that ran out (a very slow send) may have passed to another instance: its write counts.
      await this.outbox.settle(item, outcome).catch((error: unknown) => this.log.warn({ err: error, item: item.value.id }, 'outbox outcome not recorded'));
    };
    const { attempts, throttled } = item.value;
    try {
      const composed = await this.composer.compose(item.value);
      if ('skip' in composed) {
        report.cancelled++;
        await settle({ status: 'cancelled', attempts, throttled, error: composed.skip });
        return;
      }
      if ('deferUntil' in composed) {
        await settle({ status: 'pending', attempts, throttled, retryAt: composed.deferUntil.toISOString() });
        return;
      }
      const reach = await this.references.reach(item.value.recipientId);
      if ('reason' in reach) {
        report.unreachable++;
        await settle({ status: 'unreachable', attempts, throttled, error: reach.reason });
        return;
      }
      const tenant = reach.address.tenantId ?? 'okänd';
      await this.limiter.acquire(tenant, reach.address.conversationId);
      // Waited so long that the lease is nearly out: another instance may take it any moment,
      // so it is handed back unsent rather than risk sending it twice.
      const leaseLeft = new Date(item.value.leaseUntil ?? 0).getTime() - this.clock.now().getTime();
      if (leaseLeft < LEASE_MARGIN_MS) {
        await settle({ status: 'pending', attempts, throttled });
        return;
      }
      let outcome: SendOutcome;
      try {
        outcome = await this.sender.send(reach.address, composed.card);
      } catch {
        outcome = { status: 0 };
      }
      const decision = decide(outcome, attempts + 1);
      switch (decision.kind) {
        case 'sent':
          report.sent++;
          await settle({ status: 'sent', attempts: attempts + 1, throttled, activityId: decision.activityId });
          await this.composer.afterSent(item.value);
          return;
        case 'retry':
          report.retried++;
          if (decision.throttled) {
            report.throttled++;
            this.limiter.backOff(tenant, decision.afterMs);
          }
          await settle({
            status: 'pending',
            attempts: attempts + 1,
            throttled: throttled + (decision.throttled ? 1 : 0),
            error: decision.reason,
            retryAt: new Date(this.clock.now().getTime() + decision.afterMs).toISOString(),
          });
          return;
        case 'unreachable':
          report.unreachable++;
          // A stale conversation would fail forever: it is dropped until the person writes again.
          await this.references.markUnreachable(item.value.recipientId, decision.reason);
          await settle({ status: 'unreachable', attempts: attempts + 1, throttled, error: decision.reason });
          return;
        case 'failed':
          report.failed++;
          await settle({ status: 'failed', attempts: attempts + 1, throttled, error: decision.reason });
          return;
      }
    } catch (error) {
      // The item stays claimed; when the lease runs out it is tried again.
      this.log.error({ err: error, item: item.value.id }, 'outbox item failed');
    }
  }
}
