import { readdirSync, readFileSync } from 'node:fs';
import { loadDocument } from '../src/knowledge/ingest/loadDocument.js';
import { SearchIndex } from '../src/knowledge/searchIndex.js';
const dir = '/work/shared/corpus';
const docs = await Promise.all(readdirSync(dir).map((f) => loadDocument(`${dir}/${f}`)));
const t0 = performance.now();
const index = new SearchIndex(docs);
console.log('build ms', (performance.now() - t0).toFixed(1), 'passages', index.passages.length);
const qs = readFileSync('/work/shared/eval/qa-dev.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let h1 = 0, h3 = 0, inScope = 0;
for (const q of qs) {
  const res = index.search(q.question, 5); const hits = res.hits;
  const ok = (h: any) => h && q.document && h.passage.document.file === q.document && q.must_contain_any.some((m: string) => h.passage.text.toLowerCase().includes(m.toLowerCase()));
  const r1 = ok(hits[0]); const r3 = hits.slice(0, 3).some(ok);
  if (q.document) { inScope++; if (r1) h1++; if (r3) h3++; }
  const cs = index.concepts(q.question).map((c) => `${c.token}[${c.terms.map((t) => t.term).join('|')}${c.parts ? '+' + c.parts.join('+') : ''}]`).join(' ');
  console.log(`${q.id} unk=${res.unknownShare.toFixed(2)} ${q.document ? (r1 ? 'HIT1' : r3 ? 'hit3' : 'MISS') : 'OOS '} cov=${hits[0]?.coverage.toFixed(2)} s=${hits[0]?.score.toFixed(2)} ${hits[0]?.passage.document.file.slice(0, 12)} :: ${cs}`);
  if (process.argv[2] === 'v' && q.document && !r1) for (const h of hits.slice(0, 3)) console.log('     ', h.coverage.toFixed(2), h.score.toFixed(2), h.passage.document.file.slice(0, 10), h.passage.section.slice(0, 50), '|', h.passage.text.slice(0, 150).replace(/\n/g, ' '));
}
console.log('hit@1', h1 / inScope, 'hit@3', h3 / inScope);
