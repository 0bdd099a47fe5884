import type { TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../time/clock.js';

/** Which of `groupIds` a person is a member of (transitively), as the directory says. */
export interface GroupMembership {
  memberOf(personId: string, groupIds: readonly string[]): Promise<readonly string[]>;
}

/** Graph's checkMemberGroups takes at most this many group ids per request. */
const GROUPS_PER_REQUEST = 20;
const GRAPH_TIMEOUT_MS = 3_000;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Group membership from Microsoft Graph (`POST /v1.0/users/{id}/checkMemberGroups`), with
 * the bot's managed identity; it needs the application permission GroupMember.Read.All.
 * Only Entra object ids are looked up; a short timeout keeps a card action inside Teams'
 * five seconds.
 */
export class GraphGroupMembership implements GroupMembership {
  constructor(
    private readonly credential: TokenCredential,
    private readonly endpoint = 'https://graph.microsoft.com',
  ) {}

  async memberOf(personId: string, groupIds: readonly string[]): Promise<readonly string[]> {
    if (!OBJECT_ID.test(personId) || groupIds.length === 0) return [];
    const token = await this.credential.getToken(`${this.endpoint}/.default`);
    if (!token) throw new Error('Ingen token för Microsoft Graph');
    const found: string[] = [];
    for (let i = 0; i < groupIds.length; i += GROUPS_PER_REQUEST) {
      const response = await fetch(`${this.endpoint}/v1.0/users/${encodeURIComponent(personId)}/checkMemberGroups`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ groupIds: groupIds.slice(i, i + GROUPS_PER_REQUEST) }),
        signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
      });
      // A person the directory does not know is in no group.
      if (response.status === 404) return [];
      if (!response.ok) throw new Error(`Microsoft Graph svarade ${response.status}`);
      const body = (await response.json()) as { value?: unknown };
      if (Array.isArray(body.value)) found.push(...body.value.filter((v): v is string => typeof v === 'string'));
    }
    return found;
  }
}

/** How long a person's answer is kept, so a manager clicking through a summary costs one lookup. */
const CACHE_MS = 5 * 60_000;

export type AccessDecision = 'allowed' | 'refused' | 'unknown';

/**
 * Who is a manager (or administrator): a listed Entra object id, or a member of a listed
 * Entra group. A directory that cannot be asked refuses ("unknown"): access is never granted
 * on an error.
 */
export class ManagerAccess {
  private readonly ids: ReadonlySet<string>;
  private readonly cache = new Map<string, { allowed: boolean; until: number }>();

  constructor(
    ids: readonly string[],
    private readonly groupIds: readonly string[],
    private readonly membership: GroupMembership | undefined,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    this.ids = new Set(ids);
  }

  async decide(personId: string): Promise<AccessDecision> {
    if (this.ids.has(personId)) return 'allowed';
    if (!this.membership || this.groupIds.length === 0) return 'refused';
    const now = this.clock.now().getTime();
    const cached = this.cache.get(personId);
    if (cached && cached.until > now) return cached.allowed ? 'allowed' : 'refused';
    try {
      const allowed = (await this.membership.memberOf(personId, this.groupIds)).some((g) => this.groupIds.includes(g));
      this.cache.set(personId, { allowed, until: now + CACHE_MS });
      return allowed ? 'allowed' : 'refused';
    } catch (error) {
      this.log.warn({ err: error, event: 'group_check_failed' }, 'group membership could not be checked');
      return 'unknown';
    }
  }
}
