import { loadDocument } from '../src/knowledge/ingest/loadDocument.js';
const f = process.argv[2]!;
const d = await loadDocument(f);
console.log('TITLE', d.title);
for (const s of d.sections) console.log(`[p${s.page}] ${s.number ?? '-'} | ${s.title.slice(0,90)} | paras=${s.paragraphs.length}`);
if (process.argv[3]) for (const s of d.sections) for (const p of s.paragraphs) console.log('  >', p.page, p.text.slice(0, 300));
