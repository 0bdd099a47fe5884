import { addDays, addMonths, isLocalDate } from '../time/swedishCalendar.js';

/**
 * Reads an owner's request in chat to be reminded later ("påminn mig om en vecka") or to pause
 * follow-up ("pausa uppföljning till 1 mars") into a local date. Only phrasings it is sure of
 * are read; anything else is undefined, so the bot asks instead of guessing a date.
 */

/** What the owner asked for, and until which local date. */
export interface SnoozeRequest {
  kind: 'snooze' | 'pause';
  until: string;
}

const NUMBER_WORDS = new Map(Object.entries({
  en: 1, ett: 1, någon: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12,
}));

const MONTH_NAMES = new Map(Object.entries({
  januari: 1, jan: 1, februari: 2, feb: 2, mars: 3, mar: 3, april: 4, apr: 4, maj: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, augusti: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
}));

const AMOUNT = `(\\d{1,3}|${[...NUMBER_WORDS.keys()].join('|')})`;
const UNIT = '(dag|dagar|vecka|veckor|veckan|månad|månader|månaden)';
const SNOOZE = new RegExp(`^påminn(?: mig)?(?: igen)? (?:om|efter) ${AMOUNT} ${UNIT}$`);
const SNOOZE_TOMORROW = /^påminn(?: mig)?(?: igen)? (?:i ?morgon)$/;
const PAUSE_PREFIX = '^pausa(?: (?:uppföljning|uppföljningen|uppföljningarna|påminnelser|påminnelserna))?';
const PAUSE_FOR = new RegExp(`${PAUSE_PREFIX} (?:i|under) ${AMOUNT} ${UNIT}$`);
const PAUSE_UNTIL = new RegExp(`${PAUSE_PREFIX} (?:till|tills|fram till|till och med) (.+)$`);

function normalise(text: string): string {
  return text.toLowerCase().replace(/[.!?,]+$/u, '').replace(/\s+/g, ' ').trim();
}

function amountOf(word: string): number | undefined {
  const value = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.get(word);
  return value !== undefined && value > 0 ? value : undefined;
}

function after(today: string, amount: number, unit: string): string {
  if (unit.startsWith('dag')) return addDays(today, amount);
  if (unit.startsWith('veck')) return addDays(today, 7 * amount);
  return addMonths(today, amount);
}

/** "1 mars", "1:a mars", "den 1 mars 2027", "2027-03-01": a date after today, or undefined. */
function dateAfter(today: string, text: string): string | undefined {
  const words = text.replace(/^den /, '');
  if (isLocalDate(words)) return words > today ? words : undefined;
  const [, dayOfMonth = '', monthName = '', year] = /^(\d{1,2})(?::[ae])? ([a-zåäö]+)(?: (\d{4}))?$/.exec(words) ?? [];
  const month = MONTH_NAMES.get(monthName);
  if (month === undefined) return undefined;
  const day = dayOfMonth.padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  if (year) {
    const date = `${year}-${mm}-${day}`;
    return isLocalDate(date) && date > today ? date : undefined;
  }
  // Without a year: the next time that date comes (1 mars asked in November is next year's).
  for (let year = Number(today.slice(0, 4)); year <= Number(today.slice(0, 4)) + 4; year++) {
    const date = `${year}-${mm}-${day}`;
    if (isLocalDate(date) && date > today) return date;
  }
  return undefined;
}

/** The request in `text`, relative to the local date `today`, or undefined when not understood. */
export function parseSnoozeRequest(text: string, today: string): SnoozeRequest | undefined {
  const said = normalise(text);
  if (SNOOZE_TOMORROW.test(said)) return { kind: 'snooze', until: addDays(today, 1) };
  for (const [pattern, kind] of [
    [SNOOZE, 'snooze'],
    [PAUSE_FOR, 'pause'],
  ] as const) {
    const [, amountWord = '', unit = ''] = pattern.exec(said) ?? [];
    const amount = amountOf(amountWord);
    if (amount !== undefined) return { kind, until: after(today, amount, unit) };
  }
  const [, dateText] = PAUSE_UNTIL.exec(said) ?? [];
  const until = dateText === undefined ? undefined : dateAfter(today, dateText);
  return until === undefined ? undefined : { kind: 'pause', until };
}
