import type { Collection, DocumentStore, StoredDocument } from '../storage/documentStore.js';
import { systemClock, type Clock } from '../time/clock.js';
import { channelKey } from '../conversations/conversationReferences.js';

/** A team channel that gets the weekly portfolio summary. pk = id = the channel's key. */
export interface ChannelSubscription extends StoredDocument {
  type: 'subscription';
  /** The key the channel is reached under (see conversationReferences.ts). */
  channelKey: string;
  channelId: string;
  teamId: string | null;
  /** Names as Teams gave them, for "visa prenumeration"; may be empty. */
  teamName: string;
  channelName: string;
  /** One organisation's initiatives, or all (null). */
  organisation: string | null;
  status: 'active' | 'ended';
  /** Entra object ids of who subscribed and who ended it. */
  subscribedBy: string;
  subscribedAt: string;
  endedBy: string | null;
  endedAt: string | null;
}

export interface ChannelInfo {
  channelId: string;
  teamId: string | null;
  teamName: string;
  channelName: string;
}

/**
 * Which channels get the weekly summary. One subscription per channel: subscribing again
 * changes its organisation; ending it keeps the document (who ended it, when) so a summary
 * already planned for the week is not sent.
 */
export class SubscriptionRepository {
  private readonly collection: Collection<ChannelSubscription>;

  constructor(
    store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {
    this.collection = store.collection<ChannelSubscription>('subscriptions');
  }

  async subscribe(channel: ChannelInfo, organisation: string | null, by: string): Promise<ChannelSubscription> {
    const key = channelKey(channel.channelId);
    const doc: ChannelSubscription = {
      id: key,
      pk: key,
      type: 'subscription',
      channelKey: key,
      channelId: channel.channelId,
      teamId: channel.teamId,
      teamName: channel.teamName.slice(0, 200),
      channelName: channel.channelName.slice(0, 200),
      organisation,
      status: 'active',
      subscribedBy: by,
      subscribedAt: this.clock.now().toISOString(),
      endedBy: null,
      endedAt: null,
    };
    return (await this.collection.upsert(doc)).value;
  }

  /** Ends the channel's subscription; false when it had none. */
  async unsubscribe(channelId: string, by: string): Promise<boolean> {
    const key = channelKey(channelId);
    const current = await this.collection.get(key, key);
    if (!current || current.value.status !== 'active') return false;
    await this.collection.replace({ ...current.value, status: 'ended', endedBy: by, endedAt: this.clock.now().toISOString() }, current.etag);
    return true;
  }

  async get(key: string): Promise<ChannelSubscription | undefined> {
    return (await this.collection.get(key, key))?.value;
  }

  async active(): Promise<ChannelSubscription[]> {
    return (await this.collection.query(undefined, { where: { status: 'active' } })).map((s) => s.value);
  }
}
