import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { MAX_QUESTION_LENGTH } from '../../src/knowledge/answerer.js';

/**
 * The card data field of a button that stands for a typed message ("hjälp", a suggested
 * question): `{ "ask": "<text>" }` on an Action.Submit. The cards in cards/ use it.
 */
export const TYPED_TEXT_FIELD = 'ask';

/** The text a pressed typed-message button stands for, or undefined for any other activity. */
export function typedText(activity: Partial<Activity>): string | undefined {
  if (activity.type !== 'message' || (activity.text ?? '').trim()) return undefined;
  const value: unknown = activity.value;
  if (value === null || typeof value !== 'object') return undefined;
  const text: unknown = (value as Record<string, unknown>)[TYPED_TEXT_FIELD];
  if (typeof text !== 'string' || !text.trim() || text.length > MAX_QUESTION_LENGTH) return undefined;
  return text.trim();
}

/**
 * Buttons that send a message as if it were typed. Teams' `imBack` and `messageBack` would do
 * that, but the Agents Playground's client throws on any `msteams` action data, so the cards
 * send a plain Action.Submit (a message with a value and no text, in every client) and this
 * turns it into the typed message before any route looks at it.
 */
export function registerTypedButtons(app: Application<TurnState>): void {
  app.turn('beforeTurn', (context) => {
    const text = typedText(context.activity);
    if (text !== undefined) {
      context.activity.text = text;
      context.activity.value = undefined;
    }
    return Promise.resolve(true);
  });
}
