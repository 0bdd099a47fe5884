import { fold } from './fold.js';

/**
 * Insats codes are written "1 A", "1A", "(1\nC)" or "insats 3 A"; they become one token
 * ("1a") on both sides of the index. Only the plan's codes (1–9 followed by A–F) qualify.
 */
const INSATS_CODE = /(?<![\p{L}\p{N}.,-])([1-9])\s?([A-Fa-f])(?![\p{L}\p{N}])/gu;

/**
 * A word, or a number with its decimals and section levels whole: "5.1" and "12,5" are one
 * token, so "målområde 1" does not match every section numbered 1.x or x.1.
 */
const WORD = /\p{N}+(?:[.,]\p{N}+)+(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** An ending after a colon, as Swedish inflects abbreviations: "AB:s", "SKR:s", "VPN:et". */
const COLON_ENDING = /(?<=[\p{L}\p{N}]):(?:s|n|en|et|ens|ets|ar|er|na|arna|erna)(?![\p{L}\p{N}])/gu;

/** The text with abbreviations' colon endings dropped: "VPN:et" is "VPN". */
function withoutColonEndings(text: string): string {
  return text.replace(COLON_ENDING, '');
}

/** The words of a text as written (case and å/ä/ö kept), numbers with their decimals whole. */
export function surfaceWords(text: string): string[] {
  return [...withoutColonEndings(text).matchAll(WORD)].map((m) => m[0]);
}

/**
 * The surface words with whether each opens a sentence, a line or a label ("Slutsats: …"),
 * where Swedish capitalises any word.
 */
export function wordsInPlace(text: string): { word: string; opens: boolean }[] {
  const cleaned = withoutColonEndings(text);
  return [...cleaned.matchAll(WORD)].map((m) => ({ word: m[0], opens: OPENS_AFTER.test(cleaned.slice(Math.max(0, m.index - 4), m.index)) || m.index === 0 }));
}

/** What a sentence, a line, a list item or a label ends with before the next word. */
const OPENS_AFTER = /(^|[.!?:;•\n"”(–-])\s*$/u;

/** Splits text into folded word tokens, joining insats codes. */
export function tokenize(text: string): string[] {
  return spelledTokens(text).map((t) => t.token);
}

/** The folded tokens of a text, each with its lower-cased spelling ("malomrade", "målområde"). */
export function spelledTokens(text: string): { token: string; surface: string }[] {
  const joined = withoutColonEndings(text).replace(INSATS_CODE, (_m, digit: string, letter: string) => `${digit}${letter}`);
  const out: { token: string; surface: string }[] = [];
  for (const match of joined.matchAll(WORD)) {
    const surface = match[0].toLowerCase();
    // "IT-system" is searched as its parts.
    for (const part of surface.split(/[-'’]/)) if (part) out.push({ token: fold(part), surface: part });
  }
  return out;
}

/** True for a token that is an insats code such as "1a". */
export function isInsatsCode(token: string): boolean {
  return /^[1-9][a-f]$/.test(token);
}

/** The insats code a heading ends with, as written: "3 B" of "5.3.2 Säkerställa … (3 B)". */
export function headingInsatsCode(heading: string): string | undefined {
  return /\((\d+ ?[A-ZÅÄÖ])\)$/u.exec(heading)?.[1];
}

/** The lower-case, unfolded spelling of each folded token of a text ("malomrade" → "målområde"). */
export function surfaceForms(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of withoutColonEndings(text).replace(INSATS_CODE, '').matchAll(WORD)) {
    for (const part of match[0].toLowerCase().split(/[-'’]/)) if (part) out.set(fold(part), part);
  }
  return out;
}
