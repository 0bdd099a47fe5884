/**
 * Time, in one place. Everything that needs "now" takes a Clock, so tests can move time;
 * everything that needs "today" asks for the date in Europe/Stockholm, where the
 * municipality is, never the UTC date (which is a day off between midnight and 02:00).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The municipality's time zone. */
export const TIME_ZONE = 'Europe/Stockholm';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

const MINUTE = 60_000;
/** The last minute formatted: every turn asks for today's date, and it changes only at midnight. */
let lastMinute = { minute: Number.NaN, date: '' };

/** The calendar date (YYYY-MM-DD) in Europe/Stockholm at the instant `at`. */
export function localDate(at: Date): string {
  // Time zones shift by whole quarter hours at least, so a date holds for a whole UTC minute.
  const minute = Math.floor(at.getTime() / MINUTE);
  if (minute !== lastMinute.minute) lastMinute = { minute, date: dateFormat.format(at) };
  return lastMinute.date;
}

/** Today's date in Europe/Stockholm. */
export function today(clock: Clock): string {
  return localDate(clock.now());
}
