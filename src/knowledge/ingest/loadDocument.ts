import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedDocument, ReadDocument } from './types.js';
import { readText } from './readText.js';
import { readMarkdown } from './readMarkdown.js';
import { readPdf } from './readPdf.js';
import { readDocx } from './readDocx.js';
import { buildSections } from './sections.js';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.pdf', '.docx'] as const;

export function isSupportedFile(file: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

async function read(filePath: string): Promise<ReadDocument> {
  const ext = path.extname(filePath).toLowerCase();
  const data = await readFile(filePath);
  switch (ext) {
    case '.txt':
      return readText(data.toString('utf8'));
    case '.md':
      return readMarkdown(data.toString('utf8'));
    case '.pdf':
      return readPdf(new Uint8Array(data));
    case '.docx':
      return readDocx(data);
    default:
      throw new Error(`Filtypen ${ext} stöds inte`);
  }
}

/**
 * A document without a declared title is named by its first short block of more than one
 * word, within the first few: the heading line that extracted text starts with.
 */
function titleFromBlocks(parsed: ReadDocument): string | undefined {
  for (const block of parsed.blocks.slice(0, 8)) {
    const text = block.lines.join(' ').replace(/\s+/g, ' ').trim();
    if (text.length >= 12 && text.length <= 160 && text.includes(' ') && !/^\p{L}+:/u.test(text)) return text;
  }
  return undefined;
}

/** Parses one file into a document with title and sections. Throws if it cannot be read. */
export async function loadDocument(filePath: string): Promise<ParsedDocument> {
  const parsed = await read(filePath);
  const sections = buildSections(parsed.blocks, parsed.footnotes);
  const file = path.basename(filePath);
  const title = (parsed.title ?? titleFromBlocks(parsed) ?? file).slice(0, 160);
  if (sections.every((s) => s.paragraphs.length === 0)) {
    throw new Error('Dokumentet innehåller ingen läsbar text');
  }
  return { file, title, sections };
}
