import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { fitParams, readQuestions } from './qaFitting.js';
import { defaultQuestionFiles } from './evalQa.js';

/**
 * `npm run fit:qa [questions.jsonl ...]`: fits the ranking and abstention parameters on
 * each question file on its own, then on all of them pooled, and prints them as JSON, one
 * object per line. The shipped defaults (DEFAULT_RANKING, DEFAULT_MODEL) are the pooled
 * fit over the dev files (defaultQuestionFiles); `npm run eval:qa` reports them by
 * cross-validation and on the independent eval/qa-own15.jsonl and eval/qa-own16.jsonl.
 */
async function main(): Promise<void> {
  const root = process.cwd();
  const files = process.argv.slice(2).filter((a) => a.endsWith('.jsonl'));
  if (files.length === 0) files.push(...defaultQuestionFiles(root).dev);
  const kb = new KnowledgeBase(process.env.KNOWLEDGE_DIR ?? path.resolve(root, '../shared/corpus'));
  await kb.load();
  const sets = files.map((file) => ({ name: path.basename(file), questions: readQuestions(file) }));
  if (sets.length > 1) sets.push({ name: sets.map((s) => s.name).join('+'), questions: sets.flatMap((s) => s.questions) });
  for (const { name, questions } of sets) {
    const params = fitParams(kb, questions, name);
    process.stdout.write(`${JSON.stringify({ fittedOn: name, ...params })}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
