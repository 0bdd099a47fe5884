import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Answer } from '../knowledge/answerer.js';

interface EvalQuestion {
  id: string;
  question: string;
  document: string | null;
  must_contain_any: string[];
}

export interface EvalResult {
  questions: number;
  inScope: number;
  outOfScope: number;
  hitAt1: number;
  hitAt3: number;
  /** Share of out-of-scope questions where the bot said the documents do not answer. */
  abstainedOutOfScope: number;
  /** Share of in-scope questions where it wrongly said so. */
  abstainedInScope: number;
  misses: string[];
}

function isHit(q: EvalQuestion, source: Answer['sources'][number] | undefined): boolean {
  if (!source || source.document !== q.document) return false;
  const text = source.excerpt.toLowerCase();
  return q.must_contain_any.some((m) => text.includes(m.toLowerCase()));
}

/** Runs the dev questions against a knowledge folder and scores the answers. */
export async function evaluate(questionsFile: string, knowledgeDir: string): Promise<EvalResult> {
  const questions = readFileSync(questionsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalQuestion);
  const kb = new KnowledgeBase(knowledgeDir);
  await kb.load();
  let h1 = 0;
  let h3 = 0;
  let absOut = 0;
  let absIn = 0;
  const misses: string[] = [];
  for (const q of questions) {
    const answer = kb.answer(q.question);
    if (q.document === null) {
      if (!answer.answered) absOut++;
      else misses.push(`${q.id}: svarade på en fråga utanför dokumenten`);
      continue;
    }
    if (!answer.answered) {
      absIn++;
      misses.push(`${q.id}: svarade inte`);
      continue;
    }
    if (isHit(q, answer.sources[0])) h1++;
    else misses.push(`${q.id}: första källan fel`);
    if (answer.sources.slice(0, 3).some((s) => isHit(q, s))) h3++;
  }
  const inScope = questions.filter((q) => q.document !== null).length;
  const outOfScope = questions.length - inScope;
  const round = (n: number): number => Math.round(n * 10000) / 10000;
  return {
    questions: questions.length,
    inScope,
    outOfScope,
    hitAt1: round(h1 / Math.max(1, inScope)),
    hitAt3: round(h3 / Math.max(1, inScope)),
    abstainedOutOfScope: round(absOut / Math.max(1, outOfScope)),
    abstainedInScope: round(absIn / Math.max(1, inScope)),
    misses,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]).includes('evalQa')) {
  const root = process.cwd();
  const file = process.argv[2] ?? path.resolve(root, '../shared/eval/qa-dev.jsonl');
  const dir = process.argv[3] ?? path.resolve(root, '../shared/corpus');
  evaluate(file, dir)
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
