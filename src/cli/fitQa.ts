import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { fitParams, readQuestions } from './qaFitting.js';

/**
 * `npm run fit:qa [questions.jsonl ...]`: fits the ranking and abstention parameters on
 * each question file on its own and prints them as JSON, one object per file. The shipped
 * defaults (DEFAULT_RANKING, DEFAULT_MODEL) are the ones printed for qa-dev2.jsonl.
 */
async function main(): Promise<void> {
  const root = process.cwd();
  const files = process.argv.slice(2).filter((a) => a.endsWith('.jsonl'));
  if (files.length === 0) files.push(path.resolve(root, '../shared/eval/qa-dev.jsonl'), path.resolve(root, '../shared/eval/qa-dev2.jsonl'));
  const kb = new KnowledgeBase(process.env.KNOWLEDGE_DIR ?? path.resolve(root, '../shared/corpus'));
  await kb.load();
  for (const file of files) {
    const params = fitParams(kb, readQuestions(file), path.basename(file));
    process.stdout.write(`${JSON.stringify({ fittedOn: path.basename(file), ...params })}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
