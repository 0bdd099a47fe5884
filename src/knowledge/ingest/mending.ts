/**
 * Repairs the usual artefacts of text extracted from PDFs: words hyphenated across line
 * breaks, paragraphs cut by page breaks, and footnote markers glued to words ("Pios1").
 */

import { fold } from '../text/fold.js';
import { isBody, PERSON_POST } from '../text/questionKind.js';

// A hyphen at a line end before these words is a real Swedish suspended hyphen
// ("risk- och konsekvensanalyser"), not a word broken across lines.
const KEEP_HYPHEN_BEFORE = new Set(['och', 'eller', 'samt', 'respektive', 'som', 'men', 'till']);

/**
 * The bullets extracted text starts list items with: typed ones, and the glyphs word
 * processors draw them with (U+F0B7 is Symbol font's bullet, as PDF-to-text leaves it).
 */
const BULLETS = '-–•*\u25AA\u25CF\u25E6\uF0A7\uF0B7';

/** A line that starts with a bullet. */
export const BULLETED = new RegExp(`^[${BULLETS}]\\s`, 'u');

/** A numbered list item that starts with a capital ("1. Kommunfullmäktigeskrivelse", "2) …"; not "4.2 Mål", not "3 april"). */
export const NUMBERED_ITEM = /^\s*\d{1,2}[.)]\s+\p{Lu}/u;

/** A list item that can be counted: a bulleted one, or a numbered one (NUMBERED_ITEM). */
const COUNTABLE_ITEM = new RegExp(`${NUMBERED_ITEM.source}|${BULLETED.source}`, 'u');

/** At most this many words make a line that is a body's name alone. */
const MAX_BODY_LINE = 5;

/**
 * A line that is a body's name and nothing else, as a table's rows list them without bullets:
 * "Revisionskontoret", "Borås Stadshus AB", "Fritids- och folkhälsonämnden".
 */
export function namesBodyAlone(line: string): boolean {
  const words = line.trim().split(/\s+/);
  const last = fold((words.at(-1) ?? '').toLowerCase());
  if (!/^\p{Lu}/u.test(line.trim()) || words.length > MAX_BODY_LINE || /[.:;,!?]$/.test(last)) return false;
  // A phrase is no name: "Yttrande till kommunstyrelsen", "Inom regionen"; nor is a post ("Tf miljöskyddschef").
  if (words.some((w) => PHRASE_WORD.test(fold(w.toLowerCase()))) || PERSON_POST.test(last)) return false;
  return last === 'ab' || words[0] === 'AB' || isBody(last);
}

/** Prepositions and verbs that make a line a phrase; "i" and "och" stand in names ("AB Bostäder i Borås", "Fritids- och folkhälsonämnden"). */
const PHRASE_WORD = /^(till|av|fran|inom|pa|for|med|om|hos|vid|under|efter|genom|ar|bereds|har|ska)$/;

/** A list after the line that leads into it: how many items, and the index past its last sentence. */
export interface ListRun {
  items: number;
  end: number;
}

/**
 * For each sentence that leads into a list ("Beslutsunderlag" before "1. …", "2. …";
 * "Framförda synpunkter bör beaktas:" before "• …", "• …"), the list that follows it. A
 * sentence on the same line as an item goes on with that item ("1. Protokoll. Bilaga A." is
 * one item); without `startsLine` every sentence is taken to start a line. undefined for
 * every other sentence.
 */
export function listsAfter(sentences: readonly { text: string; startsLine?: boolean }[]): (ListRun | undefined)[] {
  const item = (i: number): boolean => COUNTABLE_ITEM.test(sentences[i]?.text ?? '') || (sentences[i]?.startsLine !== false && namesBodyAlone(sentences[i]?.text ?? ''));
  // Whether sentence i goes on with the item before it on the same line.
  const continues: boolean[] = [];
  sentences.forEach((s, i) => continues.push(i > 0 && s.startsLine === false && !item(i) && (item(i - 1) || continues[i - 1] === true)));
  return sentences.map((_, i) => {
    if (item(i) || continues[i] || !item(i + 1)) return undefined;
    let end = i + 1;
    let items = 0;
    while (end < sentences.length && (item(end) || continues[end])) {
      if (item(end)) items++;
      end++;
    }
    return { items, end };
  });
}

/** A bulleted or numbered list item, kept on its own line. */
export const LIST_ITEM = new RegExp(`^(?:[${BULLETS}]\\s|\\d{1,2}[.)]\\s)`, 'u');

/** Joins two physical lines of one paragraph, mending a hyphenated word break. */
export function joinLines(previous: string, next: string): string {
  const left = previous.replace(/\s+$/, '');
  const right = next.replace(/^\s+/, '');
  if (!left) return right;
  if (!right) return left;
  if (LIST_ITEM.test(right)) return `${left}\n${right}`;
  if (/\p{L}-$/u.test(left) && /^\p{Ll}/u.test(right)) {
    const firstWord = /^\p{L}+/u.exec(right)?.[0] ?? '';
    if (KEEP_HYPHEN_BEFORE.has(firstWord)) return `${left} ${right}`;
    return left.slice(0, -1) + right;
  }
  if (/\d-$/.test(left) && /^\d/.test(right)) return left + right;
  return `${left} ${right}`;
}

/** True when a paragraph ends a sentence or introduces a list, so a new block is new text. */
export function endsSentence(text: string): boolean {
  return /[.!?:;”"»)]\s*$/.test(text.trimEnd());
}

/** True when a block continues the text before it (starts in lower case, mid-sentence). */
export function continuesPrevious(previous: string, next: string): boolean {
  const trimmed = next.trimStart();
  if (!/^\p{Ll}/u.test(trimmed)) return false;
  if (BULLETED.test(trimmed)) return false;
  return !endsSentence(previous) || /\p{L}-$/u.test(previous.trimEnd());
}

/**
 * Removes footnote markers glued to words ("Pios1." → "Pios.") for the given numbers, also
 * after the sign that ends a sentence before the next one ("medborgarservice.2 Dessa" →
 * "medborgarservice. Dessa"; not "kap.2 §" or "s.5 i").
 */
export function stripFootnoteMarkers(text: string, numbers: ReadonlySet<number>): string {
  if (numbers.size === 0) return text;
  return text.replace(/(?<=[\p{L})”])(\d{1,2})(?=[\s.,;:)]|$)|(?<=\p{L}{4}[.,])(\d{1,2})(?=\s+\p{Lu}|\s*$)/gu, (marker) =>
    numbers.has(Number(marker)) ? '' : marker,
  );
}

/** True when `text` (the document so far) has a marker for footnote `n` glued to a word. */
export function hasFootnoteMarker(text: string, n: number): boolean {
  // Glued to a word ("Pios1"), or to a year ("hösten 20242."), as extraction leaves them.
  return new RegExp(`(?:[\\p{L})”.,]|\\b(?:19|20)\\d\\d)${n}(?=[\\s.,;:)]|$)`, 'u').test(text);
}
