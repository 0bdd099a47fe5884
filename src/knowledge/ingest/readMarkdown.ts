import type { Block, ReadDocument } from './types.js';
import { linesToBlocks } from './lineLayout.js';

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
/**
 * A line that is all one bold run: a heading. A row of a header table ("<b>Ansvarig</b>
 * IT-chef\t<b>Gäller för</b> …") opens and closes bold more than once and is text.
 */
const BOLD_LINE = /^(?:\*\*|__|<b>|<strong>)((?:(?!\*\*|__|<\/?b>|<\/?strong>).)+?)(?:\*\*|__|<\/b>|<\/strong>)[:.]?\s*$/i;

/** Strips inline Markdown and HTML so the text reads as plain prose. */
export function plainInline(text: string): string {
  return text
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\t+/g, ' ')
    .replace(/[^\S\n]{2,}/g, ' ')
    .trim();
}

/** A cell of a header table: a bold label and its value ("<b>Ansvarig</b> IT-chef"). */
const LABELLED_CELL = /^\s*(?:\*\*|__|<b>|<strong>)(.+?)(?:\*\*|__|<\/b>|<\/strong>)\s*(.*)$/i;

/**
 * A row of a document's header table, tab-separated cells of a bold label and its value, as
 * fields: "Beslutat av Kommunstyrelsen; Ansvarig IT-chef". A field with no value is left out.
 * Undefined for any other line.
 */
function headerRow(line: string): string | undefined {
  if (!line.includes('\t')) return undefined;
  const cells = line.split('\t').filter((c) => c.trim()).map((c) => LABELLED_CELL.exec(c));
  if (cells.length < 2 || cells.some((c) => !c)) return undefined;
  return cells
    .map((c) => [plainInline(c?.[1] ?? ''), plainInline(c?.[2] ?? '')])
    .filter(([, value]) => value)
    .map(([label, value]) => `${label} ${value}`)
    .join('; ');
}

/** Markdown: # headings, bold lines as headings, paragraphs between blank lines. */
export function readMarkdown(content: string): ReadDocument {
  const lines = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let title: string | undefined;
  let paragraph: string[] = [];
  /** Whether the paragraph's last line is a header table's fields, so the next row joins it. */
  let inTable = false;
  const flush = (): void => {
    inTable = false;
    if (paragraph.length === 0) return;
    const raw = paragraph.map((text, i) => ({ text, page: undefined, gapBefore: 0, pageStart: i === 0 && blocks.length > 0 }));
    blocks.push(...linesToBlocks(raw));
    paragraph = [];
  };
  for (const line of lines) {
    const heading = HEADING.exec(line);
    const bold = heading ? null : BOLD_LINE.exec(line.trim());
    if (heading || (bold && plainInline(bold[1] ?? '').length <= 80)) {
      flush();
      const text = plainInline(heading ? (heading[2] ?? '') : (bold?.[1] ?? ''));
      if (!text) continue;
      const level = heading ? (heading[1] ?? '#').length : 4;
      if (level === 1 && title === undefined) title = text;
      blocks.push({ lines: [text], page: undefined, headingLevel: level });
      continue;
    }
    const row = headerRow(line);
    if (row) {
      // The rows of a header table read as one line of labelled fields.
      if (inTable) paragraph[paragraph.length - 1] += `; ${row}`;
      else paragraph.push(row);
      inTable = true;
      continue;
    }
    const text = plainInline(line);
    // A line after the header table is not one of its fields.
    if (!text || inTable) flush();
    if (!text) continue;
    paragraph.push(text);
  }
  flush();
  return title ? { title, blocks } : { blocks };
}
