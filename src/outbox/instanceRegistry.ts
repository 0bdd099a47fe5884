import type { Collection, DocumentStore, StoredDocument } from '../storage/documentStore.js';
import type { Clock } from '../time/clock.js';

interface Heartbeat extends StoredDocument {
  type: 'instance';
  seenAt: string;
}

const PARTITION = '_instances';
/** An instance not heard from for this long no longer counts. */
const ALIVE_MS = 90_000;

/**
 * The bot instances sending from one store, found by their heartbeats, so that they share
 * the tenant's 50 sends a second between them instead of each taking all of it.
 */
export class InstanceRegistry {
  private readonly collection: Collection<Heartbeat>;

  constructor(
    store: DocumentStore,
    private readonly clock: Clock,
  ) {
    this.collection = store.collection<Heartbeat>('state');
  }

  /** Records that `instanceId` is alive; returns how many instances are. */
  async beat(instanceId: string): Promise<number> {
    const now = this.clock.now();
    await this.collection.upsert({ id: instanceId, pk: PARTITION, type: 'instance', seenAt: now.toISOString(), ttl: 3600 });
    const alive = await this.collection.query(PARTITION, { where: [{ field: 'seenAt', op: '>=', value: new Date(now.getTime() - ALIVE_MS).toISOString() }] });
    return Math.max(1, alive.length);
  }

  /** This instance stops: the others take its share at once. */
  async leave(instanceId: string): Promise<void> {
    await this.collection.delete(PARTITION, instanceId);
  }
}
