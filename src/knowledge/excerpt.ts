import { stem } from './analyzer.js';
import { tokenize } from './text/tokenize.js';
import { sentenceSpans } from './text/sentences.js';
import { containsFactFor, FACT_KINDS, statesDetail, statesShare, type Detail, type QuestionKind } from './text/questionKind.js';
import { definesAsked } from './text/definitions.js';
import { LIST_ITEM, listsAfter, NUMBERED_ITEM } from './ingest/mending.js';

export const MAX_EXCERPT = 1200;

/** What a passage shows for a question: a stretch of it, and the sentence that answers. */
export interface Excerpt {
  excerpt: string;
  /** The most relevant sentences of the excerpt, in order, for highlighting. */
  highlights: string[];
  /**
   * The sentence that answers best, shown first, with the one before when it points back to
   * it; '' when no sentence has a question word.
   */
  keySentence: string;
  /** How well the key sentence answers (matched weight, topic and fact bonuses), to compare passages. */
  keyScore: number;
}

interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Whether it starts a line (a list item does; the rest of an item's line does not). */
  startsLine: boolean;
  /** Index terms in the order they occur. */
  tokens: readonly string[];
  /** The folded words they come from ("ar", "som", "avses" included). */
  words: readonly string[];
}

/**
 * A line that breaks off before its end: it ends without punctuation on a preposition, "att"
 * or a conjunction ("Beslutet ska skickas till" over "KS"). The next line completes it.
 */
const BREAKS_OFF = /(?:^|\s)(till|av|för|på|om|med|i|hos|från|mot|inom|genom|vid|enligt|under|efter|att|och|eller|samt|som)$/u;
/** A line short enough to be what a broken-off line goes on with ("KS", "Sverige".), or one in lower case. */
const COMPLETING = /^(?:\p{Ll}|(?:\S+\s+){0,2}\S+$)/u;

/** Words that open a sentence by pointing back to the one before ("Därför …"). */
const BACK_ADVERB = /^(därför|därmed|dessutom|här)\b/i;
/** A demonstrative and the word after it: "Detta är …" points back, "Denna digitala agenda …" names what it means. */
const DEMONSTRATIVE = /^(det här|den här|de här|detta|dessa|denna)(?!\p{L})(?:\s+([\p{L}-]+))?/iu;
const SINGULAR = new Set(['det här', 'den här', 'detta', 'denna']);
/** What follows a demonstrative that stands alone: a common verb, a preposition, a conjunction. */
const AFTER_PRONOUN = new Set(
  (
    'är var har hade ska skulle kan kunde bör borde måste får fick vill blir blev kommer gör gjorde ger gav tar tog innebär betyder ' +
    'kräver visar leder gäller omfattar beskriver handlar utgör består innehåller påverkar syftar beror skapar möjliggör underlättar ' +
    'försvårar bidrar behöver ingår och men eller som i på för med till av om genom enligt'
  ).split(' '),
);

/**
 * A sentence that opens by pointing back ("Det här är en av anledningarna …") needs the one
 * before. A demonstrative followed by its noun or adjective ("Denna digitala agenda ska
 * gälla …") says itself what it means; one followed by a verb or nothing does not. A singular
 * demonstrative before a word in -r or -s takes it as a verb ("Detta beror", "Detta skapas").
 */
export function pointsBack(sentence: string): boolean {
  if (BACK_ADVERB.test(sentence)) return true;
  const m = DEMONSTRATIVE.exec(sentence);
  if (!m) return false;
  const next = m[2]?.toLowerCase();
  if (!next || AFTER_PRONOUN.has(next) || /s$/.test(next)) return true;
  return SINGULAR.has((m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')) && /r$/.test(next);
}

/**
 * A sentence that opens with a demonstrative ("Dessa utvecklingsinsatser …", also one before
 * its noun) and lacks a word of the question that the one before has: it is about what that
 * one names, and is shown after it.
 */
function refersBack(sentence: Sentence, before: Sentence, wanted: ReadonlyMap<string, number>): boolean {
  return DEMONSTRATIVE.test(sentence.text) && [...wanted.keys()].some((term) => !sentence.tokens.includes(term) && before.tokens.includes(term));
}

/**
 * A count stated in a sentence: a number in digits that is no year, paragraph, case number
 * or day of a date ("12 av 17", not "2023", "§ 45", "nr 3", "2 juni"), or a number word.
 */
const STATED_NUMBER =
  /(?<![\d.,/§-]|§ |nr |nr\. )(?!(?:19|20)\d\d\b)\d+(?![\d.,/-]?\d)(?!\s+(?:jan|feb|mars|apr|maj|juni|juli|aug|sep|okt|nov|dec)\p{L}*)|(?<!\p{L})(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)(?!\p{L})/iu;
/** A lead into a numbered list is the key sentence only when it is about as telling as the best one. */
const LEAD_SHARE = 0.5;

/** A question word that opens a sentence (its topic) says what the sentence is about. */
const TOPIC_BONUS = 0.3;
/** How much a word of the sentence before counts in one that refers back to it ("Dessa …"). */
const REFERRED_SHARE = 0.5;

/** A sentence with the kind of fact asked for (a date for "när") answers rather than restates. */
const FACT_BONUS = 0.3;

// Passages are immutable once indexed; their sentences are analysed once, on first use.
const sentenceCache = new Map<string, Sentence[]>();

function analysedSentences(text: string): Sentence[] {
  let cached = sentenceCache.get(text);
  if (!cached) {
    cached = sentenceSpans(text).map(({ start, end, startsLine }) => {
      const sentence = text.slice(start, end).trim();
      const words = tokenize(sentence);
      return { text: sentence, start, end, startsLine, tokens: words.map(stem), words };
    });
    if (sentenceCache.size > 20_000) sentenceCache.clear();
    sentenceCache.set(text, cached);
  }
  return cached;
}

/**
 * How well a sentence answers: the weight of the question's words in it, more when one of
 * them is the sentence's topic (Swedish puts it first: "Pios används inte av …" is about
 * Pios, "… uppgifter i Pios" is not), and more when it holds the kind of fact asked for.
 */
function sentenceScore(sentence: Sentence, wanted: ReadonlyMap<string, number>, kind: QuestionKind | undefined, defined?: ReadonlySet<string>, detail?: Detail, before?: Sentence): number {
  let score = 0;
  let topic = false;
  const topicEnd = Math.max(3, Math.ceil(sentence.tokens.length / 3));
  sentence.tokens.forEach((token, position) => {
    if (position < topicEnd && (wanted.get(token) ?? 0) > 0) topic = true;
  });
  // "Dessa utvecklingsinsatser drevs av Intraservice" is about what the sentence before named
  // ("IST och Vklass"): its words count here too, for less.
  const referred = before && DEMONSTRATIVE.test(sentence.text) ? before.tokens : [];
  for (const [term, weight] of wanted) {
    if (sentence.tokens.includes(term)) score += weight;
    else if (referred.includes(term)) score += weight * REFERRED_SHARE;
  }
  if (score === 0) return 0;
  // A share answers "hur stor andel av budgeten" too: for highlighting, a percentage counts with money.
  const share = kind === 'amount' && statesShare(sentence.text);
  // For "vad är X": the sentence that defines X ("Informationssäkerhet är de åtgärder …").
  const definition = defined !== undefined && definesAsked(sentence.words, (token) => defined.has(stem(token)));
  const fact = definition || (detail ? statesDetail(detail, sentence.text) : kind !== undefined && FACT_KINDS.has(kind) && (containsFactFor(kind, sentence.text) || share));
  return score * (1 + (topic ? TOPIC_BONUS : 0) + (fact ? FACT_BONUS : 0));
}

/**
 * Cuts a passage to at most 1,200 characters around its key sentence: the one that
 * answers best. Highlights are the key sentence and any as good.
 *
 * @param matchedTerms index terms of the question found in the passage ("~" marks cues)
 * @param weightOf how telling a term is
 * @param kind the kind of question, so a sentence with the fact asked for leads
 * @param defines whether the question asks what something is, so a sentence defining it leads
 * @param detail a paragraph, case number or frequency asked for, so a sentence with it leads ("§ 251", "årligen")
 */
export function excerptOf(text: string, matchedTerms: readonly string[], weightOf: (term: string) => number = () => 1, kind?: QuestionKind, defines = false, detail?: Detail): Excerpt {
  // Question words weigh by how telling they are; answer-kind cues ("~anledning") by half.
  const wanted = new Map(matchedTerms.map((t) => (t.startsWith('~') ? [t.slice(1), weightOf(t.slice(1)) / 2] : [t, weightOf(t)])));
  const analysed = analysedSentences(text);
  const defined = defines ? new Set(matchedTerms.filter((t) => !t.startsWith('~'))) : undefined;
  // "Hur många …" answered by a list: the line that leads into it holds the count, and the
  // key sentence is that line with its items ("Beslutsunderlag: 1. … 2. … 3. …").
  const listed = kind === 'count' ? listsAfter(analysed) : [];
  const scored = analysed.map((sentence, index) => ({ sentence: sentence.text, index, score: sentenceScore(sentence, wanted, kind, defined, detail, analysed[index - 1]) }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  // Unless a sentence about the question states the number itself ("12 av 17 insatser").
  const counts = kind === 'count' && scored.some((s) => s.score > 0 && !NUMBERED_ITEM.test(s.sentence) && STATED_NUMBER.test(s.sentence));
  const lead = kind === 'count' && !counts ? scored.find((s) => s.score >= best * LEAD_SHARE && s.score > 0 && (listed[s.index]?.items ?? 0) >= 2) : undefined;
  const ranked = lead ? [lead] : best > 0 ? scored.filter((s) => s.score >= best * 0.999) : [];
  const key = ranked[0];
  let start = 0;
  // Start early enough to keep the context before the key sentence.
  if (text.length > MAX_EXCERPT && key) start = Math.max(0, key.index - 1);
  // The excerpt is a stretch of the passage as written: line breaks (list items, paragraphs) stay.
  const from = analysed[start]?.start ?? 0;
  let to = from;
  for (const s of analysed.slice(start)) {
    if (s.end - from > MAX_EXCERPT && to > from) break;
    to = s.end;
  }
  let excerpt = text.slice(from, to).trim();
  if (excerpt.length > MAX_EXCERPT) excerpt = `${excerpt.slice(0, MAX_EXCERPT - 1).trimEnd()}…`;
  // A line that breaks off is completed by the next line, or by the list that follows it ("… expedieras till" / "1. …", "2. …").
  const breaksOff = key !== undefined && !lead && BREAKS_OFF.test(key.sentence);
  const run = breaksOff ? (listed.length ? listed : listsAfter(analysed))[key.index] : undefined;
  const next = analysed[key?.index === undefined ? -1 : key.index + 1]?.text ?? '';
  const completion = breaksOff && (run || COMPLETING.test(next)) ? analysed.slice(key.index + 1, run?.end ?? key.index + 2).map((x) => x.text).filter((x) => excerpt.includes(x)) : [];
  const highlights = [...new Set([...ranked.slice(0, 2).map((h) => h.sentence), ...completion])].filter((h) => excerpt.includes(h));
  const previous = key && key.index > 0 && (pointsBack(key.sentence) || refersBack(analysed[key.index]!, analysed[key.index - 1]!, wanted)) ? analysed[key.index - 1]?.text : undefined;
  // The list's items as far as the excerpt shows them.
  const items = lead ? analysed.slice(lead.index + 1, listed[lead.index]?.end ?? lead.index + 1).map((x) => x.text).filter((x) => excerpt.includes(x)) : [];
  // Items without bullets or numbers (a table's rows of names) are separated by commas.
  const itemText = items.some((x) => LIST_ITEM.test(x)) ? items.join(' ') : items.join(', ');
  const withItems = lead && items.length >= 2 ? `${/[.:;!?]$/.test(lead.sentence) ? lead.sentence : `${lead.sentence}:`} ${itemText}` : undefined;
  const answering = completion.length && highlights[0] ? [highlights[0], ...completion].join(' ') : highlights[0];
  const keySentence = answering ? (withItems ?? (previous && excerpt.includes(previous) ? `${previous} ${answering}` : answering)) : '';
  return { excerpt, highlights, keySentence, keyScore: key?.score ?? 0 };
}
