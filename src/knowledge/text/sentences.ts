/**
 * Swedish sentence boundaries for passages and excerpts. A sentence ends at ".", "!" or "?"
 * (with any closing quote or bracket) followed by white space and something that can start a
 * sentence, and at every line break (paragraphs and list items stay apart). Not ends: section
 * numbers and decimals ("5.1", "4.2.1", "12,5"), common abbreviations ("t.ex.", "bl.a.",
 * "s.k.", "kl.", "ca"), list numbers at the start of a line ("1. Uppnå …"), and a full stop
 * followed by a lower-case word (the sentence goes on).
 */

/**
 * Abbreviations that never end a sentence (lower-case, without the final full stop): what
 * follows them is a name, a number or a capitalised term, never a new sentence. Units and
 * "m.m.", "osv." can end one, so they are left to the case of the next word.
 */
const ABBREVIATIONS = new Set([
  't.ex', 'bl.a', 's.k', 'd.v.s', 'dvs', 'p.g.a', 'pga', 'fr.o.m', 't.o.m', 'f.d', 'ca', 'resp', 'jfr', 'nr', 'kap', 'enl', 'ang', 'avd', 'tel', 'kl', 's',
  'sid', 'prop', 'dnr', 'bil', 'dir', 'tf', 'inkl', 'exkl', 'jan', 'feb', 'apr', 'aug', 'sept', 'okt', 'nov', 'dec',
]);

export interface Span {
  start: number;
  end: number;
  /** Whether it starts a line (a list item does; the rest of an item's line does not). */
  startsLine: boolean;
}

/** Whether the full stop at `dot` ends a sentence, judged by the word before it and what follows. */
function endsAt(text: string, sentenceStart: number, dot: number, next: number): boolean {
  const following = text.slice(next).match(/^["”»(]*([\p{L}\p{N}•–-])/u)?.[1];
  if (following && /\p{Ll}/u.test(following)) return false;
  const lineStart = text.lastIndexOf('\n', dot - 1) + 1;
  const before = text.slice(lineStart, dot);
  const word = before.match(/([\p{L}\p{N}.]+)$/u)?.[1] ?? '';
  if (ABBREVIATIONS.has(word.toLocaleLowerCase('sv'))) return false;
  // "1." or "2.3." opening a line or a sentence is a list or section number, not a sentence.
  if (/^\s*\d+(\.\d+)*$/.test(text.slice(Math.max(lineStart, sentenceStart), dot))) return false;
  // An initial ("A. Svensson").
  if (/^\p{Lu}$/u.test(word)) return false;
  return true;
}

/** The sentences of `text` as [start, end) spans; trailing white space stays with its sentence. */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number): void => {
    const previous = spans.at(-1);
    if (text.slice(start, end).trim()) spans.push({ start, end, startsLine: !previous || text.slice(previous.start, start).includes('\n') });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      let end = i + 1;
      while (end < text.length && /\s/.test(text[end] ?? '')) end++;
      push(end);
      i = end - 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let after = i + 1;
    while (after < text.length && /[.!?"”»)\]]/.test(text[after] ?? '')) after++;
    if (after < text.length && !/[ \t\u00a0]/.test(text[after] ?? '')) continue;
    let next = after;
    while (next < text.length && /[ \t\u00a0]/.test(text[next] ?? '')) next++;
    if (next < text.length && text[next] === '\n') continue;
    if (c === '.' && !endsAt(text, start, i, next)) continue;
    push(next);
    i = next - 1;
  }
  push(text.length);
  return spans;
}

/** The sentences of `text`, trimmed. */
export function sentences(text: string): string[] {
  return linedSentences(text).map((s) => s.text);
}

/** The sentences of `text`, trimmed, each with whether it starts a line (a list item does). */
export function linedSentences(text: string): { text: string; startsLine: boolean }[] {
  const spans = sentenceSpans(text);
  if (!spans.length) return [{ text, startsLine: true }];
  return spans.map((s) => ({ text: text.slice(s.start, s.end).trim(), startsLine: s.startsLine }));
}
