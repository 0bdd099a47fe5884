import { readdirSync } from 'node:fs';
import { loadDocument } from '../src/knowledge/ingest/loadDocument.js';
import { SearchIndex } from '../src/knowledge/searchIndex.js';
const dir = '/work/shared/corpus';
const docs = await Promise.all(readdirSync(dir).map((f) => loadDocument(`${dir}/${f}`)));
const index = new SearchIndex(docs);
const qs = ['Vad kostar det att parkera i centrala Göteborg?', 'Hur söker jag bygglov för ett garage?', 'När har simhallen i Mölndal öppet?', 'Vem är kommunstyrelsens ordförande i Uppsala?', 'Hur många elever går i Alingsås gymnasieskolor?', 'Vad är lönen för en undersköterska?', 'Kan jag få ekonomiskt bistånd?', 'vad tycker miljöskyddsnämnden om e-arkiv', 'Vad är Dimios?', 'hur ska informationssäkerhet hanteras i goteborg', 'vilka insatser finns under malomrade 3', 'vad handlar insats 2C om', 'Vad säger Mölndal om bredband?', 'Varför avslog Borås den digitala strategin?', 'vilka förvaltningar ingick i uppföljningen', 'vad är status för nyttoregistret', 'Används Pios av förvaltningarna?', 'hur följs nyttor upp', 'vad gör intraservice'];
for (const q of qs) { const r = index.search(q); const h = r.hits[0]; console.log(`unk=${r.unknownShare.toFixed(2)} joint=${r.jointCoverage.toFixed(2)} cov=${h?.coverage.toFixed(2)} ${q} -> ${h?.passage.document.file.slice(0, 8)} ${h?.passage.section.slice(0, 40)} | ${h?.passage.text.slice(0, 90).replace(/\n/g, ' ')}`); }
console.log('---- dev');
import { readFileSync } from 'node:fs';
for (const l of readFileSync('/work/shared/eval/qa-dev.jsonl', 'utf8').trim().split('\n')) { const q = JSON.parse(l); const r = index.search(q.question); console.log(`${q.document ? 'IN ' : 'OOS'} unk=${r.unknownShare.toFixed(2)} cov=${r.hits[0]?.coverage.toFixed(2)} joint=${r.jointCoverage.toFixed(2)} ${q.question.slice(0, 60)}`); }
