import type { SearchResult } from './searchIndex.js';

/**
 * What the answerer measures about a search before deciding whether the documents answer a
 * question. All signals lie in 0–1.
 */
export interface AbstentionFeatures {
  /** Share of the question's weight in nouns and names the documents never use. */
  unknownShare: number;
  /** Share in verbs, adverbs and uncorrectable typos the documents never use. */
  unknownMinorShare: number;
  /** Share of the question covered by the top three passages together. */
  jointCoverage: number;
  /** Share of the question covered by the best passage alone. */
  topCoverage: number;
  /** How far the best passage is ahead of the second: (s1 − s2) / s1. */
  margin: number;
  /** Share of the top three passages from the best passage's document. */
  agreement: number;
}

/**
 * The decision: the documents answer a question when every signal clears its limit. The
 * limits are fitted (`npm run fit:qa`), not set by hand.
 */
export interface AbstentionModel {
  /** Decline when at least this share of the question is nouns and names the documents lack. */
  maxUnknownShare: number;
  /** Decline when the top three passages together cover less than this share. */
  minJointCoverage: number;
  /** Decline when the best passage alone covers less than this share. */
  minTopCoverage: number;
  /** Decline when fewer than this share of the top three come from the best one's document. */
  minAgreement: number;
  /** Decline when the best passage is less than this far ahead of the second ((s1 − s2) / s1). */
  minMargin: number;
  /** Decline when at least this share is verbs, adverbs and typos the documents lack. */
  maxMinorShare: number;
  /** Which question file the limits were fitted on, for the record. */
  fittedOn: string;
}

/**
 * The shipped limits, printed by `npm run fit:qa` from the sixteen dev files pooled
 * (qa-dev.jsonl, qa-dev2.jsonl and eval/qa-own.jsonl to eval/qa-own14.jsonl). They are
 * reported by cross-validation over them and on the independent eval/qa-own15.jsonl and
 * eval/qa-own16.jsonl (`npm run eval:qa`). Refit and paste when the analysis changes.
 *
 * With stop 21's analysis the fit on the sixteen files loosened the share of unknown nouns
 * to 0.55, and then "Vilka öppettider har stadsbiblioteket?" got Got Event's ticket passage
 * ("generösa öppettider") instead of "det hittar jag inte", and the tests of the bot's
 * promised refusals failed (botHttp, process, Playground); the limit was kept at 0.4 by
 * decision. With stop 22's analysis (short everyday words and abbreviations weighed apart)
 * the fit on the same sixteen files chooses 0.4 itself.
 */
export const DEFAULT_MODEL: AbstentionModel = { maxUnknownShare: 0.4, minJointCoverage: 0.3, minTopCoverage: 0.25, minAgreement: 0, minMargin: 0, maxMinorShare: 0.4, fittedOn: 'qa-dev.jsonl+qa-dev2.jsonl+qa-own.jsonl+qa-own2.jsonl+qa-own3.jsonl+qa-own4.jsonl+qa-own5.jsonl+qa-own6.jsonl+qa-own7.jsonl+qa-own8.jsonl+qa-own9.jsonl+qa-own10.jsonl+qa-own11.jsonl+qa-own12.jsonl+qa-own13.jsonl+qa-own14.jsonl' };

/** The signals of one search, for the question kind asked. */
export function abstentionFeatures(result: SearchResult): AbstentionFeatures {
  const [first, second] = result.hits;
  if (!first) return { unknownShare: result.unknownShare, unknownMinorShare: result.unknownMinorShare, jointCoverage: 0, topCoverage: 0, margin: 0, agreement: 0 };
  const top = result.hits.slice(0, 3);
  const sameDocument = top.filter((h) => h.passage.document.file === first.passage.document.file).length;
  return {
    unknownShare: result.unknownShare,
    unknownMinorShare: result.unknownMinorShare,
    jointCoverage: result.jointCoverage,
    topCoverage: first.coverage,
    margin: second && first.score > 0 ? Math.max(0, (first.score - second.score) / first.score) : 1,
    agreement: sameDocument / top.length,
  };
}

/** Whether the model says the documents answer a question with these signals. */
export function answers(model: AbstentionModel, f: AbstentionFeatures): boolean {
  return (
    f.unknownShare < model.maxUnknownShare &&
    f.unknownMinorShare < model.maxMinorShare &&
    f.jointCoverage >= model.minJointCoverage &&
    f.topCoverage >= model.minTopCoverage &&
    f.agreement >= model.minAgreement &&
    f.margin >= model.minMargin
  );
}

/** One labelled example: the features of a question and whether the documents answer it. */
export interface LabelledFeatures {
  features: AbstentionFeatures;
  answerable: boolean;
}

/** How far a question is from the nearest limit that is in use. */
function slack(model: AbstentionModel, f: AbstentionFeatures): number {
  const gaps = [model.maxUnknownShare <= 1 ? model.maxUnknownShare - f.unknownShare : 1];
  if (model.minJointCoverage > 0) gaps.push(f.jointCoverage - model.minJointCoverage);
  if (model.minTopCoverage > 0) gaps.push(f.topCoverage - model.minTopCoverage);
  if (model.minAgreement > 0) gaps.push(f.agreement - model.minAgreement);
  if (model.minMargin > 0) gaps.push(f.margin - model.minMargin);
  if (model.maxMinorShare <= 1) gaps.push(model.maxMinorShare - f.unknownMinorShare);
  return Math.min(...gaps);
}

const steps = (from: number, to: number, step: number): number[] => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);

/**
 * Fits the limits by exhaustive search over a grid: the fewest mistakes, where an
 * answerable question wrongly declined costs `refusalCost` times an unanswerable one
 * answered (a refusal hides an answer the documents have). Among equally good limits the
 * one with the widest margin wins: the answerable questions seen stay as far from every
 * limit as possible, so limits fitted on few examples do not hug them.
 */
export function fitAbstention(examples: readonly LabelledFeatures[], fittedOn: string, refusalCost = 2): AbstentionModel {
  let best: { model: AbstentionModel; cost: number; margin: number } | undefined;
  const answerable = examples.filter((e) => e.answerable).map((e) => e.features);
  for (const maxUnknownShare of [...steps(0.05, 1, 0.05), 1.01]) {
    for (const minJointCoverage of steps(0, 0.7, 0.05)) {
      for (const minTopCoverage of steps(0, 0.5, 0.05)) {
        for (const minAgreement of [0, 0.34, 0.67, 1]) {
          for (const minMargin of [0, 0.05, 0.1, 0.2, 0.3]) {
            for (const maxMinorShare of [0.2, 0.3, 0.4, 0.5, 1.01]) {
              const model = { maxUnknownShare, minJointCoverage, minTopCoverage, minAgreement, minMargin, maxMinorShare, fittedOn };
              let cost = 0;
              for (const e of examples) if (answers(model, e.features) !== e.answerable) cost += e.answerable ? refusalCost : 1;
              const margin = Math.min(1, ...answerable.filter((f) => answers(model, f)).map((f) => slack(model, f)));
              if (!best || cost < best.cost || (cost === best.cost && margin > best.margin + 1e-9)) best = { model, cost, margin };
            }
          }
        }
      }
    }
  }
  return best?.model ?? DEFAULT_MODEL;
}
