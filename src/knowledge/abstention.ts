import type { SearchResult } from './searchIndex.js';
import { containsFactFor, FACT_KINDS, type QuestionKind } from './text/questionKind.js';

/**
 * What the answerer measures about a search before deciding whether the documents answer a
 * question. All signals lie in 0–1.
 */
export interface AbstentionFeatures {
  /** Share of the question's weight in real Swedish words the documents never use. */
  unknownShare: number;
  /** Share of the question covered by the top three passages together. */
  jointCoverage: number;
  /** Share of the question covered by the best passage alone. */
  topCoverage: number;
  /** How far the best passage is ahead of the second: (s1 − s2) / s1. */
  margin: number;
  /** Share of the top three passages from the best passage's document. */
  agreement: number;
}

/** Whether a who/when/how-many question finds no passage among the top three with that kind of fact. */
export function factMissing(result: SearchResult, kind: QuestionKind): boolean {
  return FACT_KINDS.has(kind) && !result.hits.slice(0, 3).some((h) => containsFactFor(kind, h.passage.text));
}

export const FEATURE_NAMES = ['unknownShare', 'jointCoverage', 'topCoverage', 'margin', 'agreement'] as const satisfies readonly (keyof AbstentionFeatures)[];

/** A logistic model: answer when bias + Σ weight·feature ≥ 0. */
export interface AbstentionModel {
  bias: number;
  weights: Record<keyof AbstentionFeatures, number>;
  /** Which question file the model was fitted on, for the record. */
  fittedOn: string;
}

/**
 * The shipped model, printed by `npm run fit:qa` from qa-dev2.jsonl only; qa-dev.jsonl is
 * the set it is reported on. Refit and paste when the analysis changes.
 */
export const DEFAULT_MODEL: AbstentionModel = {
  bias: 0,
  weights: { unknownShare: -6, jointCoverage: 4, topCoverage: 2, margin: 0, agreement: 0 },
  fittedOn: 'handsatt',
};

/** The signals of one search, for the question kind asked. */
export function abstentionFeatures(result: SearchResult): AbstentionFeatures {
  const [first, second] = result.hits;
  if (!first) return { unknownShare: result.unknownShare, jointCoverage: 0, topCoverage: 0, margin: 0, agreement: 0 };
  const top = result.hits.slice(0, 3);
  const sameDocument = top.filter((h) => h.passage.document.file === first.passage.document.file).length;
  return {
    unknownShare: result.unknownShare,
    jointCoverage: result.jointCoverage,
    topCoverage: first.coverage,
    margin: second && first.score > 0 ? Math.max(0, (first.score - second.score) / first.score) : 1,
    agreement: sameDocument / top.length,
  };
}

/** The model's score; the documents answer the question when it is at least 0. */
export function answerScore(model: AbstentionModel, features: AbstentionFeatures): number {
  let z = model.bias;
  for (const name of FEATURE_NAMES) z += model.weights[name] * features[name];
  return z;
}

/** One labelled example: the features of a question and whether the documents answer it. */
export interface LabelledFeatures {
  features: AbstentionFeatures;
  answerable: boolean;
}

/**
 * Fits the model by L2-regularised logistic regression (batch gradient descent, fixed
 * steps, so the result is reproducible). An answerable question wrongly declined costs
 * `refusalCost` times a wrong answer: a refusal hides an answer the documents have.
 */
export function fitAbstention(examples: readonly LabelledFeatures[], fittedOn: string, refusalCost = 2, l2 = 0.01): AbstentionModel {
  const weights = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<keyof AbstentionFeatures, number>;
  let bias = 0;
  const rate = 0.5;
  const totalCost = examples.reduce((s, e) => s + (e.answerable ? refusalCost : 1), 0) || 1;
  for (let step = 0; step < 5000; step++) {
    let gBias = 0;
    const g = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<keyof AbstentionFeatures, number>;
    for (const { features, answerable } of examples) {
      const p = 1 / (1 + Math.exp(-answerScore({ bias, weights, fittedOn }, features)));
      const error = ((answerable ? refusalCost : 1) * (p - (answerable ? 1 : 0))) / totalCost;
      gBias += error;
      for (const n of FEATURE_NAMES) g[n] += error * features[n];
    }
    bias -= rate * gBias;
    for (const n of FEATURE_NAMES) weights[n] -= rate * (g[n] + l2 * weights[n]);
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { bias: round(bias), weights: Object.fromEntries(FEATURE_NAMES.map((n) => [n, round(weights[n])])) as Record<keyof AbstentionFeatures, number>, fittedOn };
}
