import type { RawLine, ReadDocument } from './types.js';
import { dropFootnotes, linesToBlocks, typicalLineWidth } from './lineLayout.js';

/**
 * Plain text as PDF-to-text tools leave it. Page breaks are form feeds, or (as in the
 * corpus) a line that starts with a single space: the extractor's page-start mark. A
 * document with neither has no page numbers.
 */
export function readText(content: string): ReadDocument {
  const source = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const physical = source.split('\n');
  const hasFormFeeds = source.includes('\f');
  const isPageStart = (line: string): boolean => (hasFormFeeds ? line.startsWith('\f') : /^ \S/.test(line));
  const paged = physical.some(isPageStart);

  const lines: RawLine[] = [];
  let page = 1;
  let gap = 0;
  let seenText = false;
  for (const raw of physical) {
    const pageStart = paged && isPageStart(raw);
    if (pageStart && seenText) page++;
    const text = raw.replace(/\f/g, '');
    if (!text.trim()) {
      gap++;
      continue;
    }
    lines.push({ text, page: paged ? page : undefined, gapBefore: seenText ? gap : 0, pageStart: pageStart && seenText });
    gap = 0;
    seenText = true;
  }
  return finishLines(lines);
}

/** Shared tail of the text and PDF readers: footnotes out, blocks in. */
export function finishLines(lines: RawLine[]): ReadDocument {
  const { lines: kept, footnotes } = dropFootnotes(lines, typicalLineWidth(lines));
  return { blocks: linesToBlocks(kept), footnotes };
}
