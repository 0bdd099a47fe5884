import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import { abstentionFeatures, fitAbstention, type LabelledFeatures } from '../knowledge/abstention.js';
import type { AnswerParams } from '../knowledge/answerer.js';
import { DEFAULT_RANKING, type RankingParams } from '../knowledge/searchIndex.js';
import { plainInline } from '../knowledge/ingest/readMarkdown.js';

/** One evaluation question; `document` is null for questions the documents do not answer. */
export interface EvalQuestion {
  id: string;
  question: string;
  document: string | null;
  must_contain_any: string[];
  /** The author's label, e.g. "absent" for a plausible question whose fact the documents lack. */
  kind?: string;
  /** Set when the file labels them: whether this is a plausible-but-absent question. */
  plausible?: boolean;
}

/**
 * Reads a JSONL question file. When the file labels its plausible-but-absent questions
 * (kind "absent"), every question says whether it is one (`plausible`).
 */
export function readQuestions(file: string): EvalQuestion[] {
  const questions = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalQuestion);
  if (!questions.some((q) => q.kind === 'absent')) return questions;
  return questions.map((q) => ({ ...q, plausible: q.kind === 'absent' }));
}

/** Whether a text from a document holds the answer to an in-scope question. */
export function holdsAnswer(q: EvalQuestion, document: string, text: string): boolean {
  return document === q.document && textHoldsAnswer(q, text);
}

/** Whether a text holds one of the strings an in-scope question's answer is known by. */
export function textHoldsAnswer(q: EvalQuestion, text: string): boolean {
  const lower = collapsedLower(text);
  // The documents' markup and runs of tabs are read as the reader reads them ("<b>Ansvarig</b>
  // IT-chef" is "Ansvarig IT-chef"), so an answer copied from the file is compared the same way. One copied up to a word
  // broken at the end of a line ("en digitaliserings-", "digitaliserings- workshop") is compared
  // without the hyphen: the reader joins the word ("digitaliseringsworkshop"); not a first part
  // that a conjunction completes ("gymnasie- och vuxenutbildningsnämnden"). A line break is a space on both sides:
  // the question files' strings are checked against the documents with whitespace collapsed,
  // and a passage keeps the lines of a signature ("För Sverigedemokraterna,\nAndreas Exner").
  return q.must_contain_any.some((m) => {
    const wanted = collapsedLower(plainInline(m));
    const joined = wanted.replace(/(\p{Ll})- (?!(?:och|eller|samt|till)\b)(?=\p{Ll})/gu, '$1');
    return lower.includes(wanted) || lower.includes(joined) || (/\p{Ll}-$/u.test(m) && lower.includes(wanted.slice(0, -1)));
  });
}

function collapsedLower(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** The grid the ranking parameters are chosen from. */
export const RANKING_GRID: readonly RankingParams[] = [0.5, 1, 1.5, 2].flatMap((coverageExponent) =>
  [0, 0.5, 1, 2].flatMap((proximity) => [0, 0.25, 0.5].map((factBoost) => ({ proximity, factBoost, coverageExponent }))),
);

/**
 * How well a ranking puts the answer first on the in-scope questions: the mean reciprocal
 * rank of the first passage that holds it (hit@1 dominates, lower ranks break ties).
 */
export function rankingScore(kb: KnowledgeBase, questions: readonly EvalQuestion[], ranking: RankingParams): number {
  let sum = 0;
  const inScope = questions.filter((q) => q.document !== null);
  for (const q of inScope) {
    const hits = kb.searchIndex.search(q.question, 10, ranking).hits;
    const rank = hits.findIndex((h) => holdsAnswer(q, h.passage.document.file, h.passage.text));
    if (rank >= 0) sum += 1 / (rank + 1);
  }
  return sum / Math.max(1, inScope.length);
}

/** The abstention signals of each question, labelled by whether the documents answer it. */
export function labelled(kb: KnowledgeBase, questions: readonly EvalQuestion[], ranking: RankingParams): LabelledFeatures[] {
  return questions.map((q) => ({ features: abstentionFeatures(kb.searchIndex.search(q.question, 12, ranking)), answerable: q.document !== null }));
}

/**
 * Fits every parameter of answering on one question file: first the ranking (grid search,
 * best mean reciprocal rank; ties go to the smaller change), then the abstention model on
 * the signals that ranking gives.
 */
export function fitParams(kb: KnowledgeBase, questions: readonly EvalQuestion[], name: string): AnswerParams {
  let best: { ranking: RankingParams; score: number } | undefined;
  for (const ranking of RANKING_GRID) {
    const score = rankingScore(kb, questions, ranking);
    if (!best || score > best.score + 1e-9) best = { ranking, score };
  }
  const ranking = best?.ranking ?? DEFAULT_RANKING;
  return { ranking, abstention: fitAbstention(labelled(kb, questions, ranking), name) };
}

/**
 * Assigns each question to one of `k` folds for cross-validation: in-scope and
 * out-of-scope questions are dealt out in turn, in file order, so every fold has both.
 */
export function assignFolds(questions: readonly EvalQuestion[], k: number): Map<EvalQuestion, number> {
  const folds = new Map<EvalQuestion, number>();
  for (const inScope of [true, false]) {
    questions.filter((q) => (q.document !== null) === inScope).forEach((q, i) => folds.set(q, i % k));
  }
  return folds;
}
