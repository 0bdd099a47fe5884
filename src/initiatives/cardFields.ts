import { z } from 'zod';
import { formatKronor, formatNumber, parseAmount, type AmountUnit } from './amounts.js';

/** Messages per field, in Swedish, as the cards show them next to the field. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Control characters other than tab and line breaks: never part of what a person types. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/**
 * Free text: trimmed; required unless said otherwise; a length limit that names the length
 * typed; no control characters.
 */
export function textField(label: string, opts: { min?: number; max: number; required?: boolean }) {
  return z.unknown().transform((raw, ctx): string => {
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      ctx.addIssue({ code: 'custom', message: `${label} måste vara text.` });
      return '';
    }
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value && opts.required !== false) ctx.addIssue({ code: 'custom', message: `Fyll i ${label.toLowerCase()}.` });
    else if (value.length > opts.max) ctx.addIssue({ code: 'custom', message: `${label} får vara högst ${formatNumber(opts.max)} tecken (nu ${formatNumber(value.length)}).` });
    else if (opts.min !== undefined && value && value.length < opts.min) ctx.addIssue({ code: 'custom', message: `${label} behöver minst ${opts.min} tecken.` });
    else if (hasControlCharacters(value)) ctx.addIssue({ code: 'custom', message: `${label} innehåller tecken som inte är tillåtna.` });
    return value;
  });
}

/** One of a list of values, exactly as the card's choice set offers them. */
export function choiceField<T extends string>(label: string, options: readonly T[]) {
  return z.unknown().transform((raw, ctx): T => {
    if (typeof raw !== 'string' || !raw.trim()) {
      ctx.addIssue({ code: 'custom', message: `Välj ${label.toLowerCase()}.` });
      return options[0] as T;
    }
    const found = options.find((o) => o === raw.trim());
    if (!found) ctx.addIssue({ code: 'custom', message: `${label}: välj ett av alternativen i listan.` });
    return found ?? (options[0] as T);
  });
}

/** A whole number from a choice set ("1" for a målområde, "3" on a scale), within bounds. */
export function numberField(label: string, opts: { min: number; max: number }) {
  return z.unknown().transform((raw, ctx): number => {
    const source = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (!source) {
      ctx.addIssue({ code: 'custom', message: `Välj ${label.toLowerCase()}.` });
      return 0;
    }
    const value = /^\d+$/.test(source) ? Number(source) : Number.NaN;
    if (!Number.isInteger(value) || value < opts.min || value > opts.max) ctx.addIssue({ code: 'custom', message: `${label}: välj ett av alternativen i listan.` });
    return Number.isFinite(value) ? value : 0;
  });
}

const EXAMPLES: Record<AmountUnit, string> = {
  kr: 'till exempel 250 000 kr, 300 tkr eller 1,5 mnkr',
  timmar: 'till exempel 800 eller 320,5',
};

/**
 * An amount of kronor or hours as Swedes type it ("250 000 kr", "300 tkr", "1,5 mnkr",
 * "320,5 timmar"), within bounds; kronor in whole kronor.
 */
export function amountField(label: string, unit: AmountUnit, opts: { max: number }) {
  return z.unknown().transform((raw, ctx): number => {
    const source = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
    const parsed = parseAmount(source.slice(0, 100), unit);
    if (!parsed.ok) {
      const message = {
        empty: `Fyll i ${label.toLowerCase()} (0 om inget).`,
        negative: `${label} kan inte vara negativ.`,
        ambiguous: `${label}: skriv tusental med mellanslag, ${EXAMPLES[unit]}.`,
        garbage: `${label}: skriv ett ${unit === 'kr' ? 'belopp' : 'antal timmar'}, ${EXAMPLES[unit]}.`,
      }[parsed.problem];
      ctx.addIssue({ code: 'custom', message });
      return 0;
    }
    const value = parsed.value;
    if (value > opts.max) ctx.addIssue({ code: 'custom', message: `${label} är orimligt stor (högst ${unit === 'kr' ? formatKronor(opts.max) : formatNumber(opts.max)}).` });
    else if (unit === 'kr' && !Number.isInteger(value)) ctx.addIssue({ code: 'custom', message: `${label} anges i hela kronor (nu ${formatNumber(value)}).` });
    return value;
  });
}

/** A scale choice 1–5. */
export function scaleField(label: string) {
  return numberField(label, { min: 1, max: 5 });
}

/** A calendar date YYYY-MM-DD within reasonable years. */
export function dateField(label: string) {
  return z.unknown().transform((raw, ctx): string => {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) {
      ctx.addIssue({ code: 'custom', message: `Ange ${label.toLowerCase()}.` });
      return '';
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
    if (!m || !d || d.toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: 'custom', message: `${label} ska vara ett datum (ÅÅÅÅ-MM-DD).` });
      return '';
    }
    if (value < '2000-01-01' || value > '2100-12-31') ctx.addIssue({ code: 'custom', message: `${label} ligger utanför rimliga år.` });
    return value;
  });
}

/** A yes/no toggle as cards send it ("true"/"false"), or missing for no. */
export function yesNoField(label: string) {
  return z.unknown().transform((raw, ctx): boolean => {
    if (raw !== undefined && !['true', 'false', true, false].includes(raw as string | boolean)) ctx.addIssue({ code: 'custom', message: `${label}: svara ja eller nej.` });
    return raw === true || raw === 'true';
  });
}

/** Card fields the bot itself adds; never an error, never stored. */
const META_FIELDS: ReadonlySet<string> = new Set(['verb', 'step', 'draftId', 'action', 'msteams', 'etag', 'initiativeId', 'nav']);

function asRecord(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/**
 * Parses one card submission with its schema: every field's message (the first per field),
 * plus one for fields the card should not have sent. Card data is untrusted input; what
 * comes out is checked and typed.
 */
export function parseCard<S extends z.ZodTypeAny>(schema: S, data: unknown, fields: readonly string[]): Validated<z.output<S>> {
  const record = asRecord(data);
  const errors: FieldErrors = {};
  const extra = Object.keys(record).filter((k) => !fields.includes(k) && !META_FIELDS.has(k));
  // The names are the card's, not words a person knows: say how many, not which.
  if (extra.length) errors._form = `Kortet skickade ${extra.length === 1 ? 'ett fält' : `${extra.length} fält`} som inte hör till det här steget. Inget sparades från ${extra.length === 1 ? 'det' : 'dem'}.`;
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data as z.output<S> };
}
