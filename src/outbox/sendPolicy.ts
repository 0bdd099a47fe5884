import type { UnreachableReason } from '../conversations/conversationReferences.js';

/** What one HTTP send to the Teams connector came back with (no botbuilder types). */
export interface SendOutcome {
  /** HTTP status; 0 when no answer came (timeout, connection refused). */
  status: number;
  /** Retry-After in milliseconds, when the connector gave one. */
  retryAfterMs?: number | undefined;
  /** The error code in the body: ConversationNotFound, ConversationBlockedByUser, … */
  errorCode?: string | undefined;
  /** The id of the sent activity. */
  activityId?: string | undefined;
}

export type SendDecision =
  | { kind: 'sent'; activityId: string | null }
  | { kind: 'retry'; afterMs: number; throttled: boolean; reason: string }
  | { kind: 'unreachable'; reason: UnreachableReason }
  | { kind: 'failed'; reason: string };

/** The one place that decides how many times a message is tried: botbuilder's own retries are off. */
export const MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 2000;
const MAX_BACKOFF_MS = 5 * 60_000;

const REASONS: ReadonlySet<string> = new Set(['ConversationNotFound', 'BotDisabledByAdmin', 'ConversationBlockedByUser', 'BotNotInConversationRoster', 'MessageWritesBlocked', 'UserNotFound']);

/**
 * Decides what a send's outcome means, following Teams' guidance: 2xx is sent; 429 waits as
 * long as Retry-After says; 412, 502, 503, 504 and no answer are retried with exponential
 * backoff and full jitter, up to MAX_ATTEMPTS in all; 403 and 404 are permanent (the person
 * cannot be reached, and the sub-code says why, so an administrator sees it); anything else
 * is a failure with its status. `attempts` counts this one.
 */
export function decide(outcome: SendOutcome, attempts: number, random: () => number = Math.random): SendDecision {
  const { status } = outcome;
  if (status >= 200 && status < 300) return { kind: 'sent', activityId: outcome.activityId ?? null };
  if (status === 403 || status === 404) {
    const code = outcome.errorCode ?? '';
    const reason = REASONS.has(code) ? (code as UnreachableReason) : status === 404 ? 'ConversationNotFound' : 'Forbidden';
    return { kind: 'unreachable', reason };
  }
  const transient = status === 0 || status === 429 || status === 412 || status === 502 || status === 503 || status === 504;
  if (!transient) return { kind: 'failed', reason: `HTTP ${status}${outcome.errorCode ? ` ${outcome.errorCode}` : ''}` };
  if (attempts >= MAX_ATTEMPTS) return { kind: 'failed', reason: `gav upp efter ${attempts} försök (senast ${status === 0 ? 'inget svar' : `HTTP ${status}`})` };
  if (status === 429) {
    const wait = outcome.retryAfterMs ?? BASE_BACKOFF_MS;
    return { kind: 'retry', afterMs: Math.min(MAX_BACKOFF_MS, Math.max(0, wait)), throttled: true, reason: 'HTTP 429' };
  }
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempts - 1));
  return { kind: 'retry', afterMs: Math.round(random() * ceiling), throttled: false, reason: status === 0 ? 'inget svar' : `HTTP ${status}` };
}
