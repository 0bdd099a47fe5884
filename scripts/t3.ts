import { readPdf } from '../src/knowledge/ingest/readPdf.js';
import { readFileSync } from 'node:fs';
const d = await readPdf(new Uint8Array(readFileSync(process.argv[2]!)));
const re = new RegExp(process.argv[3]!);
d.blocks.forEach((b, i) => b.lines.forEach((l, k) => { if (re.test(l)) console.log(i, k, JSON.stringify(b.lines.slice(Math.max(0, k - 2), k + 2))); }));
