import { existsSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Answer } from '../knowledge/answerer.js';
import { DEFAULT_PARAMS, MODEL_CONTEXT_SIZE, sourceText, type AnswerParams } from '../knowledge/answerer.js';
import { assignFolds, fitParams, holdsAnswer, readQuestions, type EvalQuestion } from './qaFitting.js';
import { questionKind, type QuestionKind } from '../knowledge/text/questionKind.js';
import { tokenize } from '../knowledge/text/tokenize.js';
import { normalizeColloquial } from '../knowledge/text/lexicon.js';
import { furtherPreview, furtherSources } from '../knowledge/sourcePreview.js';

interface KindResult {
  questions: number;
  hitAt1: number;
  hitAt3: number;
  declined: number;
}

export interface EvalResult {
  file: string;
  /** The file the parameters were fitted on: never the file reported, except for `shipped` on the file it names. */
  fittedOn: string;
  questions: number;
  inScope: number;
  outOfScope: number;
  hitAt1: number;
  hitAt3: number;
  /** Share of in-scope questions where one of the top five passages contains the answer. */
  recallAt5: number;
  /**
   * Share of in-scope questions the bot answers with the answer among the five passages a
   * language model would be given (Answer.context): recall@5 less the wrong refusals.
   */
  modelContextAt5: number;
  /** In-scope questions declined, and their share of in-scope. */
  wrongRefusals: number;
  abstainedInScope: number;
  /** Share of out-of-scope questions declined. */
  abstainedOutOfScope: number;
  outOfScopeDeclined: string;
  /**
   * Plausible-but-absent questions declined of all such: those labelled kind "absent" when
   * the file labels them, else out-of-scope questions that name a place a document is about
   * (the first word of its file name), so they look answerable.
   */
  plausibleAbsentDeclined: string;
  byKind: Partial<Record<QuestionKind | 'out_of_scope', KindResult>>;
  misses: string[];
}

/** The file the shipped parameters were fitted on. */
const SHIPPED_FITTED_ON = DEFAULT_PARAMS.abstention.fittedOn;

const round = (n: number): number => Math.round(n * 10000) / 10000;

/**
 * A source holds the answer when its text does, or its section heading, which the card shows
 * under "Avsnitt" ("Yrkande 2025-03-21"): each on its own, since the card never shows them as one line.
 */
export function sourceHoldsAnswer(q: EvalQuestion, source: Answer['sources'][number] | undefined): boolean {
  return source !== undefined && (holdsAnswer(q, source.document, sourceText(source)) || holdsAnswer(q, source.document, source.section));
}

/**
 * Whether the answer card shows the answer among its first three sources: the first as a
 * whole (sourceHoldsAnswer), a further one by what the card shows of it, its preview from the
 * sentence that answers (furtherPreview, 300 characters) or its heading. A further source of
 * the first one's section is not shown at all.
 */
export function shownAmongThree(q: EvalQuestion, sources: Answer['sources']): boolean {
  const [first, ...rest] = sources.slice(0, 3);
  if (!first) return false;
  return sourceHoldsAnswer(q, first) || furtherSources(first, rest).some((s) => holdsAnswer(q, s.document, furtherPreview(s)) || holdsAnswer(q, s.document, s.section));
}

/**
 * Scores the answers to one question file. `params` is one fitted model for all questions,
 * or (in cross-validation) the model fitted without each question's fold.
 */
export function evaluateWith(kb: KnowledgeBase, file: string, questions: readonly EvalQuestion[], params: AnswerParams | ((q: EvalQuestion) => AnswerParams), fittedOn: string): EvalResult {
  const paramsFor = typeof params === 'function' ? params : (): AnswerParams => params;
  const places = new Set(kb.documents.map((d) => tokenize(path.basename(d.file))[0]).filter((w): w is string => Boolean(w)));
  let h1 = 0;
  let h3 = 0;
  let r5 = 0;
  let m5 = 0;
  let absIn = 0;
  let absOut = 0;
  let plausible = 0;
  let plausibleDeclined = 0;
  const byKind: EvalResult['byKind'] = {};
  const misses: string[] = [];
  for (const q of questions) {
    const qParams = paramsFor(q);
    const answer = kb.answer(q.question, qParams, { contextSize: MODEL_CONTEXT_SIZE });
    const kind = q.document === null ? 'out_of_scope' : questionKind(normalizeColloquial(q.question));
    const k = (byKind[kind] ??= { questions: 0, hitAt1: 0, hitAt3: 0, declined: 0 });
    k.questions++;
    if (!answer.answered) k.declined++;
    if (q.document === null) {
      // A file may label its plausible-but-absent questions (see readQuestions); otherwise
      // those that name a place a document is about count as such.
      const looksAnswerable = q.plausible ?? tokenize(q.question).some((t) => places.has(t));
      if (looksAnswerable) plausible++;
      if (!answer.answered) {
        absOut++;
        if (looksAnswerable) plausibleDeclined++;
      } else misses.push(`${q.id} (${kind}): svarade på en fråga utanför dokumenten`);
      continue;
    }
    const top5 = kb.searchIndex.search(q.question, MODEL_CONTEXT_SIZE, qParams.ranking).hits;
    if (top5.some((h) => holdsAnswer(q, h.passage.document.file, h.passage.text))) r5++;
    if (!answer.answered) {
      absIn++;
      misses.push(`${q.id} (${kind}): svarade inte (${answer.reason ?? ''})`);
      continue;
    }
    if ((answer.context ?? []).some((s) => sourceHoldsAnswer(q, s))) m5++;
    const hit1 = sourceHoldsAnswer(q, answer.sources[0]);
    const hit3 = shownAmongThree(q, answer.sources);
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
    fittedOn,
    questions: questions.length,
    inScope,
    outOfScope,
    hitAt1: round(h1 / Math.max(1, inScope)),
    hitAt3: round(h3 / Math.max(1, inScope)),
    recallAt5: round(r5 / Math.max(1, inScope)),
    modelContextAt5: round(m5 / Math.max(1, inScope)),
    wrongRefusals: absIn,
    abstainedInScope: round(absIn / Math.max(1, inScope)),
    abstainedOutOfScope: round(absOut / Math.max(1, outOfScope)),
    outOfScopeDeclined: `${absOut} av ${outOfScope}`,
    plausibleAbsentDeclined: `${plausibleDeclined} av ${plausible}`,
    byKind,
    misses,
  };
}

/** How many folds the pooled cross-validation uses. */
export const CV_FOLDS = 5;

export interface CrossEvaluation {
  /** Each dev file reported with the parameters fitted on the other dev files pooled. */
  heldOut: EvalResult[];
  /**
   * All dev files pooled and split into CV_FOLDS folds; each question is answered with the
   * parameters fitted on the other folds. Reported per file and pooled.
   */
  crossValidated: EvalResult[];
  /** Question files never used for fitting or choosing anything, answered with the shipped parameters. */
  independent: EvalResult[];
  /** The shipped parameters on the files they were fitted on: not a result, for reference. */
  shipped: EvalResult[];
  fitted: (AnswerParams & { fittedOn: string })[];
}

/**
 * Reports the dev files each held out from the others, by cross-validation over all of
 * them, and any independent files with the shipped parameters.
 */
export async function crossEvaluate(files: readonly string[], knowledgeDir: string, independentFiles: readonly string[] = []): Promise<CrossEvaluation> {
  const kb = new KnowledgeBase(knowledgeDir);
  await kb.load();
  const names = files.map((f) => path.basename(f));
  const sets = files.map((f) => readQuestions(f));
  const fitted = files.map((_, i) => {
    const others = names.filter((_n, j) => j !== i).join('+');
    return { ...fitParams(kb, sets.filter((_s, j) => j !== i).flat(), others), fittedOn: others };
  });
  const heldOut = files.map((f, i) => evaluateWith(kb, f, sets[i] ?? [], fitted[i] ?? DEFAULT_PARAMS, fitted[i]?.fittedOn ?? SHIPPED_FITTED_ON));

  const pooled = sets.flat();
  const folds = assignFolds(pooled, CV_FOLDS);
  const foldParams = Array.from({ length: CV_FOLDS }, (_, k) =>
    fitParams(kb, pooled.filter((q) => folds.get(q) !== k), `${names.join('+')} utom vikt ${k + 1}`),
  );
  const paramsFor = (q: EvalQuestion): AnswerParams => foldParams[folds.get(q) ?? 0] ?? DEFAULT_PARAMS;
  const cvName = `${CV_FOLDS} vikter över ${names.join('+')}`;
  const crossValidated = [
    ...files.map((f, i) => evaluateWith(kb, f, sets[i] ?? [], paramsFor, cvName)),
    evaluateWith(kb, names.join('+'), pooled, paramsFor, cvName),
  ];

  const independent = independentFiles.map((f) => evaluateWith(kb, f, readQuestions(f), DEFAULT_PARAMS, SHIPPED_FITTED_ON));
  const shipped = files.map((f, i) => evaluateWith(kb, f, sets[i] ?? [], DEFAULT_PARAMS, SHIPPED_FITTED_ON));
  return { heldOut, crossValidated, independent, shipped, fitted };
}

/** The dev files parameters are fitted on, and the independent files, by default. */
export function defaultQuestionFiles(root: string): { dev: string[]; independent: string[] } {
  return {
    dev: [
      path.resolve(root, '../shared/eval/qa-dev.jsonl'),
      path.resolve(root, '../shared/eval/qa-dev2.jsonl'),
      path.resolve(root, 'eval/qa-own.jsonl'),
      path.resolve(root, 'eval/qa-own2.jsonl'),
      path.resolve(root, 'eval/qa-own3.jsonl'),
      path.resolve(root, 'eval/qa-own4.jsonl'),
      path.resolve(root, 'eval/qa-own5.jsonl'),
      path.resolve(root, 'eval/qa-own6.jsonl'),
      path.resolve(root, 'eval/qa-own7.jsonl'),
      path.resolve(root, 'eval/qa-own8.jsonl'),
      path.resolve(root, 'eval/qa-own9.jsonl'),
      path.resolve(root, 'eval/qa-own10.jsonl'),
      path.resolve(root, 'eval/qa-own11.jsonl'),
      path.resolve(root, 'eval/qa-own12.jsonl'),
      path.resolve(root, 'eval/qa-own13.jsonl'),
      path.resolve(root, 'eval/qa-own14.jsonl'),
    ],
    // eval/qa-own15.jsonl to eval/qa-own78.jsonl, each written from the documents alone (eval/README.md).
    independent: Array.from({ length: 64 }, (_, i) => `eval/qa-own${i + 15}.jsonl`).map((f) => path.resolve(root, f)).filter((f) => existsSync(f)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]).includes('evalQa')) {
  const root = process.cwd();
  const args = process.argv.slice(2);
  const split = args.indexOf('--independent');
  const devArgs = (split < 0 ? args : args.slice(0, split)).filter((a) => a.endsWith('.jsonl'));
  const independentArgs = split < 0 ? [] : args.slice(split + 1).filter((a) => a.endsWith('.jsonl'));
  const defaults = defaultQuestionFiles(root);
  const dir = args.find((a) => !a.endsWith('.jsonl') && a !== '--independent') ?? path.resolve(root, '../shared/corpus');
  crossEvaluate(devArgs.length > 1 ? devArgs : defaults.dev, dir, split < 0 ? defaults.independent : independentArgs)
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
