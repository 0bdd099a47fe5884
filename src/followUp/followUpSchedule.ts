import { createHash } from 'node:crypto';
import type { FollowUpFrequency, Initiative } from '../initiatives/initiative.js';
import { localDate } from '../time/clock.js';
import { addDays, addMonths, nextWorkingDay, stockholmInstant } from '../time/swedishCalendar.js';

/** When prompts go out: a local hour in Europe/Stockholm, spread over a window after it. */
export interface SendWindow {
  /** Minutes past local midnight of the earliest send (default 09:00 = 540). */
  startMinute: number;
  /** How many minutes the sends of one morning are spread over. */
  spreadMinutes: number;
}

export const DEFAULT_WINDOW: SendWindow = { startMinute: 9 * 60, spreadMinutes: 150 };

const MONTHS: Record<FollowUpFrequency, number> = { månad: 1, kvartal: 3, halvår: 6, år: 12 };

/** A prompt to plan: its kind and period (which make its id) and the local date it is due. */
export interface PlannedPrompt {
  period: string;
  date: string;
  dueAt: Date;
}

/**
 * The instant a prompt goes out on a local date: the window's start plus a spread that
 * depends only on the prompt's key, so a thousand owners are not asked in the same minute,
 * and the same prompt always gets the same minute (also when planned again).
 */
export function sendInstant(date: string, key: string, window: SendWindow): Date {
  const spread = window.spreadMinutes > 0 ? createHash('sha256').update(key).digest().readUInt32BE(0) % window.spreadMinutes : 0;
  return stockholmInstant(date, window.startMinute + spread);
}

/** The calendar period a local date falls in, for a frequency: "2026-11", "2026-Q4", "2026-H2", "2026". */
export function periodOf(date: string, frequency: FollowUpFrequency): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (frequency) {
    case 'månad':
      return date.slice(0, 7);
    case 'kvartal':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'halvår':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'år':
      return year;
  }
}

function later(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

/**
 * The prompts an initiative should have next, as pure computation:
 * - the periodic one, one interval after the last answer (or the last prompt, or the
 *   registration), never while the initiative is an idea or closed;
 * - one shortly after each benefit's target date (a week after, on a working day);
 * - one a month after it went into operation ("i drift/förvaltning").
 * All on working days (no weekends, no Swedish public holidays or eves taken off), none
 * before a snooze or a pause ends, none before `today`.
 */
export function nextPrompts(initiative: Initiative, today: string, window: SendWindow = DEFAULT_WINDOW, lastPromptAt: string | null = null): PlannedPrompt[] {
  if (initiative.phase === 'idé' || initiative.phase === 'avslutad') return [];
  const state = initiative.followUpState;
  const notBefore = later(later(today, state?.snoozedUntil), state?.pausedUntil);
  const plan = (period: string, earliest: string): PlannedPrompt => {
    const date = nextWorkingDay(later(earliest, notBefore));
    return { period, date, dueAt: sendInstant(date, `${initiative.id}:${period}`, window) };
  };
  const out: PlannedPrompt[] = [];
  const anchor = localDate(new Date(later(state?.lastAnsweredAt ?? '', lastPromptAt) || initiative.createdAt));
  const periodicDate = addMonths(anchor, MONTHS[initiative.followUp]);
  out.push(plan(`periodic:${periodOf(later(periodicDate, notBefore), initiative.followUp)}`, periodicDate));
  initiative.benefits.forEach((b, i) => {
    const after = addDays(b.targetDate, 7);
    // A target long past when the initiative was registered is not followed up on its own.
    if (after >= addDays(today, -30)) out.push(plan(`target:${i}:${b.targetDate}`, after));
  });
  if (initiative.phase === 'i drift/förvaltning' && state?.inOperationSince) {
    const since = localDate(new Date(state.inOperationSince));
    out.push(plan(`in-operation:${since}`, addDays(since, 30)));
  }
  return out;
}
