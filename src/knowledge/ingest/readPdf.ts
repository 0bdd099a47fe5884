import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { RawLine, ReadDocument } from './types.js';
import { finishLines } from './readText.js';

interface TextItem {
  str: string;
  transform: number[];
  height: number;
}

/**
 * Reads a PDF with pdf.js: lines are rebuilt from the text items' positions, blank lines
 * from vertical gaps larger than the usual line spacing, and every line keeps its page.
 */
export async function readPdf(data: Uint8Array): Promise<ReadDocument> {
  const pdf = await getDocument({ data, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const metadata = await pdf.getMetadata().catch(() => undefined);
    const info = (metadata?.info ?? {}) as { Title?: unknown };
    const rows: { page: number; y: number; text: string }[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      let text = '';
      let y: number | undefined;
      for (const item of content.items as TextItem[]) {
        if (typeof item.str !== 'string') continue;
        const itemY = item.transform[5] ?? 0;
        if (y !== undefined && Math.abs(itemY - y) > 1) {
          rows.push({ page: p, y, text });
          text = '';
        }
        text += item.str;
        y = itemY;
      }
      if (y !== undefined) rows.push({ page: p, y, text });
      page.cleanup();
    }
    const spacing = usualLineSpacing(rows);
    const lines: RawLine[] = [];
    let previous: { page: number; y: number } | undefined;
    for (const row of rows) {
      if (!row.text.trim()) continue;
      const samePage = previous?.page === row.page;
      const gap = samePage && previous ? Math.max(0, Math.round((previous.y - row.y) / spacing) - 1) : 0;
      lines.push({ text: row.text, page: row.page, gapBefore: gap, pageStart: previous !== undefined && !samePage });
      previous = row;
    }
    const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    const read = finishLines(lines);
    return title ? { ...read, title } : read;
  } finally {
    await pdf.destroy();
  }
}

function usualLineSpacing(rows: readonly { page: number; y: number; text: string }[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    if (a.page !== b.page || !a.text.trim() || !b.text.trim()) continue;
    const d = Math.round((a.y - b.y) * 10) / 10;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 12;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount) [best, bestCount] = [d, c];
  return best;
}
