import type { Collection, DocumentStore, StoredDocument } from '../storage/documentStore.js';
import { systemClock, type Clock } from '../time/clock.js';

/** Where the bot can reach a person on its own initiative: plain data, no botbuilder types. */
export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
  tenantId: string | undefined;
  channelId: string;
  /** The bot's own id in that conversation (the recipient of what the person sent). */
  botId: string;
}

/** Why a person cannot be reached, as the Teams connector or the app lifecycle said it. */
export type UnreachableReason =
  | 'NeverInstalled'
  | 'AppUninstalled'
  | 'ConversationNotFound'
  | 'BotDisabledByAdmin'
  | 'ConversationBlockedByUser'
  | 'BotNotInConversationRoster'
  | 'MessageWritesBlocked'
  | 'UserNotFound'
  | 'Forbidden';

/** The Swedish words for a reason, for "mina insatser" and the managers' summary. */
export const UNREACHABLE_TEXT: Record<UnreachableReason, string> = {
  NeverInstalled: 'har inte lagt till Planpiloten i Teams',
  AppUninstalled: 'har tagit bort Planpiloten i Teams',
  ConversationNotFound: 'chatten med Planpiloten finns inte längre',
  BotDisabledByAdmin: 'Planpiloten är avstängd av en administratör',
  ConversationBlockedByUser: 'har blockerat Planpiloten',
  BotNotInConversationRoster: 'Planpiloten är inte med i chatten längre',
  MessageWritesBlocked: 'meddelanden till personen är spärrade',
  UserNotFound: 'personen finns inte i organisationen längre',
  Forbidden: 'Teams nekade meddelandet',
};

export interface PersonContact extends StoredDocument {
  type: 'person-contact';
  /** pk = id = the person's Entra object id. */
  personId: string;
  address: ConversationAddress | null;
  status: 'reachable' | 'unreachable';
  reason: UnreachableReason | null;
  changedAt: string;
}

/**
 * Each person's personal conversation with the bot, kept from the moment the app is
 * installed for them or they first write, and dropped on uninstall. A send that fails
 * permanently marks them unreachable with the reason; they are reachable again the next time
 * they write to the bot or install it again.
 */
export class ConversationReferences {
  private readonly collection: Collection<PersonContact>;

  constructor(
    store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {
    this.collection = store.collection<PersonContact>('conversations');
  }

  /**
   * Keeps the address; writes only when something changed, so a chatty person costs one read.
   * Returns true when the person was unreachable until now (their missed prompts can go again).
   */
  async remember(personId: string, address: ConversationAddress): Promise<boolean> {
    const current = await this.collection.get(personId, personId);
    const same =
      current?.value.status === 'reachable' &&
      current.value.address?.conversationId === address.conversationId &&
      current.value.address.serviceUrl === address.serviceUrl &&
      current.value.address.botId === address.botId;
    if (same) return false;
    await this.collection.upsert({
      id: personId,
      pk: personId,
      type: 'person-contact',
      personId,
      address,
      status: 'reachable',
      reason: null,
      changedAt: this.clock.now().toISOString(),
    });
    return current?.value.status === 'unreachable';
  }

  /** The app was removed for the person: the address is gone, and why is kept. */
  async forget(personId: string): Promise<void> {
    await this.markUnreachable(personId, 'AppUninstalled');
  }

  async markUnreachable(personId: string, reason: UnreachableReason): Promise<void> {
    const current = await this.collection.get(personId, personId);
    // A stale conversation id would fail forever: it is dropped, not retried.
    await this.collection.upsert({
      id: personId,
      pk: personId,
      type: 'person-contact',
      personId,
      address: null,
      status: 'unreachable',
      reason,
      changedAt: this.clock.now().toISOString(),
      ...(current && current.value.status === 'unreachable' && current.value.reason === reason ? { changedAt: current.value.changedAt } : {}),
    });
  }

  async get(personId: string): Promise<PersonContact | undefined> {
    return (await this.collection.get(personId, personId))?.value;
  }

  /** Where to reach the person, or why not (never installed when the bot never heard from them). */
  async reach(personId: string): Promise<{ address: ConversationAddress } | { reason: UnreachableReason }> {
    const contact = await this.get(personId);
    if (contact?.status === 'reachable' && contact.address) return { address: contact.address };
    return { reason: contact?.reason ?? 'NeverInstalled' };
  }
}
