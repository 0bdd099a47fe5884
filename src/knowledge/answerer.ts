import { DEFAULT_RANKING, type Hit, type RankingParams, type SearchIndex, type SearchResult } from './searchIndex.js';
import { excerptOf, type Excerpt } from './excerpt.js';
import { abstentionFeatures, answers, DEFAULT_MODEL, type AbstentionModel } from './abstention.js';
import { askedDetail, refersToCompany, type Detail, type FactDemand, type QuestionKind, type Reference } from './text/questionKind.js';
import type { Passage } from './passages.js';
import { escapeRegExp } from './text/escapeRegExp.js';
import { headingInsatsCode } from './text/tokenize.js';

/** How far down the best passages a "närmast" passage is looked for. */
const NEAREST_AMONG = 5;

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
  /** The sentence that answers best, to show first; '' when none stands out. */
  keySentence: string;
  /** A footnote that defines what the question asks about ("Pios: Digitalt verktyg …"). */
  definition?: string;
  /** The footnotes to words the excerpt shows ("IST: Systemet används även av förskolan och grundskolan."). */
  notes?: string[];
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
  /**
   * Only when asked for (`contextSize`): what a language model gets to write the answer
   * from, the sources first and then the next best passages, up to `contextSize`.
   */
  context?: Source[];
}

/** How many passages a generated answer is written from (the card shows at most three). */
export const MODEL_CONTEXT_SIZE = 5;

export interface AnswerOptions {
  /** How many passages to hand a language model (see Answer.context); none by default. */
  contextSize?: number;
}

/** The fitted parameters of answering: how passages are ranked and when to abstain. */
export interface AnswerParams {
  ranking: RankingParams;
  abstention: AbstentionModel;
}

/** The shipped parameters, fitted on the dev files pooled (`npm run fit:qa`, see DEFAULT_MODEL). */
export const DEFAULT_PARAMS: AnswerParams = { ranking: DEFAULT_RANKING, abstention: DEFAULT_MODEL };

export const MAX_QUESTION_LENGTH = 1000;
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

/** When the question asks for a name, a day, a share, a paragraph or a case number and no passage has one. */
const MISSING_DETAIL: Record<'person' | 'party' | 'company' | 'product' | 'day' | 'month' | 'elapsed' | 'frequency' | 'share' | 'vote' | Reference, string> = {
  vote: 'Det står inte i dokumenten hur det röstades: inget av de stycken jag hittar redovisar en omröstning eller hur ledamöterna röstade.',
  paragraph: 'Det står inte i dokumenten vilken paragraf det är: inget av de stycken jag hittar anger en paragraf (§) som svarar på frågan.',
  case: 'Det står inte i dokumenten vilket diarienummer det är: inget av de stycken jag hittar anger ett diarienummer som svarar på frågan.',
  company: 'Det står inte i dokumenten vilket företag det är: inget av de stycken jag hittar nämner ett företag som svarar på frågan.',
  product: 'Det står inte i dokumenten vad det heter: inget av de stycken jag hittar nämner ett system, en standard eller ett avtal vid namn som svarar på frågan.',
  party: 'Det står inte i dokumenten vilket parti det är: inget av de stycken jag hittar nämner ett parti som svarar på frågan.',
  person: 'Det står inte i dokumenten vad personen heter: inget av de stycken jag hittar nämner ett namn som svarar på frågan.',
  day: 'Det står inte i dokumenten vilket datum det gäller: inget av de stycken jag hittar har ett datum som svarar på frågan.',
  elapsed: 'Det står inte i dokumenten hur lång tid det gick: inget av de stycken jag hittar har ett datum att räkna från.',
  month: 'Det står inte i dokumenten vilken månad det gäller: inget av de stycken jag hittar nämner en månad som svarar på frågan.',
  frequency: 'Det står inte i dokumenten hur ofta: inget av de stycken jag hittar säger hur ofta det sker.',
  share: 'Det står inte i dokumenten hur stor andel det är: inget av de stycken jag hittar anger en andel eller procentsats som svarar på frågan.',
};

/** The honest "not in the documents" for a fact question: the narrowest that fits. */
function missingFact(kind: QuestionKind, demand: FactDemand): string {
  if (demand.vote) return MISSING_DETAIL.vote;
  if (demand.reference) return MISSING_DETAIL[demand.reference];
  if (demand.party) return MISSING_DETAIL.party;
  if (demand.person) return MISSING_DETAIL.person;
  if (demand.organisation) return MISSING_DETAIL[demand.organisation];
  if (demand.day) return MISSING_DETAIL.day;
  if (demand.month) return MISSING_DETAIL.month;
  if (demand.elapsed) return MISSING_DETAIL.elapsed;
  if (demand.frequency) return MISSING_DETAIL.frequency;
  if (demand.share) return MISSING_DETAIL.share;
  return MISSING_FACT[kind] ?? NO_ANSWER_TEXT.fact_not_found;
}

const MISSING_FACT: Partial<Record<QuestionKind, string>> = {
  who: 'Det står inte i dokumenten vem det är: inget av de stycken jag hittar nämner ett namn eller en instans som svarar på frågan.',
  when: 'Det står inte i dokumenten när: inget av de stycken jag hittar har ett datum eller en tidpunkt som svarar på frågan.',
  amount: 'Det står inte i dokumenten vilket belopp det är: inget av de stycken jag hittar har ett belopp som svarar på frågan.',
  count: 'Det står inte i dokumenten hur många: inget av de stycken jag hittar har en siffra som svarar på frågan.',
};

function toSource(hit: Hit, index: SearchIndex, kind: QuestionKind, defines = false, detail?: Detail): Source {
  return sourceOf(hit.passage, hit.score, excerptOf(hit.passage.text, hit.matchedTerms, (t) => index.termWeight(t), kind, defines, detail), index);
}

/**
 * A passage that only points to another section's answer ("Se svar 3 B ovan." under insats
 * 3 C) is answered by that section: its passage that best matches the question, cited as
 * itself, led by the pointer ("Insats 3 C: Se svar 3 B ovan. Ägarskapet av information …").
 */
function referredAnswer(hit: Hit, index: SearchIndex, kind: QuestionKind): Source | undefined {
  const best = bestExcerpt(index.referredSection(hit.passage.id) ?? [], hit, index, kind);
  if (!best) return undefined;
  const code = headingInsatsCode(hit.passage.section);
  const pointer = `${code ? `Insats ${code}` : hit.passage.section}: ${hit.passage.text.trim()}`;
  const key = best.shown.keySentence || best.shown.highlights[0] || '';
  return sourceOf(best.passage, hit.score, { ...best.shown, keySentence: key ? `${pointer} ${key}` : pointer }, index);
}

/**
 * For "vilket bolag …": a key sentence that only says "bolaget" under a heading naming the
 * company leads with that name ("Familjebostäder: Bolaget arbetar också vidare med boendeappen …").
 */
function namedCompany(source: Source, index: SearchIndex): Source {
  if (!source.keySentence || !refersToCompany(source.keySentence) || !index.headingNamesCompany(source.section)) return source;
  return { ...source, keySentence: `${source.section}: ${source.keySentence}` };
}

/** Everything a source shows of its document: the footnote it is defined by, the excerpt and the footnotes to its words. */
export function sourceText(source: Source): string {
  return [source.definition, source.excerpt, ...(source.notes ?? []).map((note) => `Fotnot – ${note}`)].filter((part) => part !== undefined && part !== '').join('\n');
}

function sourceOf(passage: Passage, score: number, shown: Excerpt, index: SearchIndex, definition?: string): Source {
  const notes = footnotesIn(passage, shown.excerpt, index).filter((note) => note !== definition);
  return {
    document: passage.document.file,
    title: passage.document.title,
    section: passage.section,
    page: passage.page,
    excerpt: shown.excerpt,
    highlights: shown.highlights,
    keySentence: shown.keySentence,
    ...(definition ? { definition } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    score: Math.round(score * 1000) / 1000,
  };
}

/**
 * The footnotes of a passage's section to words its excerpt shows. A footnote's marker was
 * glued to a word ("IST7"), and the reader keeps the note as "IST: Systemet används även av
 * förskolan och grundskolan." after the paragraph; the excerpt shows the note when it shows
 * that word, whole (not "ID" in "ID-kort") and as written.
 */
function footnotesIn(passage: Passage, excerpt: string, index: SearchIndex): string[] {
  if (passage.kind !== 'text') return [];
  const text = excerpt.replace(/\s+/g, ' ');
  return index.sectionPassagesOf(passage.id).flatMap((p) => (p.kind === 'note' && footnoteWord(p.text)?.test(text) ? [p.text] : []));
}

/** Per footnote, the word it explains as a pattern (what stands before its first ": "), or null when it names none. */
const footnoteWords = new Map<string, RegExp | null>();

function footnoteWord(note: string): RegExp | undefined {
  let word = footnoteWords.get(note);
  if (word === undefined) {
    const at = note.indexOf(': ');
    const label = at > 0 && at <= 60 ? note.slice(0, at).replace(/\s+/g, ' ') : '';
    word = label ? new RegExp(`(?<![\\p{L}\\d-])${escapeRegExp(label)}(?![\\p{L}\\d-])`, 'u') : null;
    if (footnoteWords.size > 10_000) footnoteWords.clear();
    footnoteWords.set(note, word);
  }
  return word ?? undefined;
}

/**
 * A footnote that ranks first defines the word; what the document says about it stands in
 * the running text of the same section. The passage there whose key sentence answers best
 * is the answer, with the footnote as its definition ("Vad är Pios?": the tool for
 * portfolio steering, and that no interviewed organisation uses it).
 */
function explainedNote(note: Hit, index: SearchIndex, kind: QuestionKind): Source | undefined {
  const best = bestExcerpt(index.sectionPassagesOf(note.passage.id), note, index, kind);
  if (!best || best.shown.keyScore <= 0) return undefined;
  return sourceOf(best.passage, note.score, best.shown, index, note.passage.text);
}

/** The text passage among `passages` whose excerpt best answers the words the hit matched. */
function bestExcerpt(passages: readonly Passage[], hit: Hit, index: SearchIndex, kind: QuestionKind): { passage: Passage; shown: Excerpt } | undefined {
  let best: { passage: Passage; shown: Excerpt } | undefined;
  for (const passage of passages) {
    if (passage.kind !== 'text') continue;
    const shown = excerptOf(passage.text, hit.matchedTerms, (t) => index.termWeight(t), kind);
    if (!best || shown.keyScore > best.shown.keyScore) best = { passage, shown };
  }
  return best;
}

/**
 * The passage shown as "närmast i dokumenten" when the fact asked for is missing, among the
 * best passages of the best one's document (another town's passage is not nearer): for a
 * name asked for by post ("vem är IT-chef?"), the first that names the post ("Ansvarig
 * IT-chef"); otherwise the one that shares most of the question's topic, not an
 * introduction that only shares the town and has dates ("när ska Alingsås e-arkiv vara klart?"
 * gets "E-tjänster och e-arkiv", not the Ärendebeskrivning).
 */
function nearestTo(result: SearchResult, index: SearchIndex): Hit {
  const best = result.hits[0]!;
  const near = result.hits.slice(0, NEAREST_AMONG).filter((hit) => hit.passage.document.file === best.passage.document.file);
  const post = new Set(result.postTerms ?? []);
  if (post.size > 0) return near.find((hit) => hit.matchedTerms.some((t) => post.has(t))) ?? best;
  let nearest = best;
  let topic = index.topicWeight(best);
  for (const hit of near) {
    const weight = index.topicWeight(hit);
    if (weight > topic) [nearest, topic] = [hit, weight];
  }
  return nearest;
}

/**
 * Answers a question from the index, or says plainly that the documents do not. Whether
 * they do is the abstention model's decision over several signals of the search; a
 * who/when/how-many question, or one for a paragraph or a case number, whose passages hold no
 * such fact gets the nearest passage only as "närmast i dokumenten".
 */
export function answerQuestion(index: SearchIndex, rawQuestion: string, params: AnswerParams = DEFAULT_PARAMS, options: AnswerOptions = {}): Answer {
  const question = rawQuestion.replace(/\s+/g, ' ').trim();
  const none = (reason: NoAnswerReason): Answer => ({ question, answered: false, answer: NO_ANSWER_TEXT[reason], sources: [], reason });
  if (!/[\p{L}\p{N}]/u.test(question)) return none('empty');
  if (question.length > MAX_QUESTION_LENGTH) return none('too_long');

  const result = index.search(question, Math.max(12, options.contextSize ?? 0), params.ranking);
  const best = result.hits[0];
  if (!best || !answers(params.abstention, abstentionFeatures(result))) return none('not_in_documents');
  const kind = result.kind;
  if (result.unmentioned) {
    return { ...none('fact_not_found'), answer: `Det står inte i dokumenten: det dokument som ligger närmast frågan nämner inte ${result.unmentioned}, så vad frågan gäller framgår inte där.`, nearest: toSource(nearestTo(result, index), index, kind) };
  }
  if (result.missing) {
    return { ...none('fact_not_found'), answer: missingFact(result.missing.kind, result.missing.demand), nearest: toSource(nearestTo(result, index), index, kind) };
  }
  const chosen: Hit[] = [];
  for (const hit of result.hits) {
    if (chosen.length > 0 && (hit.score < best.score * MIN_RELATIVE_SCORE || hit.coverage < MIN_SOURCE_COVERAGE)) continue;
    chosen.push(hit);
    if (chosen.length === MAX_SOURCES) break;
  }
  const sources = chosen.map((hit, i) => (i === 0 && hit.passage.kind === 'note' ? explainedNote(hit, index, kind) : undefined) ?? toSource(hit, index, kind, result.defines, askedDetail(result.demand)));
  if (result.demand.organisation === 'company' && sources[0]) sources[0] = namedCompany(sources[0], index);
  // A pointer ("Se svar 3 B ovan.") shows the section it points to, once.
  chosen.forEach((hit, i) => {
    const referred = referredAnswer(hit, index, kind);
    if (referred) sources[i] = referred;
  });
  const shown = new Set<string>();
  const unique = sources.filter((source) => {
    const key = `${source.document}\u0000${source.section}\u0000${source.excerpt}`;
    if (shown.has(key)) return false;
    shown.add(key);
    return true;
  });
  sources.splice(0, sources.length, ...unique);
  const first = sources[0];
  const text = first ? sourceText(first) : '';
  if (!options.contextSize) return { question, answered: true, answer: text, sources };
  const context = [...sources];
  for (const hit of result.hits) {
    if (context.length >= options.contextSize) break;
    if (!chosen.includes(hit)) context.push(toSource(hit, index, kind, result.defines, askedDetail(result.demand)));
  }
  return { question, answered: true, answer: text, sources, context };
}
