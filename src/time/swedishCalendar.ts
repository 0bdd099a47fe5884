import { TIME_ZONE } from './clock.js';

/** A local date as YYYY-MM-DD, from year, month (1–12) and day. */
function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The date `days` after a local date (negative goes back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date `months` after a local date, on the same day or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, last));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The first date from `from` on (inclusive) that falls on `day` (0–6). */
function firstWeekdayFrom(from: string, day: number): string {
  return addDays(from, (day - weekday(from) + 7) % 7);
}

const cache = new Map<number, ReadonlyMap<string, string>>();

/**
 * Swedish public holidays and the days off that go with them (julafton, midsommarafton,
 * nyårsafton), by name, for one year. Computed from the rules in the law
 * (lag 1989:253 om allmänna helgdagar), so no table needs updating.
 */
export function swedishHolidays(year: number): ReadonlyMap<string, string> {
  let days = cache.get(year);
  if (!days) {
    const e = easterSunday(year);
    const midsommarafton = firstWeekdayFrom(iso(year, 6, 19), 5);
    days = new Map<string, string>([
      [iso(year, 1, 1), 'nyårsdagen'],
      [iso(year, 1, 6), 'trettondedag jul'],
      [addDays(e, -2), 'långfredagen'],
      [e, 'påskdagen'],
      [addDays(e, 1), 'annandag påsk'],
      [iso(year, 5, 1), 'första maj'],
      [addDays(e, 39), 'Kristi himmelsfärdsdag'],
      [addDays(e, 49), 'pingstdagen'],
      [iso(year, 6, 6), 'Sveriges nationaldag'],
      [midsommarafton, 'midsommarafton'],
      [addDays(midsommarafton, 1), 'midsommardagen'],
      [firstWeekdayFrom(iso(year, 10, 31), 6), 'alla helgons dag'],
      [iso(year, 12, 24), 'julafton'],
      [iso(year, 12, 25), 'juldagen'],
      [iso(year, 12, 26), 'annandag jul'],
      [iso(year, 12, 31), 'nyårsafton'],
    ]);
    cache.set(year, days);
  }
  return days;
}

/** The holiday's name when `date` is one, else undefined. */
export function holidayName(date: string): string | undefined {
  return swedishHolidays(Number(date.slice(0, 4))).get(date);
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isLocalDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A weekday that is neither a public holiday nor one of the eves taken off. */
export function isWorkingDay(date: string): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !swedishHolidays(Number(date.slice(0, 4))).has(date);
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Minutes Europe/Stockholm is ahead of UTC at the instant `ms`. */
function offsetMinutes(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a local Stockholm time: `date` at `minutes` past midnight. Correct across
 * the changes to and from summer time (a time that does not exist in spring is moved on by
 * the hour that was skipped).
 */
export function stockholmInstant(date: string, minutes: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  const first = naive - offsetMinutes(naive) * 60_000;
  return new Date(naive - offsetMinutes(first) * 60_000);
}
