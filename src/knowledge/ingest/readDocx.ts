import mammoth from 'mammoth';
import type { Block, ReadDocument } from './types.js';
import { plainInline, readMarkdown } from './readMarkdown.js';

const ELEMENT = /<(h[1-6]|p|li|td|th)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g;

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Word documents through mammoth's HTML: heading styles become headings, a paragraph
 * that is bold throughout and short is taken as a heading too, as authors often do. A
 * document without heading styles is read as its plain text (Markdown conventions such as
 * "# Rubrik" included), so it gets the same structure as the same text in a .txt or .md.
 */
export async function readDocx(data: Buffer): Promise<ReadDocument> {
  const { value: html } = await mammoth.convertToHtml({ buffer: data });
  if (!/<h[1-6][\s>]/.test(html)) {
    const paragraphs = [...html.matchAll(ELEMENT)].map((m) => decodeEntities((m[2] ?? '').replace(/<(?!\/?(?:b|strong)>)[^>]+>/g, '')));
    return readMarkdown(paragraphs.join('\n\n'));
  }
  const blocks: Block[] = [];
  let title: string | undefined;
  for (const match of html.matchAll(ELEMENT)) {
    const tag = match[1] ?? 'p';
    const inner = match[2] ?? '';
    const text = plainInline(inner);
    if (!text) continue;
    const boldOnly = /^\s*<strong>[\s\S]*<\/strong>\s*$/.test(inner) && text.length <= 80;
    if (tag.startsWith('h') || boldOnly) {
      const level = tag.startsWith('h') ? Number(tag.slice(1)) : 4;
      if (title === undefined && level === 1) title = text;
      blocks.push({ lines: [text], page: undefined, headingLevel: level });
    } else {
      blocks.push({ lines: [tag === 'li' ? `- ${text}` : text], page: undefined });
    }
  }
  return title ? { title, blocks } : { blocks };
}
