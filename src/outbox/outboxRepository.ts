import { ConflictError, StaleWriteError, type Collection, type DocumentStore, type Stored, type StoredDocument } from '../storage/documentStore.js';
import { systemClock, type Clock } from '../time/clock.js';

export type OutboxKind = 'followUp' | 'reminder' | 'summary';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unreachable' | 'cancelled';

/** One proactive message to send, as stored: created once under a deterministic id. pk = id. */
export interface OutboxItem extends StoredDocument {
  type: 'outbox';
  kind: OutboxKind;
  /** Who gets it: a person's Entra object id, or a channel's key (see conversationReferences.ts). */
  recipientId: string;
  /** The initiative a prompt is about; for a summary, the subscription's key. */
  initiativeId: string;
  /** What it is about ("2026-Q4", "target:0:2027-06-30", "in-operation", a summary's "2026-W48"): part of the id. */
  period: string;
  /** For a reminder: the prompt it reminds of. */
  promptId: string | null;
  dueAt: string;
  status: OutboxStatus;
  /** The instance that claimed it, until when; an expired lease may be taken by another. */
  leaseOwner: string | null;
  leaseUntil: string | null;
  attempts: number;
  throttled: number;
  lastError: string | null;
  sentAt: string | null;
  activityId: string | null;
  answeredAt: string | null;
  createdAt: string;
}

/** The deterministic id of a prompt: one initiative, one kind, one period → one document. */
export function outboxId(kind: OutboxKind, initiativeId: string, period: string): string {
  return `${kind}:${initiativeId}:${period}`;
}

/** Sent and answered items are kept this long, then the store removes them (ttl). */
const DONE_TTL_SECONDS = 400 * 24 * 3600;

/**
 * The durable outbox. Items are created once (a second create of the same id is a 409 and
 * changes nothing), claimed with a lease written conditionally on the item's ETag (so of two
 * instances only one sends it), and an item whose claiming instance died is claimed again
 * once its lease has expired.
 */
export class OutboxRepository {
  private readonly collection: Collection<OutboxItem>;

  constructor(
    store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {
    this.collection = store.collection<OutboxItem>('outbox');
  }

  /** Creates the item unless it exists; returns whether this call created it. */
  async add(item: Pick<OutboxItem, 'kind' | 'recipientId' | 'initiativeId' | 'period' | 'dueAt'> & { promptId?: string | null }): Promise<{ created: boolean; item: OutboxItem }> {
    const id = outboxId(item.kind, item.initiativeId, item.period);
    const doc: OutboxItem = {
      id,
      pk: id,
      type: 'outbox',
      kind: item.kind,
      recipientId: item.recipientId,
      initiativeId: item.initiativeId,
      period: item.period,
      promptId: item.promptId ?? null,
      dueAt: item.dueAt,
      status: 'pending',
      leaseOwner: null,
      leaseUntil: null,
      attempts: 0,
      throttled: 0,
      lastError: null,
      sentAt: null,
      activityId: null,
      answeredAt: null,
      createdAt: this.clock.now().toISOString(),
    };
    try {
      return { created: true, item: (await this.collection.create(doc)).value };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const existing = await this.collection.get(id, id);
      if (!existing) throw error;
      return { created: false, item: existing.value };
    }
  }

  async get(id: string): Promise<Stored<OutboxItem> | undefined> {
    return this.collection.get(id, id);
  }

  /**
   * Claims up to `limit` items due at `now` for `owner`, each with a lease of `leaseMs`:
   * pending ones, and ones whose lease expired (their instance died). A claim is a write
   * conditional on the version read, so two instances never both hold one item.
   */
  async claimDue(owner: string, limit: number, leaseMs: number): Promise<Stored<OutboxItem>[]> {
    const now = this.clock.now();
    const iso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const pending = await this.collection.page(undefined, {
      where: [
        { field: 'status', op: '=', value: 'pending' },
        { field: 'dueAt', op: '<=', value: iso },
      ],
      orderBy: { field: 'dueAt', direction: 'asc' },
      pageSize: limit,
    });
    const expired =
      pending.items.length < limit
        ? await this.collection.page(undefined, {
            where: [
              { field: 'status', op: '=', value: 'sending' },
              { field: 'leaseUntil', op: '<', value: iso },
            ],
            pageSize: limit - pending.items.length,
          })
        : { items: [] };
    const claimed: Stored<OutboxItem>[] = [];
    for (const candidate of [...pending.items, ...expired.items]) {
      try {
        claimed.push(await this.collection.replace({ ...candidate.value, status: 'sending', leaseOwner: owner, leaseUntil }, candidate.etag));
      } catch (error) {
        // Another instance claimed it between the read and this write.
        if (!(error instanceof StaleWriteError)) throw error;
      }
    }
    return claimed;
  }

  /** Records the outcome of a claimed item; only the lease holder's write counts. */
  async settle(
    item: Stored<OutboxItem>,
    outcome: { status: OutboxStatus; attempts: number; throttled: number; error?: string | null; activityId?: string | null; retryAt?: string },
  ): Promise<Stored<OutboxItem>> {
    const done = outcome.status === 'sent' || outcome.status === 'failed' || outcome.status === 'unreachable' || outcome.status === 'cancelled';
    return this.collection.replace(
      {
        ...item.value,
        status: outcome.status,
        attempts: outcome.attempts,
        throttled: outcome.throttled,
        lastError: outcome.error ?? null,
        activityId: outcome.activityId ?? item.value.activityId,
        sentAt: outcome.status === 'sent' ? this.clock.now().toISOString() : item.value.sentAt,
        dueAt: outcome.retryAt ?? item.value.dueAt,
        leaseOwner: null,
        leaseUntil: null,
        ...(done ? { ttl: DONE_TTL_SECONDS } : {}),
      },
      item.etag,
    );
  }

  /** The last follow-up prompt sent for an initiative (not a reminder). */
  async lastSent(initiativeId: string): Promise<OutboxItem | undefined> {
    const [last] = await this.collection.query(undefined, { where: { initiativeId, kind: 'followUp', status: 'sent' }, orderBy: { field: 'sentAt', direction: 'desc' }, limit: 1 });
    return last?.value;
  }

  /** The items of one initiative still waiting to be sent. */
  async pendingFor(initiativeId: string): Promise<Stored<OutboxItem>[]> {
    return this.collection.query(undefined, { where: { initiativeId, status: 'pending' } });
  }

  /** Moves a waiting item to another time, or cancels it; a stale version is left alone. */
  async revise(item: Stored<OutboxItem>, change: { dueAt?: string; recipientId?: string } | { status: 'cancelled' }): Promise<void> {
    try {
      await this.collection.replace({ ...item.value, ...change, ...('status' in change ? { ttl: DONE_TTL_SECONDS } : {}) }, item.etag);
    } catch (error) {
      // Claimed or changed meanwhile: whoever changed it decides.
      if (!(error instanceof StaleWriteError)) throw error;
    }
  }

  /**
   * The person can be reached again: what could not be sent to them, and is not answered,
   * goes out again at the next run. Returns how many.
   */
  async requeueUnreachable(recipientId: string): Promise<number> {
    let count = 0;
    for (const item of await this.collection.query(undefined, { where: { recipientId, status: 'unreachable' } })) {
      try {
        if (item.value.answeredAt) {
          // Answered some other way meanwhile: nothing to send, and no longer a sign the person is out of reach.
          await this.collection.replace({ ...item.value, status: 'cancelled', ttl: DONE_TTL_SECONDS }, item.etag);
          continue;
        }
        await this.collection.replace({ ...item.value, status: 'pending', dueAt: this.clock.now().toISOString(), lastError: null, ttl: -1 }, item.etag);
        count++;
      } catch (error) {
        if (!(error instanceof StaleWriteError)) throw error;
      }
    }
    return count;
  }

  /** The prompt was answered: kept for the summary, never sent again. */
  async markAnswered(id: string): Promise<void> {
    const current = await this.collection.get(id, id);
    if (!current || current.value.answeredAt) return;
    await this.collection.patch(id, id, [{ op: 'set', field: 'answeredAt', value: this.clock.now().toISOString() }]);
  }

  /** Counts by status, for "visa utskick" and the operators' CLI (one page per status). */
  async counts(): Promise<Record<OutboxStatus, number>> {
    const out = { pending: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, cancelled: 0 } as Record<OutboxStatus, number>;
    for (const status of Object.keys(out) as OutboxStatus[]) {
      let continuation: string | undefined;
      do {
        const page = await this.collection.page(undefined, { where: { status }, pageSize: 1000, continuation });
        out[status] += page.items.length;
        continuation = page.continuation;
      } while (continuation);
    }
    return out;
  }

  /** The latest failures with their reasons (for administrators). */
  async recentProblems(limit = 10): Promise<OutboxItem[]> {
    const failed = await this.collection.query(undefined, { where: [{ field: 'status', op: '=', value: 'failed' }], orderBy: { field: 'dueAt', direction: 'desc' }, limit });
    const unreachable = await this.collection.query(undefined, { where: [{ field: 'status', op: '=', value: 'unreachable' }], orderBy: { field: 'dueAt', direction: 'desc' }, limit });
    return [...failed, ...unreachable]
      .map((s) => s.value)
      .sort((a, b) => b.dueAt.localeCompare(a.dueAt))
      .slice(0, limit);
  }
}
