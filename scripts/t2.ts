import { readPdf } from "../src/knowledge/ingest/readPdf.js";
import { readText } from '../src/knowledge/ingest/readText.js';
import { readFileSync } from 'node:fs';
const d = (process.argv[2]!.endsWith(".pdf") ? await readPdf(new Uint8Array(readFileSync(process.argv[2]!))) : readText(readFileSync(process.argv[2]!, "utf8")));
const q = process.argv[3]!;
d.blocks.forEach((b, i) => { if (b.lines.join(' ').includes(q)) { for (let k = i - 2; k <= i + 1; k++) console.log(k, JSON.stringify(d.blocks[k])); } });
