/**
 * Amounts and hours as Swedes type and read them: "250 000 kr", "300 tkr", "1,5 mnkr",
 * "320,5 timmar". One place parses them and one writes them, so a card echoes exactly
 * the value that was understood.
 */

export type AmountUnit = 'kr' | 'timmar';

export type ParsedAmount = { ok: true; value: number } | { ok: false; problem: 'empty' | 'negative' | 'ambiguous' | 'garbage' };

/** Unit words after the number, with the power of ten they multiply by; millions first so "mnkr" wins over "kr". */
const UNIT_WORDS: Record<AmountUnit, readonly [RegExp, number][]> = {
  kr: [
    [/(?:mnkr|mkr|mn ?kr|milj(?:oner|\.)?(?: ?kr(?:onor)?)?|miljon(?: ?kr(?:onor)?)?)$/, 6],
    [/(?:tkr|t ?kr|tusen(?: ?kr(?:onor)?)?)$/, 3],
    [/(?:kr(?:onor)?\.?|sek|:-)$/, 0],
  ],
  timmar: [[/(?:timmar|timme|tim\.?|h)$/, 0]],
};

/** Every space a person or a copied number can contain: ordinary, non-breaking, narrow non-breaking, thin. */
const SPACES = /[\s\u00A0\u202F\u2009]+/g;

/**
 * Reads a number of kronor or hours. Thousands may be grouped with spaces ("1 250 000"),
 * the decimal sign is a comma (a point is taken too, "1.5"), "tkr" means thousands and
 * "mnkr"/"mkr"/"miljoner" millions. "250.000" is refused as ambiguous rather than read as 250.
 */
export function parseAmount(text: string, unit: AmountUnit): ParsedAmount {
  let t = text.replace(SPACES, ' ').trim().toLowerCase();
  if (!t) return { ok: false, problem: 'empty' };
  let negative = false;
  if (/^[-\u2212]/.test(t)) {
    negative = true;
    t = t.slice(1).trim();
  }
  let power = 0;
  for (const [word, exponent] of UNIT_WORDS[unit]) {
    const m = word.exec(t);
    if (m && m.index > 0) {
      power = exponent;
      t = t.slice(0, m.index).trim();
      break;
    }
  }
  if (/^\d{1,3}(?:\.\d{3})+$/.test(t)) return { ok: false, problem: 'ambiguous' };
  const m = /^(\d{1,3}(?: \d{3})+|\d+)(?:[,.](\d+))?$/.exec(t);
  if (!m?.[1]) return { ok: false, problem: 'garbage' };
  const whole = m[1].replace(/ /g, '');
  const fraction = m[2] ?? '';
  // Scale in the digits, not in floating point: 1,5 mnkr is 15 × 10^5, exactly.
  const shift = power - fraction.length;
  const digits = Number(`${whole}${fraction}`);
  const value = shift >= 0 ? digits * 10 ** shift : digits / 10 ** -shift;
  if (!Number.isFinite(value)) return { ok: false, problem: 'garbage' };
  if (negative && value !== 0) return { ok: false, problem: 'negative' };
  return { ok: true, value };
}

const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/**
 * A number the Swedish way: "1 000", "320,5". The group separator is a non-breaking
 * space (as `toLocaleString('sv-SE')` writes it), so a narrow card never breaks "250 000".
 */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** "250 000 kr". */
export function formatKronor(n: number): string {
  return `${formatNumber(n)}\u00A0kr`;
}

/** "800 timmar", "1 timme". */
export function formatHours(n: number): string {
  return `${formatNumber(n)}\u00A0${n === 1 ? 'timme' : 'timmar'}`;
}
