import type { Benefit } from '../initiatives/initiative.js';

/** Where one benefit stands, from its latest reported value against its baseline and target. */
export type BenefitState = 'realised' | 'onTrack' | 'behind' | 'noReport' | 'notMeasurable';

export const BENEFIT_STATE_TEXT: Readonly<Record<BenefitState, string>> = {
  realised: 'realiserade',
  onTrack: 'i fas',
  behind: 'efter plan',
  noReport: 'inget rapporterat värde',
  notMeasurable: 'inte mätbara som tal',
};

/** How far behind the time elapsed a benefit may be and still count as on track. */
const TOLERANCE = 0.1;

/**
 * The first number in a value as Swedes write it: "1 000", "12,5 %", "14 dagar", "−3".
 * Undefined when there is none.
 */
export function firstNumber(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /([-−]?)\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?/.exec(text);
  if (!match) return undefined;
  const digits = (match[2] ?? '').replace(/[ \u00a0\u202f]/g, '');
  const value = Number(`${digits}${match[3] ? `.${match[3]}` : ''}`);
  return match[1] ? -value : value;
}

// A portfolio repeats the same few hundred dates; parsing each once keeps a big summary cheap.
const dayNumbers = new Map<string, number>();

function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Date.parse(date) / 86_400_000;
    if (dayNumbers.size > 10_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

function days(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Realised when the latest value has reached the target (in the direction from baseline to
 * target); on track when the share of the way covered is at least the share of the time
 * passed between `start` and the target date (less a tolerance); behind otherwise, and
 * always once the target date has passed unreached.
 */
export function benefitState(benefit: Benefit, start: string, today: string): BenefitState {
  if (!benefit.lastValue) return 'noReport';
  const baseline = firstNumber(benefit.baseline);
  const target = firstNumber(benefit.target);
  const value = firstNumber(benefit.lastValue);
  if (baseline === undefined || target === undefined || value === undefined || baseline === target) return 'notMeasurable';
  const covered = (value - baseline) / (target - baseline);
  if (covered >= 1) return 'realised';
  if (today > benefit.targetDate) return 'behind';
  const total = days(start, benefit.targetDate);
  const elapsed = total > 0 ? Math.min(1, Math.max(0, days(start, today) / total)) : 1;
  return covered >= elapsed - TOLERANCE ? 'onTrack' : 'behind';
}
