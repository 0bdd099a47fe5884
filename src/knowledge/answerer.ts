import { DEFAULT_RANKING, type Hit, type RankingParams, type SearchIndex } from './searchIndex.js';
import { stem } from './analyzer.js';
import { tokenize } from './text/tokenize.js';
import { abstentionFeatures, answers, DEFAULT_MODEL, factMissing, type AbstentionModel } from './abstention.js';
import type { QuestionKind } from './text/questionKind.js';
import { sentenceSpans } from './text/sentences.js';

/** Where an answer comes from: one passage of one document. */
export interface Source {
  /** File name in the knowledge folder. */
  document: string;
  title: string;
  section: string;
  page: number | undefined;
  excerpt: string;
  /** The most relevant sentences of the excerpt, in order, for highlighting. */
  highlights: string[];
  score: number;
}

export type NoAnswerReason = 'empty' | 'too_long' | 'not_in_documents' | 'fact_not_found';

export interface Answer {
  question: string;
  answered: boolean;
  /** The answer text: the best passage, or why there is none. */
  answer: string;
  sources: Source[];
  reason?: NoAnswerReason;
  /**
   * With 'fact_not_found': the passage closest to the question, shown as "närmast i
   * dokumenten", never as the answer.
   */
  nearest?: Source;
}

/** The fitted parameters of answering: how passages are ranked and when to abstain. */
export interface AnswerParams {
  ranking: RankingParams;
  abstention: AbstentionModel;
}

/** The shipped parameters, both fitted on qa-dev2.jsonl only (`npm run fit:qa`). */
export const DEFAULT_PARAMS: AnswerParams = { ranking: DEFAULT_RANKING, abstention: DEFAULT_MODEL };

export const MAX_QUESTION_LENGTH = 1000;
export const MAX_EXCERPT = 1200;
const MAX_SOURCES = 3;

/** Further sources must be nearly as good as the first to be shown at all. */
const MIN_RELATIVE_SCORE = 0.45;
const MIN_SOURCE_COVERAGE = 0.3;

export const NO_ANSWER_TEXT: Record<NoAnswerReason, string> = {
  empty: 'Skriv en fråga om planen eller styrdokumenten, så letar jag efter svaret i dokumenten.',
  too_long: `Frågan är för lång för mig. Skriv den kortare, högst ${MAX_QUESTION_LENGTH} tecken, så letar jag i dokumenten.`,
  not_in_documents:
    'Det hittar jag inte i dokumenten. De handlar om kommunens plan för digitalisering och närliggande styrdokument, och svarar inte på den frågan.',
  fact_not_found: 'Det står inte i dokumenten. De tar upp ämnet, men inget av de stycken jag hittar innehåller det du frågar efter.',
};

const MISSING_FACT: Partial<Record<QuestionKind, string>> = {
  who: 'Det står inte i dokumenten vem det är: inget av de stycken jag hittar nämner ett namn eller en instans som svarar på frågan.',
  when: 'Det står inte i dokumenten när: inget av de stycken jag hittar har ett datum eller en tidpunkt som svarar på frågan.',
  amount: 'Det står inte i dokumenten vad det kostar: inget av de stycken jag hittar har ett belopp som svarar på frågan.',
  count: 'Det står inte i dokumenten hur många: inget av de stycken jag hittar har en siffra som svarar på frågan.',
};

interface Sentence {
  text: string;
  start: number;
  end: number;
  terms: ReadonlySet<string>;
}

// Passages are immutable once indexed; their sentences are analysed once, on first use.
const sentenceCache = new Map<string, Sentence[]>();

function analysedSentences(text: string): Sentence[] {
  let cached = sentenceCache.get(text);
  if (!cached) {
    cached = sentenceSpans(text).map(({ start, end }) => {
      const sentence = text.slice(start, end).trim();
      return { text: sentence, start, end, terms: new Set(tokenize(sentence).map(stem)) };
    });
    if (sentenceCache.size > 20_000) sentenceCache.clear();
    sentenceCache.set(text, cached);
  }
  return cached;
}

/**
 * Cuts a passage to at most 1,200 characters around its most relevant sentences and picks
 * the sentences to highlight: those with the most matched question terms.
 */
export function excerptOf(
  text: string,
  matchedTerms: readonly string[],
  weightOf: (term: string) => number = () => 1,
): { excerpt: string; highlights: string[] } {
  // Question words weigh by how telling they are; answer-kind cues ("~anledning") by half.
  const wanted = new Map(matchedTerms.map((t) => (t.startsWith('~') ? [t.slice(1), weightOf(t.slice(1)) / 2] : [t, weightOf(t)])));
  const analysed = analysedSentences(text);
  const scored = analysed.map(({ text: sentence, terms }, index) => {
    let score = 0;
    for (const [t, w] of wanted) if (terms.has(t)) score += w;
    return { sentence, index, score };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  const highlights = best > 0 ? scored.filter((s) => s.score >= best * 0.999).slice(0, 2) : [];
  let start = 0;
  if (text.length > MAX_EXCERPT && highlights[0]) {
    // Start early enough to keep the context before the best sentence.
    start = Math.max(0, highlights[0].index - 1);
  }
  // The excerpt is a stretch of the passage as written: line breaks (list items, paragraphs) stay.
  const from = analysed[start]?.start ?? 0;
  let to = from;
  for (const s of analysed.slice(start)) {
    if (s.end - from > MAX_EXCERPT && to > from) break;
    to = s.end;
  }
  let excerpt = text.slice(from, to).trim();
  if (excerpt.length > MAX_EXCERPT) excerpt = `${excerpt.slice(0, MAX_EXCERPT - 1).trimEnd()}…`;
  return { excerpt, highlights: highlights.map((h) => h.sentence).filter((h) => excerpt.includes(h)) };
}

function toSource(hit: Hit, index: SearchIndex): Source {
  const { excerpt, highlights } = excerptOf(hit.passage.text, hit.matchedTerms, (t) => index.termWeight(t));
  return {
    document: hit.passage.document.file,
    title: hit.passage.document.title,
    section: hit.passage.section,
    page: hit.passage.page,
    excerpt,
    highlights,
    score: Math.round(hit.score * 1000) / 1000,
  };
}

/**
 * Answers a question from the index, or says plainly that the documents do not. Whether
 * they do is the abstention model's decision over several signals of the search; a
 * who/when/how-many question whose passages hold no such fact gets the nearest passage
 * only as "närmast i dokumenten".
 */
export function answerQuestion(index: SearchIndex, rawQuestion: string, params: AnswerParams = DEFAULT_PARAMS): Answer {
  const question = rawQuestion.replace(/\s+/g, ' ').trim();
  const none = (reason: NoAnswerReason): Answer => ({ question, answered: false, answer: NO_ANSWER_TEXT[reason], sources: [], reason });
  if (!/[\p{L}\p{N}]/u.test(question)) return none('empty');
  if (question.length > MAX_QUESTION_LENGTH) return none('too_long');

  const result = index.search(question, 12, params.ranking);
  const best = result.hits[0];
  if (!best || !answers(params.abstention, abstentionFeatures(result))) return none('not_in_documents');
  const kind = result.kind;
  if (factMissing(result, kind)) {
    return { ...none('fact_not_found'), answer: MISSING_FACT[kind] ?? NO_ANSWER_TEXT.fact_not_found, nearest: toSource(best, index) };
  }
  const chosen: Hit[] = [];
  for (const hit of result.hits) {
    if (chosen.length > 0 && (hit.score < best.score * MIN_RELATIVE_SCORE || hit.coverage < MIN_SOURCE_COVERAGE)) continue;
    chosen.push(hit);
    if (chosen.length === MAX_SOURCES) break;
  }
  const sources = chosen.map((hit) => toSource(hit, index));
  return { question, answered: true, answer: sources[0]?.excerpt ?? '', sources };
}
