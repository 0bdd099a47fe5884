import type { TurnContext } from 'botbuilder';
import type { Person } from '../src/initiatives/initiative.js';

/**
 * The person behind an activity. In Teams that is the Entra object id, and nothing else can
 * stand in for it: an activity without one (another channel, a local client) gets an id in a
 * namespace of its own, so it can never act as someone whose object id it happens to send
 * as `from.id`.
 */
export function personOf(context: TurnContext): Person {
  const from = context.activity.from as { aadObjectId?: string; id?: string; name?: string } | undefined;
  const name = (from?.name ?? '').slice(0, 200);
  if (from?.aadObjectId) return { id: from.aadObjectId, name };
  return { id: `kanal:${context.activity.channelId}:${from?.id ?? 'okänd'}`, name };
}

/**
 * A people picker can give the person's Teams user id instead of their Entra object id when
 * they pick themselves (the Agents Playground does): in `fields` of card data, that id becomes
 * the person as `personOf` names them. Anyone else's id is left for the domain to check.
 */
export function withPickedSelf(context: TurnContext, data: unknown, fields: readonly string[]): unknown {
  const teamsUserId = context.activity.from?.id;
  if (!teamsUserId || !data || typeof data !== 'object' || Array.isArray(data)) return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const field of fields) if (out[field] === teamsUserId) out[field] = personOf(context).id;
  return out;
}
