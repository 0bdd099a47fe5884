import type { Source } from './answerer.js';

/** How much of a further source the answer card shows: a pointer, not a second answer. */
export const PREVIEW_LENGTH = 300;

const LINE_BREAKS = /\s*\n\s*/g;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40)).trimEnd()} …`;
}

/**
 * `flatten` (which only drops and collapses characters) of as much of a text's start as
 * `length` characters need: a few hundred, not the whole passage, unless those flatten to
 * less (a run of tabs). Up to its last non-space character a cut text flattens as the whole does.
 */
export function flatStart(text: string, length: number, flatten: (text: string) => string): string {
  const head = text.slice(0, 4 * length + 200);
  if (head === text) return flatten(text);
  const flat = flatten(head);
  return flat.trimEnd().length > length ? flat : flatten(text);
}

/** The start of a passage on one line, at most `max` characters. */
export function previewOf(text: string, max = PREVIEW_LENGTH): string {
  return shorten(flatStart(text, max, (t) => t.replace(LINE_BREAKS, ' ')), max);
}

/**
 * What the card shows of a further source: its excerpt on one line from the sentence that
 * answers best, so that the part about the question is what fits, not the passage's opening.
 */
export function furtherPreview(source: Pick<Source, 'excerpt' | 'highlights'>): string {
  const key = source.highlights[0];
  // Where the sentence stands, not inside an earlier word ("KS" in "KS-protokollet").
  const stands = (at: number): boolean => (at === 0 || /\s/.test(source.excerpt[at - 1]!)) && /^(\s|$)/.test(source.excerpt.slice(at + key!.length, at + key!.length + 1));
  let at = key ? source.excerpt.indexOf(key) : -1;
  while (at > 0 && !stands(at)) at = source.excerpt.indexOf(key!, at + 1);
  return previewOf(at > 0 ? `… ${source.excerpt.slice(at)}` : source.excerpt);
}

/** The further sources a card shows: other passages only, never the main source's document and section again. */
export function furtherSources<S extends Pick<Source, 'document' | 'section'>>(first: S, rest: readonly S[]): S[] {
  const seen = new Set([`${first.document}\u0000${first.section}`]);
  return rest.filter((s) => {
    const key = `${s.document}\u0000${s.section}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
