import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prng } from '../helpers/prng.js';


/**
 * Writes a corpus `factor` times the size of the real one: every copy of a document keeps
 * its structure and text, with paragraphs shuffled within it and numbers changed, so the
 * index holds `factor` times the passages over a realistic vocabulary.
 */
export async function generateCorpus(sourceDir: string, targetDir: string, factor: number): Promise<{ files: number; bytes: number }> {
  await mkdir(targetDir, { recursive: true });
  const random = prng(42);
  let files = 0;
  let bytes = 0;
  for (const name of await readdir(sourceDir)) {
    const text = await readFile(path.join(sourceDir, name), 'utf8');
    const paragraphs = text.split(/\n\s*\n/);
    for (let copy = 0; copy < factor; copy++) {
      const shuffled = paragraphs.map((p) => ({ p, k: random() })).sort((a, b) => a.k - b.k).map((x) => x.p);
      const body = shuffled.join('\n\n').replace(/\b(\d{2,3})\b/g, (n) => String((Number(n) + copy) % 1000));
      const ext = path.extname(name);
      const out = path.join(targetDir, `${path.basename(name, ext)}-${copy}${ext}`);
      await writeFile(out, body);
      files++;
      bytes += Buffer.byteLength(body);
    }
  }
  return { files, bytes };
}
