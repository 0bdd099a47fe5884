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
