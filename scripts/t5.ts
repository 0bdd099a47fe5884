import { readdirSync } from 'node:fs';
import { loadDocument } from '../src/knowledge/ingest/loadDocument.js';
import { SearchIndex } from '../src/knowledge/searchIndex.js';
const dir = '/work/shared/corpus';
const docs = await Promise.all(readdirSync(dir).map((f) => loadDocument(`${dir}/${f}`)));
const index = new SearchIndex(docs);
const re = new RegExp(process.argv[2]!);
for (const p of index.passages) if (re.test(p.text) || re.test(p.section)) console.log(p.id, p.document.file.slice(0, 10), p.page, '|', p.section.slice(0, 40), '|', p.text.slice(0, 250).replace(/\n/g, ' / '));
if (process.argv[3]) for (const h of index.search(process.argv[3]).hits.slice(0, 5)) console.log(h.passage.id, h.score.toFixed(2), h.coverage.toFixed(2), h.matchedTerms.join(','), '|', h.passage.section.slice(0, 30), '|', h.passage.text.slice(0, 80));
