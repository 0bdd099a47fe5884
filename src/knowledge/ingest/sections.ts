import type { Block, Paragraph, Section } from './types.js';
import { blockText } from './lineLayout.js';
import { BULLETED, stripFootnoteMarkers } from './mending.js';

const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)\s+(?=[\p{Lu}”"«])/u;
/** Göteborg's heading 5.4.3 runs to 278 characters with its insats code "(4 C)". */
const MAX_HEADING = 400;
/** A short line before a whole sentence of at least this many characters heads it ("Förslag till beslut"). */
const SHORT_BODY = 40;
const FOOTNOTE_MARKER = /(\p{L}[\p{L}-]*)[)”]?(\d{1,2})(?=[\s.,;:)]|$)|\b((?:19|20)\d\d)(\d{1,2})(?=[\s.,;:)]|$)|(\p{L}{4,})[.,](\d{1,2})(?=\s+\p{Lu}|\s*$)/gu;
/** Up to four words before a marker glued to a year, with the year, as the note's label: "revisionsrapport som presenterades hösten 2024". */
const WORDS_BEFORE_YEAR = /(?:[\p{L}\d-]+\s+){0,4}[\p{L}\d-]*$/u;
const LEADING_NUMBER = /^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+/;

/**
 * Tracks the numbering seen so far, so that a line such as "5 Utbildningsnämnden har ..."
 * (a footnote, or a list) is not taken as chapter 5 unless chapter 5 is what comes next.
 */
class Numbering {
  private readonly last: number[] = [];

  accepts(number: string): boolean {
    const parts = number.split('.').map(Number);
    const depth = parts.length;
    if (depth > this.last.length + 1) return false;
    for (let i = 0; i < depth - 1; i++) if (parts[i] !== this.last[i]) return false;
    const previous = this.last[depth - 1] ?? 0;
    const n = parts[depth - 1] ?? 0;
    // Documents repeat a number by mistake now and then ("6.5" twice); accept that too.
    return n === previous + 1 || (n === previous && depth > 1);
  }

  take(number: string): void {
    const parts = number.split('.').map(Number);
    this.last.length = 0;
    this.last.push(...parts);
  }
}

/** The width of running text in this document, for telling short heading lines apart. */
function typicalWidth(blocks: readonly Block[]): number {
  const lengths = blocks.flatMap((b) => b.lines.map((l) => l.length)).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.8)] ?? 80;
}

function isUnnumberedHeading(block: Block, previous: Block | undefined, next: Block | undefined, width: number): boolean {
  const first = block.lines[0] ?? '';
  if (first.length < 3 || first.length > 70 || first.length > width * 0.75) return false;
  if (!/^\p{Lu}/u.test(first) || /[.,;:!?\-–]$/.test(first) || BULLETED.test(first)) return false;
  if (/\p{L}:\s/u.test(first)) return false;
  if (first.split(/\s+/).length > 10) return false;
  if (block.lines.length > 1) return /^[\p{Lu}\d]/u.test(block.lines[1] ?? '');
  if (!next || next.headingLevel !== undefined) return false;
  const nextText = next.lines.join(' ');
  // A name on its own line before a bulleted list heads the list: "Förskolenämnden" and its points.
  // A short line after one that ends in a colon is an item of what that line leads into.
  const led = /:\s*$/.test(previous?.lines.at(-1) ?? '');
  return (/^\p{Lu}/u.test(nextText) && (nextText.length >= 120 || (!led && nextText.length >= SHORT_BODY && /[.!?]$/.test(nextText)))) || BULLETED.test(nextText);
}

/**
 * Splits a numbered heading off the start of a block: the heading runs on over wrapped
 * lines (lower-case continuation) until it ends a sentence or the body text begins.
 */
function splitNumberedHeading(lines: readonly string[]): { heading: string; rest: string[] } {
  let heading = lines[0] ?? '';
  let i = 1;
  while (i < lines.length && heading.length < MAX_HEADING && !/[.!?]$/.test(heading.trim())) {
    const line = lines[i] ?? '';
    const continues = /^[\p{Ll}\d(]/u.test(line) || /-$/.test(heading.trim()) || /\([^)]*$/.test(heading);
    if (!continues) break;
    heading = blockText([heading, line]);
    i++;
  }
  return { heading: heading.trim(), rest: lines.slice(i) };
}

function cleanTitle(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\s.:]+$/, '').trim();
}

/** Builds the section structure of a document from its blocks. */
export function buildSections(
  blocks: readonly Block[],
  footnotes: ReadonlyMap<number, readonly string[]> = new Map(),
): Section[] {
  const width = typicalWidth(blocks);
  const numbering = new Numbering();
  const sections: Section[] = [{ number: undefined, level: undefined, title: '', page: blocks[0]?.page, paragraphs: [] }];
  let current = sections[0]!;
  const open = (number: string | undefined, title: string, page: number | undefined, level?: number): void => {
    const depth = level ?? (number ? number.split('.').length : undefined);
    current = { number, level: depth, title: cleanTitle(title), page, paragraphs: [] };
    sections.push(current);
  };
  const notes = new Map([...footnotes].map(([n, texts]) => [n, [...texts]]));
  /** The number of the last footnote placed: markers come in order, so the next is one more. */
  let lastPlaced = 0;
  const addParagraph = (lines: readonly string[], page: number | undefined): void => {
    const raw = blockText(lines);
    // A marker glued to a year ("hösten 20242") is one only when it is the next footnote's
    // number; otherwise the digits are a number ("20001 kr") and stay.
    let mended = '';
    let from = 0;
    const placed: Paragraph[] = [];
    for (const marker of raw.matchAll(FOOTNOTE_MARKER)) {
      const year = marker[3];
      // After the full stop ("medborgarservice.2 Dessa"): only the next footnote's number, as after a year.
      const afterStop = marker[6] !== undefined;
      const n = Number(marker[2] ?? marker[4] ?? marker[6]);
      if ((year || afterStop) && n !== lastPlaced + 1) continue;
      const note = notes.get(n)?.shift();
      if (note) lastPlaced = n;
      if (year) {
        mended += raw.slice(from, marker.index) + year;
        from = marker.index + marker[0].length;
      }
      if (!note) continue;
      // A footnote explains the word it is attached to; after a year, what the words before it name.
      const label = year ? `${WORDS_BEFORE_YEAR.exec(raw.slice(0, marker.index).replace(/\s+/g, ' '))?.[0] ?? ''}${year}` : (marker[1] ?? marker[5] ?? '');
      placed.push({ text: `${label}: ${note}`, page, note: true });
    }
    const text = stripFootnoteMarkers(mended + raw.slice(from), new Set(footnotes.keys()));
    if (text) current.paragraphs.push({ text, page } satisfies Paragraph);
    // The notes are kept after the paragraph.
    current.paragraphs.push(...placed);
  };
  const acceptedNumber = (line: string): string | undefined => {
    const numbered = NUMBERED.exec(line);
    if (!numbered) return undefined;
    // "1. Text" with a dot after a single number is a list item, not a chapter.
    if (numbered[2] === '.' && !numbered[1]!.includes('.')) return undefined;
    return numbering.accepts(numbered[1]!) ? numbered[1] : undefined;
  };

  blocks.forEach((block, index) => {
    const first = block.lines[0] ?? '';
    if (block.headingLevel !== undefined) {
      const number = NUMBERED.exec(first)?.[1];
      if (number) numbering.take(number);
      open(number, blockText([first.replace(number ? LEADING_NUMBER : /^/, ''), ...block.lines.slice(1)]), block.page, block.headingLevel);
      return;
    }
    if (acceptedNumber(first) === undefined && isUnnumberedHeading(block, blocks[index - 1], blocks[index + 1], width)) {
      open(undefined, first, block.page);
      addTextLines(block.lines.slice(1), block.page);
      return;
    }
    addTextLines(block.lines, block.page);
  });

  /**
   * Adds the lines of a text block, opening a section at every numbered heading in it.
   * Extracted PDF text often runs a heading into the paragraph before it, so a heading is
   * recognised mid-block too when the line before it ends a sentence or is short.
   */
  function addTextLines(lines: readonly string[], page: number | undefined): void {
    let bodyStart = 0;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i] ?? '';
      const previous = i > 0 ? (lines[i - 1] ?? '') : undefined;
      const standsAlone = previous === undefined || /[.!?:]$/.test(previous.trim()) || previous.length < width * 0.75;
      const number = standsAlone ? acceptedNumber(line) : undefined;
      if (number === undefined) {
        i++;
        continue;
      }
      addParagraph(lines.slice(bodyStart, i), page);
      const { heading, rest } = splitNumberedHeading(lines.slice(i));
      numbering.take(number);
      open(number, heading.replace(LEADING_NUMBER, ''), page);
      i = lines.length - rest.length;
      bodyStart = i;
    }
    addParagraph(lines.slice(bodyStart), page);
  }

  return sections.filter((s) => s.paragraphs.length > 0 || s.title);
}
