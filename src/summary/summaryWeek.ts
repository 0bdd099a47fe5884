import { addDays, nextWorkingDay, stockholmInstant, weekday } from '../time/swedishCalendar.js';

/** When the weekly summary goes out: a weekday (1 = Monday … 7 = Sunday) and a local hour. */
export interface SummaryTime {
  weekday: number;
  hour: number;
}

export const DEFAULT_SUMMARY_TIME: SummaryTime = { weekday: 1, hour: 8 };

/** The Monday of the week `date` (a local date) is in. */
export function weekStart(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** The ISO week ("2026-W48") of a local date: the key of one channel's summary for one week. */
export function isoWeek(date: string): string {
  // The ISO year is the year of the week's Thursday.
  const thursday = addDays(weekStart(date), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(weekStart(`${year}-01-04`), 3);
  const week = 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The instant the summary of the week starting `monday` is sent: the configured weekday at
 * the configured hour in Europe/Stockholm, moved to the next working day when that day is a
 * public holiday (Annandag påsk, Annandag pingst, juldagen …).
 */
export function summaryInstant(monday: string, time: SummaryTime = DEFAULT_SUMMARY_TIME): Date {
  return stockholmInstant(nextWorkingDay(addDays(monday, time.weekday - 1)), time.hour * 60);
}

/** The week a summary sent on `date` reports on: the seven days before its own week began. */
export function reportedWeek(date: string): { from: string; to: string } {
  const monday = weekStart(date);
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

/** The Monday of an ISO week ("2026-W48"); undefined for anything else. */
export function mondayOf(week: string): string | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return undefined;
  const monday = addDays(weekStart(`${match[1]}-01-04`), (Number(match[2]) - 1) * 7);
  return isoWeek(monday) === week ? monday : undefined;
}
