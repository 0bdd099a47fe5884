import type { Block, ReadDocument } from './types.js';
import { linesToBlocks } from './lineLayout.js';

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BOLD_LINE = /^(?:\*\*|__|<b>|<strong>)(.+?)(?:\*\*|__|<\/b>|<\/strong>)[:.]?\s*$/i;

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

/** Markdown: # headings, bold lines as headings, paragraphs between blank lines. */
export function readMarkdown(content: string): ReadDocument {
  const lines = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let title: string | undefined;
  let paragraph: string[] = [];
  const flush = (): void => {
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
    const text = plainInline(line);
    if (!text) {
      flush();
      continue;
    }
    paragraph.push(text);
  }
  flush();
  return title ? { title, blocks } : { blocks };
}
