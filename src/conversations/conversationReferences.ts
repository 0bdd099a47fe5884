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
  /** A person's chat with the bot (the default), or a team channel. */
  conversationType?: 'personal' | 'channel';
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
  | 'Forbidden'
  | 'ChannelDeleted'
  | 'TeamDeleted'
  | 'TeamArchived'
  | 'BotRemovedFromTeam';

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
  ChannelDeleted: 'kanalen har tagits bort',
  TeamDeleted: 'teamet har tagits bort',
  TeamArchived: 'teamet är arkiverat',
  BotRemovedFromTeam: 'Planpiloten har tagits bort från teamet',
};

/** The key under which a team channel is reached, beside people's object ids. */
export function channelKey(channelId: string): string {
  return `channel:${channelId}`;
}

export interface PersonContact extends StoredDocument {
  type: 'person-contact';
  /** pk = id = the person's Entra object id, or a channel's key (see `channelKey`). */
  personId: string;
  /** For a channel: the team it belongs to (when the bot leaves the team, all its channels go). */
  teamId?: string | null;
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

  /**
   * Keeps a team channel's address (when the bot is added to a team, and on every message
   * in a channel). A channel marked unreachable is reachable again once it is heard from.
   */
  async rememberChannel(channelId: string, teamId: string | null, channelAddress: ConversationAddress): Promise<void> {
    const key = channelKey(channelId);
    const address: ConversationAddress = { ...channelAddress, conversationType: 'channel' };
    const current = await this.collection.get(key, key);
    const known = current?.value.address;
    if (current?.value.status === 'reachable' && known?.serviceUrl === address.serviceUrl && known.conversationType === 'channel' && current.value.teamId === teamId) return;
    await this.collection.upsert({ id: key, pk: key, type: 'person-contact', personId: key, teamId, address, status: 'reachable', reason: null, changedAt: this.clock.now().toISOString() });
  }

  /** The bot left a team, or the team went: every channel of it is unreachable, with why. */
  async markTeamUnreachable(teamId: string, reason: UnreachableReason): Promise<number> {
    const channels = await this.collection.query(undefined, { where: { teamId, status: 'reachable' } });
    for (const c of channels) await this.markUnreachable(c.value.personId, reason, teamId);
    return channels.length;
  }

  /** The bot is back in a team (added again, team restored or unarchived): its channels are reachable again. */
  async reviveTeam(teamId: string): Promise<number> {
    const channels = await this.collection.query(undefined, { where: { teamId, status: 'unreachable' } });
    let revived = 0;
    for (const c of channels) {
      if (!c.value.address || c.value.reason === 'ChannelDeleted') continue;
      await this.collection.upsert({ ...c.value, status: 'reachable', reason: null, changedAt: this.clock.now().toISOString() });
      revived++;
    }
    return revived;
  }

  /** The app was removed for the person: the address is gone, and why is kept. */
  async forget(personId: string): Promise<void> {
    await this.markUnreachable(personId, 'AppUninstalled');
  }

  async markUnreachable(personId: string, reason: UnreachableReason, teamId?: string | null): Promise<void> {
    const current = await this.collection.get(personId, personId);
    const team = teamId ?? current?.value.teamId;
    // A channel keeps its address: when the bot is back in the team, it is valid again.
    const kept = personId.startsWith('channel:') ? (current?.value.address ?? null) : null;
    // A stale conversation id would fail forever: it is dropped, not retried.
    await this.collection.upsert({
      id: personId,
      pk: personId,
      type: 'person-contact',
      personId,
      ...(team ? { teamId: team } : {}),
      address: kept,
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
