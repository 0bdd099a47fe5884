import { readText } from '../src/knowledge/ingest/readText.js';
import { blockText } from '../src/knowledge/ingest/lineLayout.js';
import { readFileSync } from 'node:fs';
const d = readText(readFileSync('/work/shared/corpus/goteborg-fordjupad-uppfoljning-digitalisering-2024.txt', 'utf8'));
const re = /(\p{L}[\p{L}-]*)[)”]?(\d{1,2})(?=[\s.,;:)]|$)/gu;
for (const b of d.blocks) { const t = blockText(b.lines); for (const m of t.matchAll(re)) console.log(m[0], '|', t.slice(Math.max(0, m.index! - 30), m.index! + 10)); }
