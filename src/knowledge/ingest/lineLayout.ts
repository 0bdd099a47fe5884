import type { Block, RawLine } from './types.js';
import { continuesPrevious, hasFootnoteMarker, joinLines } from './mending.js';

const FOOTNOTE_LINE = /^(\d{1,3})\s+\S/;
const FOOTNOTE_LINE_NUMBER = /^\d{1,3}\s+/;

/**
 * Removes footnotes from extracted lines. A footnote is a line "N text" that follows a
 * wider gap (or another footnote) and whose number N is glued as a marker to a word earlier
 * in the text ("Pios1"); its short continuation lines go with it. Returns the kept lines and
 * the footnotes found (texts by number, in document order), so the markers can be resolved.
 */
export function dropFootnotes(lines: RawLine[], typicalWidth: number): { lines: RawLine[]; footnotes: Map<number, string[]> } {
  const kept: RawLine[] = [];
  const footnotes = new Map<number, string[]>();
  let note: { n: number; text: string } | undefined;
  const closeNote = (): void => {
    if (note) footnotes.set(note.n, [...(footnotes.get(note.n) ?? []), note.text]);
    note = undefined;
  };
  let seen = '';
  let inZone = false;
  let dropped = false;
  let lastNumber = 0;
  for (const line of lines) {
    const text = line.text.trim();
    const m = FOOTNOTE_LINE.exec(text);
    const n = m ? Number(m[1]) : NaN;
    // Footnotes sit at the foot of a page: never its first line, numbered in sequence.
    const placed = !line.pageStart && (inZone ? n === lastNumber + 1 : line.gapBefore >= 2);
    const opensZone = m !== null && placed && hasFootnoteMarker(seen.slice(-4000), n);
    if (opensZone) {
      closeNote();
      note = { n, text: text.replace(FOOTNOTE_LINE_NUMBER, '') };
      lastNumber = n;
      inZone = true;
      dropped = true;
      continue;
    }
    if (inZone && !line.pageStart && line.gapBefore === 0 && /^\p{Ll}/u.test(text) && text.length < typicalWidth * 0.7) {
      if (note) note.text = joinLines(note.text, text);
      continue;
    }
    closeNote();
    inZone = false;
    // The line after a removed footnote continues the page's text, not a new paragraph.
    kept.push(dropped ? { ...line, pageStart: true } : line);
    dropped = false;
    seen += ` ${text}`;
    if (seen.length > 8000) seen = seen.slice(-4000);
  }
  closeNote();
  return { lines: kept, footnotes };
}

/** The width of a full line of running text: the 80th percentile of line lengths. */
export function typicalLineWidth(lines: readonly RawLine[]): number {
  const lengths = lines.map((l) => l.text.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  if (lengths.length === 0) return 80;
  return lengths[Math.floor(lengths.length * 0.8)] ?? 80;
}

/**
 * Groups lines into blocks: a gap starts a new block, a page break does too unless the text
 * simply runs on across it. Blocks that continue mid-sentence after a gap or page break
 * (lower-case start) are joined back, which mends paragraphs split by page-break noise.
 */
export function linesToBlocks(lines: readonly RawLine[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of lines) {
    // A bullet drawn in a symbol font (U+F0B7, U+F0A7) is shown as the bullet it is.
    const text = line.text.replace(/\s+$/, '').replace(/^\s+/, '').replace(/^[\uF0A7\uF0B7](?=\s)/, '•');
    if (!text) continue;
    const breaks = line.gapBefore > 0 || line.pageStart;
    if (current && !breaks) {
      current.lines.push(text);
      continue;
    }
    if (current) {
      const previousText = current.lines.join(' ');
      const lastLine = current.lines[current.lines.length - 1] ?? '';
      if (continuesPrevious(previousText, text) && !looksLikeHeadingLine(lastLine)) {
        current.lines.push(text);
        continue;
      }
      blocks.push(current);
    }
    current = { lines: [text], page: line.page };
  }
  if (current) blocks.push(current);
  return blocks;
}

function looksLikeHeadingLine(line: string): boolean {
  return /^\d+(\.\d+)*\s+\p{Lu}/u.test(line) && !/[.:]$/.test(line);
}

/** Joins a block's lines into running text, mending hyphenation. */
export function blockText(lines: readonly string[]): string {
  return lines
    .reduce((acc, line) => joinLines(acc, line), '')
    .replace(/[^\S\n]{2,}/g, ' ')
    .trim();
}
