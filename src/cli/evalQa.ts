import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Answer } from '../knowledge/answerer.js';
import { abstentionFeatures, DEFAULT_MODEL, fitAbstention, type AbstentionModel, type LabelledFeatures } from '../knowledge/abstention.js';
import { questionKind, type QuestionKind } from '../knowledge/text/questionKind.js';
import { tokenize } from '../knowledge/text/tokenize.js';

/** One evaluation question; `document` is null for questions the documents do not answer. */
export interface EvalQuestion {
  id: string;
  question: string;
  document: string | null;
  must_contain_any: string[];
}

interface KindResult {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  declined: number;
}

export interface EvalResult {
  file: string;
  /** Where the abstention model came from: never the file being reported, unless stated. */
  modelFittedOn: string;
  questions: number;
  inScope: number;
  outOfScope: number;
  hitAt1: number;
  hitAt3: number;
  /** Share of in-scope questions where one of the top five passages contains the answer. */
  recallAt5: number;
  /** In-scope questions declined, and their share of in-scope. */
  wrongRefusals: number;
  abstainedInScope: number;
  /** Share of out-of-scope questions declined. */
  abstainedOutOfScope: number;
  outOfScopeDeclined: string;
  /**
   * Out-of-scope questions that name a place a document is about (the first word of its
   * file name), so they look answerable: declined of all such.
   */
  plausibleAbsentDeclined: string;
  byKind: Partial<Record<QuestionKind | 'out_of_scope', KindResult>>;
  misses: string[];
}

const round = (n: number): number => Math.round(n * 10000) / 10000;

function contains(q: EvalQuestion, document: string, text: string): boolean {
  if (document !== q.document) return false;
  const lower = text.toLowerCase();
  return q.must_contain_any.some((m) => lower.includes(m.toLowerCase()));
}

function isHit(q: EvalQuestion, source: Answer['sources'][number] | undefined): boolean {
  return source !== undefined && contains(q, source.document, source.excerpt);
}

/** Reads a JSONL question file. */
export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalQuestion);
}

/** The abstention signals of each question, labelled by whether the documents answer it. */
export function labelled(kb: KnowledgeBase, questions: readonly EvalQuestion[]): LabelledFeatures[] {
  return questions.map((q) => ({ features: abstentionFeatures(kb.searchIndex.search(q.question, 12)), answerable: q.document !== null }));
}

/** Scores the answers to one question file with the given abstention model. */
export function evaluateWith(kb: KnowledgeBase, file: string, questions: readonly EvalQuestion[], model: AbstentionModel): EvalResult {
  const places = new Set(kb.documents.map((d) => tokenize(path.basename(d.file))[0]).filter((w): w is string => Boolean(w)));
  let h1 = 0;
  let h3 = 0;
  let r5 = 0;
  let absIn = 0;
  let absOut = 0;
  let plausible = 0;
  let plausibleDeclined = 0;
  const byKind: EvalResult['byKind'] = {};
  const misses: string[] = [];
  for (const q of questions) {
    const answer = kb.answer(q.question, model);
    const kind = q.document === null ? 'out_of_scope' : questionKind(q.question);
    const k = (byKind[kind] ??= { questions: 0, hitAt1: 0, hitAt3: 0, declined: 0 });
    k.questions++;
    if (!answer.answered) k.declined++;
    if (q.document === null) {
      const looksAnswerable = tokenize(q.question).some((t) => places.has(t));
      if (looksAnswerable) plausible++;
      if (!answer.answered) {
        absOut++;
        if (looksAnswerable) plausibleDeclined++;
      } else misses.push(`${q.id} (${kind}): svarade på en fråga utanför dokumenten`);
      continue;
    }
    const top5 = kb.searchIndex.search(q.question, 5).hits;
    if (top5.some((h) => contains(q, h.passage.document.file, h.passage.text))) r5++;
    if (!answer.answered) {
      absIn++;
      misses.push(`${q.id} (${kind}): svarade inte (${answer.reason ?? ''})`);
      continue;
    }
    const hit1 = isHit(q, answer.sources[0]);
    const hit3 = answer.sources.slice(0, 3).some((s) => isHit(q, s));
    if (hit1) h1++;
    else misses.push(`${q.id} (${kind}): första källan fel${hit3 ? ', rätt bland tre' : ''}`);
    if (hit3) h3++;
    k.hitAt1 += hit1 ? 1 : 0;
    k.hitAt3 += hit3 ? 1 : 0;
  }
  const inScope = questions.filter((q) => q.document !== null).length;
  const outOfScope = questions.length - inScope;
  return {
    file: path.basename(file),
    modelFittedOn: model.fittedOn,
    questions: questions.length,
    inScope,
    outOfScope,
    hitAt1: round(h1 / Math.max(1, inScope)),
    hitAt3: round(h3 / Math.max(1, inScope)),
    recallAt5: round(r5 / Math.max(1, inScope)),
    wrongRefusals: absIn,
    abstainedInScope: round(absIn / Math.max(1, inScope)),
    abstainedOutOfScope: round(absOut / Math.max(1, outOfScope)),
    outOfScopeDeclined: `${absOut} av ${outOfScope}`,
    plausibleAbsentDeclined: `${plausibleDeclined} av ${plausible}`,
    byKind,
    misses,
  };
}

/** Runs one question file against a knowledge folder with the shipped model. */
export async function evaluate(questionsFile: string, knowledgeDir: string, model: AbstentionModel = DEFAULT_MODEL): Promise<EvalResult> {
  const kb = new KnowledgeBase(knowledgeDir);
  await kb.load();
  return evaluateWith(kb, questionsFile, readQuestions(questionsFile), model);
}

/**
 * Both directions: each file is reported with the abstention model fitted on the other
 * file only, and with the shipped model (whose `fittedOn` says which file it saw).
 */
export async function crossEvaluate(files: readonly [string, string], knowledgeDir: string): Promise<{ heldOut: EvalResult[]; shipped: EvalResult[]; models: AbstentionModel[] }> {
  const kb = new KnowledgeBase(knowledgeDir);
  await kb.load();
  const sets = files.map((f) => readQuestions(f));
  const models = files.map((f, i) => fitAbstention(labelled(kb, sets[i] ?? []), path.basename(f)));
  const heldOut = files.map((f, i) => evaluateWith(kb, f, sets[i] ?? [], models[1 - i] ?? DEFAULT_MODEL));
  const shipped = files.map((f, i) => evaluateWith(kb, f, sets[i] ?? [], DEFAULT_MODEL));
  return { heldOut, shipped, models };
}

if (process.argv[1] && path.resolve(process.argv[1]).includes('evalQa')) {
  const root = process.cwd();
  const args = process.argv.slice(2);
  const files: [string, string] = [
    args[0] ?? path.resolve(root, '../shared/eval/qa-dev.jsonl'),
    args[1] ?? path.resolve(root, '../shared/eval/qa-dev2.jsonl'),
  ];
  const dir = args[2] ?? path.resolve(root, '../shared/corpus');
  crossEvaluate(files, dir)
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
