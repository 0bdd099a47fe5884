import { Decompounder } from './text/compounds.js';
import { boundedEditDistance } from './text/editDistance.js';
import { isStopword } from './text/stopwords.js';
import { stemSwedish } from './text/swedishStemmer.js';
import { isInsatsCode, spelledTokens, surfaceForms, tokenize } from './text/tokenize.js';
import { intentCues, lemma, normalizeColloquial, questionIntent, spelledLemma, synonymsOf, type Intent } from './text/lexicon.js';
import { fold } from './text/fold.js';
import type { Speller } from './text/speller.js';
import { startingWith } from './text/prefixSearch.js';

/** One searchable term of a text with its weight (compound parts count less than words). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

const PART_WEIGHT = 0.5;
const SYNONYM_WEIGHT = 0.7;
/** Two words of three letters or more joined by a hyphen: "vuxenutbildning-nämnden". */
const HYPHENATED = /(?<![\p{L}\p{N}-])(\p{L}{3,})-(\p{L}{3,})(?![\p{L}\p{N}-])/gu;

/** The weight of a typo's correction against the corpus vocabulary. */
const CORRECTION_WEIGHT = 0.85;
const CUE_WEIGHT = 0.5;
/**
 * How much a word nobody can place weighs in the question: neither the corpus nor the
 * Swedish dictionary knows it, and no correction is found. Likely a typo or a name spelt
 * differently, so it must not decide alone that the documents do not answer.
 */
export const NONWORD_WEIGHT = 0.25;
/**
 * How much a real verb form or adverb the documents lack weighs: the topic of a question
 * is in its nouns and names, and "klubbade" or "faktiskt" says little about it.
 */
export const FUNCTION_WORD_WEIGHT = 0.5;

/** From this length a word the dictionary accepts may still be a typo of a corpus word. */
const LONG_WORD = 9;
/**
 * A word of at most this many letters the documents lack, and its weight in the question
 * (CV over the sixteen dev files: wrong refusals 14 → 11 of 473, out of scope declined
 * 125 → 126 of 161, hit@1 0.784 → 0.787).
 */
const SHORT_WORD = 5;
/** Two to five consonants: an abbreviation ("vpn", "slk"), not a typo. */
const ABBREVIATION = /^[b-df-hj-np-tv-xz]{2,5}$/;
const SHORT_WORD_WEIGHT = 0.5;
/** A word this long may be the first or last part of the documents' compounds. */
const MIN_PREFIX = 7;
const MAX_PREFIX_TERMS = 5;
/** A last part is matched in at most this many of the documents' compounds ("kontor" is in six). */
const MAX_HEAD_TERMS = 8;
/** A word this long may be the last part of the documents' compounds ("kontor": "Miljöskyddskontoret"). */
const MIN_HEAD_WORD = 6;
/** What may follow a last part in the documents' compound: nothing or an inflection ending. */
const HEAD_ENDINGS = ['', 'et', 'en', 'ets', 'ens', 'er', 'ar', 'or', 'na', 'a', 'e', 'n', 't', 's', 'erna', 'arna', 'orna', 'ernas', 'arnas', 'ornas'];

/**
 * The first part of a compound that ends in `last` but for an inflection ending
 * ("miljöskydds" of "miljöskyddskontoret" for "kontor"), when that part has at least
 * MIN_MODIFIER letters: a shorter one is more often a prefix ("tillräckligt"). Undefined for
 * any other word. Both words as spelt, or both folded.
 */
export function compoundBefore(word: string, last: string): string | undefined {
  for (const ending of HEAD_ENDINGS) {
    const tail = `${last}${ending}`;
    if (word.length - tail.length >= MIN_MODIFIER && word.endsWith(tail)) return word.slice(0, word.length - tail.length);
  }
  return undefined;
}
/** A compound's known first part has at least this many letters, the rest at least MIN_HEAD. */
const MIN_MODIFIER = 5;
const MIN_HEAD = 3;

/** What a noun adds in the definite form, singular and plural. */
const DEFINITE_ENDINGS = ['en', 'et', 'n', 't', 'na', 'arna', 'erna'];
/** Swedish inflection endings, longest first: definite, plural, genitive, past forms. */
const INFLECTION_ENDINGS = ['ernas', 'arnas', 'ornas', 'erna', 'arna', 'orna', 'ens', 'ets', 'et', 'en', 'na', 'ts', 'de', 'te', 'n', 't', 's'];

/** Endings a word the documents lack may have there: the passive, plural and definite forms; not the present tense -ar ("noter" is no "noterar"). */
const ADDED_ENDINGS = ['es', 'as', 'e', 'a', 'er', 'or', 'en', 'et', 'na'];

/** Verb particles that the documents' nouns put first: "följa upp" and "uppföljning". */
const PARTICLES = new Set(['upp', 'in', 'ut', 'fram', 'bort', 'ner', 'till', 'över', 'genom', 'igenom']);

/**
 * The nouns of a verb's action: "samordnar" (samordn) finds "samordningen", "styrs" (styr)
 * "styrningen". Only in that direction: from a noun in -ing to its verb cost hit@1 on the seen
 * files (1,360 → 1,357 of 1,800), from the verb to the noun gained (→ 1,368, wrong refusals
 * 40 → 38). Every word's stem gets it, not only the dictionary's verbs (that lost a hit and a
 * refusal), so an adjective may find a noun too ("stor" and "störning").
 */
export function actionNouns(term: string): string[] {
  return term.length >= 4 && !term.endsWith('ing') ? [`${term}ing`, `${term}ning`] : [];
}

/** One thing the question asks about, with the index terms that can stand for it. */
export interface Concept {
  token: string;
  /** Alternatives: the word itself, a corrected spelling. Any one of them matches. */
  terms: WeightedTerm[];
  /** A compound's parts, all of which must match together. */
  parts: string[] | undefined;
  /** A cue for the kind of answer ("anledning" for "varför"): adds weight, never coverage. */
  cue?: boolean;
  /** Scales the concept's weight in the question: below 1 for a word nobody can place. */
  weightFactor?: number;
  /** For a compound the documents know only the first part of: the share of its weight that counts as unknown. */
  partlyUnknown?: number;
  /** For a word the documents lack: a typo nobody can correct, or a verb or adverb. */
  unknownKind?: 'nonword' | 'function';
  /** A word only of the sentences around the question ("Ska ta upp det på ledningsgruppen."). */
  context?: boolean;
}

/**
 * A question with at most this many words of content says too little on its own ("Varför?",
 * "Hur många lämnade den?"): it asks about the sentences before it. Measured on the own files:
 * hit@1 275 of 420 against 273 without the rule; 276 with two, but then "Vad säger planen om
 * arkiv?" would have no context either; 275 with three.
 */
const SHORT_QUESTION = 1;

/**
 * The words of a message's questions when it also has sentences that are not questions
 * ("Min chef undrar. Vad kostar …? Ska ta upp det på mötet."); undefined when every
 * sentence asks, or none does, or the questions are short (SHORT_QUESTION).
 */
function questionSentenceTokens(message: string): Set<string> | undefined {
  const pieces = message.split(/(?<=[.!?])\s+/).filter((p) => tokenize(p).length > 0);
  const asking = pieces.filter((p) => p.includes('?'));
  if (asking.length === 0 || asking.length === pieces.length) return undefined;
  const askingTokens = asking.flatMap((p) => tokenize(p));
  if (askingTokens.filter((t) => isContentToken(t)).length <= SHORT_QUESTION) return undefined;
  return new Set(askingTokens);
}

/** Whether a token carries topic: not a stop word (looked up as spelt, see isStopword). */
export function isContentToken(token: string, surface: string = token): boolean {
  if (isInsatsCode(token)) return true;
  if (isStopword(token, surface)) return false;
  return token.length > 1 || /\d/.test(token);
}

/**
 * Swedish text analysis shared by indexing and questions: folding, stop words, Snowball
 * stemming, compound splitting against the corpus vocabulary, and typo correction.
 */
export class Analyzer {
  private readonly decompounder: Decompounder;
  private readonly byLength = new Map<number, string[]>();

  /**
   * @param vocabulary folded surface words of the corpus
   * @param knownTerm tells whether a stem is in the index
   * @param tellingTerm tells whether a stem is rare enough in the index to say what a
   *   compound is about ("bredband" is, "stad" is not); any known stem by default
   * @param spelt the corpus words lower-cased as spelt, with å, ä and ö ("intäkter" is not
   *   "in" + "ta"); the folded vocabulary when not given
   */
  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly knownTerm: (term: string) => boolean,
    private readonly speller?: Speller,
    private readonly tellingTerm: (term: string) => boolean = knownTerm,
    private readonly spelt: ReadonlySet<string> = vocabulary,
  ) {
    this.decompounder = new Decompounder(vocabulary);
    for (const word of vocabulary) {
      if (word.length < 4 || /\d/.test(word)) continue;
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /** Terms for indexing a text: stems of content words, plus their compound parts. */
  static indexTerms(text: string, decompounder: Decompounder | undefined): WeightedTerm[] {
    const out: WeightedTerm[] = [];
    for (const { token, surface } of spelledTokens(text)) {
      if (!isContentToken(token, surface)) continue;
      out.push({ term: stem(token), weight: 1 });
      // A compound whose first parts the documents lack alone is still about its last part.
      const parts = decompounder?.split(token) ?? [decompounder?.head(token)];
      for (const part of parts) if (part) out.push({ term: stem(part), weight: PART_WEIGHT });
    }
    return out;
  }

  /** What the question asks about and what kind of answer it wants. */
  analyze(rawQuestion: string): { concepts: Concept[]; intent: Intent | undefined; normalized: string } {
    const question = this.closedCompounds(normalizeColloquial(rawQuestion));
    const concepts = this.concepts(question);
    return { concepts, intent: questionIntent(question, concepts.filter((c) => !c.cue).length), normalized: question };
  }

  /**
   * A compound typed with a hyphen that the documents write closed, with or without the
   * linking s: "vuxenutbildning-nämnden" is "vuxenutbildningsnämnden", one concept, not two.
   * A compound the documents themselves hyphenate ("IT-rådet", "e-arkiv") stays as typed.
   */
  private closedCompounds(question: string): string {
    return question.replace(HYPHENATED, (whole, first: string, last: string) => {
      const a = fold(first.toLowerCase());
      const b = fold(last.toLowerCase());
      if (this.vocabulary.has(`${a}s${b}`)) return `${first}s${last.toLowerCase()}`;
      return this.vocabulary.has(`${a}${b}`) ? `${first}${last.toLowerCase()}` : whole;
    });
  }

  /** The concepts of a question, each with the index terms that can match it. */
  concepts(question: string): Concept[] {
    const seen = new Set<string>();
    const concepts: Concept[] = [];
    const surfaces = surfaceForms(question);
    const tokens = tokenize(question);
    const asking = questionSentenceTokens(question);
    for (const [i, token] of tokens.entries()) {
      if (!isContentToken(token, surfaces.get(token)) || seen.has(token)) continue;
      seen.add(token);
      const concept = this.concept(token, surfaces.get(token) ?? token);
      const joined = this.joinedTerms(tokens[i - 1], token, tokens[i + 1]).filter((t) => !concept.terms.some((c) => c.term === t.term));
      const withJoined = joined.length ? { ...concept, terms: [...concept.terms, ...joined] } : concept;
      concepts.push(asking && !asking.has(token) ? { ...withJoined, context: true } : withJoined);
    }
    for (const [i, token] of tokens.entries()) {
      const next = tokens[i + 1];
      const joined = next === undefined ? undefined : this.particleVerb(surfaces.get(token) ?? token, surfaces.get(next) ?? next);
      if (!joined || seen.has(joined.token)) continue;
      seen.add(joined.token);
      const verb = concepts.findIndex((c) => c.token === token);
      const own = concepts[verb];
      if (own) concepts[verb] = { ...own, terms: [...own.terms, ...joined.terms.filter((t) => !own.terms.some((o) => o.term === t.term))] };
      else concepts.push(joined);
    }
    const cues = intentCues(questionIntent(question, concepts.length))
      .map((w) => stem(w))
      .filter((t) => this.knownTerm(t))
      .map((term) => ({ term, weight: CUE_WEIGHT }));
    if (cues.length) concepts.push({ token: '', terms: cues, parts: undefined, cue: true });
    return concepts;
  }

  /**
   * Two words the documents write as one ("Got Event" for "GotEvent", "e arkiv" for
   * "earkiv"): the known words a token makes with its neighbours, as terms it also matches;
   * and a hyphenated loanword's synonyms ("go-live", "roll-out" as "golive", "rollout").
   */
  private joinedTerms(before: string | undefined, token: string, after: string | undefined): WeightedTerm[] {
    const words = [before === undefined ? '' : `${before}${token}`, after === undefined ? '' : `${token}${after}`].filter(Boolean);
    const terms = words.filter((w) => this.vocabulary.has(w)).map((w) => ({ term: stem(w), weight: 1 }));
    // The loanword's first part carries its synonyms, so they count once.
    if (after !== undefined) for (const synonym of synonymsOf(`${token}${after}`, stem, () => false, `${token}${after}`)) terms.push({ term: stem(synonym), weight: SYNONYM_WEIGHT });
    return terms.filter((t, i) => this.knownTerm(t.term) && terms.findIndex((o) => o.term === t.term) === i);
  }

  private sortedSpelt: string[] | undefined;

  private reversedSpelt: string[] | undefined;

  /** The documents' words as spelt, each reversed, sorted for a search by ending (computed on first use). */
  private get reversedVocabulary(): string[] {
    this.reversedSpelt ??= [...this.spelt].map(reverse).sort();
    return this.reversedSpelt;
  }

  /** The documents' words as spelt, sorted for prefix search (computed on first use). */
  private get sortedVocabulary(): string[] {
    this.sortedSpelt ??= [...this.spelt].sort();
    return this.sortedSpelt;
  }

  /**
   * A particle verb as the documents' noun: "köper in" as "inköp", "följer upp" as
   * "uppföljning", "loggar in" as "inloggning". The words of the documents that start with
   * the particle and the verb's stem (an irregular past form's base: "tog fram" as
   * "framtagande"), as a concept of their own.
   */
  private particleVerb(verb: string, particle: string): Concept | undefined {
    if (!PARTICLES.has(particle) || !/^\p{L}{2,}$/u.test(verb)) return undefined;
    // Only a verb form: "en del av" is no "avdelning".
    if (this.speller && this.speller.wordClass(verb) !== 'function' && spelledLemma(verb) === verb) return undefined;
    // The stem as spelt: folding keeps the length, so the stem's letters are the verb's first.
    const lemmaSpelt = spelledLemma(verb);
    const root = lemmaSpelt.slice(0, stem(fold(lemmaSpelt)).length);
    if (root.length < 2) return undefined;
    // "till" + "lägga" is written "tillägg": three equal consonants become two.
    const prefix = `${particle}${root}`.replace(/([b-df-hj-np-tv-z])\1\1/g, '$1$1');
    const terms: WeightedTerm[] = [];
    for (const word of startingWith(this.sortedVocabulary, prefix)) {
      if (terms.length >= MAX_PREFIX_TERMS) break;
      const term = stem(fold(word));
      if (this.knownTerm(term) && !terms.some((t) => t.term === term)) terms.push({ term, weight: SYNONYM_WEIGHT });
    }
    return terms.length ? { token: fold(prefix), terms, parts: undefined } : undefined;
  }

  // Concepts depend only on the token and this index's vocabulary: worth remembering, since
  // the same words (and the same misspellings) come back question after question.
  private readonly conceptCache = new Map<string, Concept>();

  private concept(token: string, surface: string): Concept {
    const key = `${token} ${surface}`;
    let cached = this.conceptCache.get(key);
    if (!cached) {
      cached = this.buildConcept(token, surface);
      if (this.conceptCache.size > 50_000) this.conceptCache.clear();
      this.conceptCache.set(key, cached);
    }
    return cached;
  }

  private buildConcept(token: string, surface: string): Concept {
    // Insats codes and numbers are matched as written, never corrected or derived.
    const word = !isInsatsCode(token) && !/\d/.test(token);
    const direct = stem(token);
    const terms: WeightedTerm[] = [];
    if (this.knownTerm(direct)) terms.push({ term: direct, weight: 1 });
    for (const synonym of synonymsOf(token, stem, (w) => this.speller?.isSimpleWord(w) ?? false, surface)) {
      const term = stem(synonym);
      if (this.knownTerm(term) && !terms.some((t) => t.term === term)) terms.push({ term, weight: SYNONYM_WEIGHT });
    }
    for (const term of word ? actionNouns(direct) : []) {
      if (this.knownTerm(term) && !terms.some((t) => t.term === term)) terms.push({ term, weight: SYNONYM_WEIGHT });
    }
    // A real Swedish word is not a typo of a corpus word: "igång" is not "ingång". The
    // dictionary accepts almost any compound, though, so a long word may still be a typo
    // ("finansering"), and so may a short one that is a word only as a compound of short
    // words ("digtala" as "dig" + "tala", "stratgin"): both are corrected with less weight.
    const realWord = this.speller?.isWord(surface) ?? false;
    const compoundOnly = realWord && !(this.speller?.isSimpleWord(surface) ?? true);
    // "etjänster" for "e-tjänster": the documents' "e-" words are indexed without the "e".
    if (terms.length === 0 && word && !realWord && token.length >= 5 && token.startsWith('e') && this.knownTerm(stem(token.slice(1)))) terms.push({ term: stem(token.slice(1)), weight: 1 });
    let parts = this.knownParts(token);
    if (!terms.some((t) => t.weight === 1) && !parts && word) {
      const base = this.knownBaseForm(token, realWord);
      if (base) terms.push({ term: base, weight: 1 });
    }
    if (!terms.some((t) => t.weight === 1) && !parts && (!realWord || compoundOnly || token.length >= LONG_WORD) && word) {
      for (const corrected of this.corrections(token)) {
        const term = stem(corrected);
        if (this.knownTerm(term) && !terms.some((t) => t.term === term)) terms.push({ term, weight: realWord && !compoundOnly ? SYNONYM_WEIGHT : CORRECTION_WEIGHT });
        parts ??= this.knownParts(corrected);
      }
    }
    // A typo in a form the documents write only inflected: "miljöskydsnämnd" is one letter
    // from no word of theirs, "miljöskydsnämnden" one from "miljöskyddsnämnden". Only when the
    // dictionary knows no word one letter away: "arbetstime" is "arbetstimme", not "arbetstiden".
    if (terms.length === 0 && !parts && !realWord && token.length >= LONG_WORD && word && (this.speller?.corrections(surface).length ?? 0) === 0) {
      for (const ending of DEFINITE_ENDINGS) {
        for (const corrected of this.corrections(`${token}${ending}`, 1)) {
          const term = stem(corrected);
          if (this.knownTerm(term) && !terms.some((t) => t.term === term)) terms.push({ term, weight: CORRECTION_WEIGHT });
        }
        if (terms.length > 0) break;
      }
    }
    // A long compound the documents lack but split into known parts may be one they have with
    // its linking s dropped or doubled ("informationsäkerhetspolicy"): that one is matched too.
    // Only the s: other one-letter neighbours are other words ("förankringsinsatser").
    if (terms.length === 0 && parts && token.length >= LONG_WORD && word) {
      for (const corrected of this.corrections(token, 1).filter((c) => differsByAnS(token, c))) {
        const term = stem(corrected);
        if (this.knownTerm(term) && !terms.some((t) => t.term === term)) terms.push({ term, weight: CORRECTION_WEIGHT });
      }
    }
    // A long compound with a typo in its last part: "digitaliseringsuppdarget".
    if (terms.length === 0 && !parts && token.length >= LONG_WORD && word) {
      const fixed = this.compoundWithTypo(token);
      if (fixed) {
        const term = stem(fixed.whole);
        if (this.knownTerm(term)) terms.push({ term, weight: CORRECTION_WEIGHT });
        else parts = fixed.parts;
      }
    }
    if (terms.length === 0 && !parts && word) terms.push(...this.derivedTerms(token));
    // A last part of the documents' compounds only ("kontor" of "Miljöskyddskontoret") ranks
    // their passages, but the documents still lack the word itself: "hur många kontor finns i
    // göteborg?" is not covered by "stadsledningskontoret".
    if (terms.length === 0 && !parts && word) {
      const heads = this.headOf(surface);
      if (heads.length > 0) return { token, terms: heads, parts, partlyUnknown: 1 };
    }
    if (terms.length === 0 && !parts && realWord && word) {
      const modifier = this.knownModifier(token);
      if (modifier) return { token, terms: [{ term: modifier, weight: PART_WEIGHT }], parts, partlyUnknown: PART_WEIGHT };
    }
    if (terms.length === 0 && !parts && this.speller && word) {
      // An irregular form ("skrev") is classed by its base form ("skriva").
      const base = lemma(token);
      const wordClass = this.speller.wordClass(base === token ? surface : base);
      if (wordClass === 'function') return { token, terms, parts, weightFactor: FUNCTION_WORD_WEIGHT, unknownKind: 'function' };
      // An abbreviation without vowels ("vpn") is a name nobody typed wrong, not a typo.
      if (!realWord && !ABBREVIATION.test(token) && this.speller.corrections(surface).length === 0) return { token, terms, parts, weightFactor: NONWORD_WEIGHT, unknownKind: 'nonword' };
    }
    // An everyday word the documents lack ("folk", "nätet") says less about whether they
    // answer than a rarer one: a short dictionary word that is no compound counts for less.
    if (terms.length === 0 && !parts && word && realWord && token.length <= SHORT_WORD && (this.speller?.isSimpleWord(surface) ?? false)) {
      return { token, terms, parts, weightFactor: SHORT_WORD_WEIGHT };
    }
    return { token, terms, parts };
  }

  /**
   * The stem of the word without an inflection ending the stemmer leaves on ("förslaget",
   * "tiden"), when the index knows that stem.
   */
  private knownBaseForm(token: string, realWord: boolean): string | undefined {
    for (const ending of INFLECTION_ENDINGS) {
      if (!token.endsWith(ending) || token.length - ending.length < 4) continue;
      const term = stem(token.slice(0, -ending.length));
      if (this.knownTerm(term)) return term;
    }
    // The stemmer cuts some forms further than others: "godkändes" is "godk", "godkänd" is not.
    // Only for a word of the dictionary: a typo is corrected, not inflected ("mogand").
    if (!realWord || token.length < 5) return undefined;
    for (const ending of ADDED_ENDINGS) {
      // Not into an irregular form of another word: "skull" + "e" is "skulle", "skola".
      const form = `${token}${ending}`;
      const term = stem(form);
      if (lemma(form) === form && term !== stem(token) && this.knownTerm(term)) return term;
    }
    return undefined;
  }

  /**
   * Terms the documents have for a word they lack in this form: an adverb made from a noun
   * ("miljömässigt": "miljö"), or the first or last part of the documents' compounds
   * ("samhällsbyggnad": "samhällsbyggnadskontoret", "fullmäktige": "kommunfullmäktige"), when
   * the rest of the compound is a word (isPart).
   */
  private derivedTerms(token: string): WeightedTerm[] {
    const adverb = /^(.{3,}?)s?massig(t|a)?$/.exec(token);
    if (adverb?.[1]) {
      const term = stem(adverb[1]);
      return this.knownTerm(term) ? [{ term, weight: SYNONYM_WEIGHT }] : [];
    }
    const out: WeightedTerm[] = [];
    for (const word of token.length < MIN_PREFIX ? [] : this.vocabulary) {
      if (word.length < token.length + 3 || !(word.startsWith(token) || word.endsWith(token))) continue;
      if (!this.isPart(word.startsWith(token) ? word.slice(token.length) : word.slice(0, -token.length), word.startsWith(token))) continue;
      const term = stem(word);
      if (this.knownTerm(term) && !out.some((t) => t.term === term)) out.push({ term, weight: SYNONYM_WEIGHT });
      if (out.length >= MAX_PREFIX_TERMS) break;
    }
    // An inflected last part: "workshopen" for the documents' "digitaliseringsworkshop".
    const own = stem(token);
    if (out.length === 0 && own.length >= MIN_PREFIX && own !== token) {
      for (const word of this.vocabulary) {
        if (word.length < own.length + 3) continue;
        const term = stem(word);
        if (term.length < own.length + 3 || !term.endsWith(own)) continue;
        if (!this.isPart(term.slice(0, -own.length), false)) continue;
        if (this.knownTerm(term) && !out.some((t) => t.term === term)) out.push({ term, weight: SYNONYM_WEIGHT });
        if (out.length >= MAX_PREFIX_TERMS) break;
      }
    }
    return out;
  }

  /**
   * A word as typed that ends the documents' compounds with an inflection ending: "kontor" of
   * "Samhällsbyggnadskontoret", "nummer" of "ärendenummer". Compared as spelt: folded,
   * "miljon" would end "styrmiljön". The first part must be a part of its own (isPart), or
   * begin another of the documents' words (startsOtherWords), and have at least
   * MIN_MODIFIER letters: a shorter one is more often a prefix ("tillräckligt").
   */
  private headOf(surface: string): WeightedTerm[] {
    if (surface.length < MIN_HEAD_WORD) return [];
    // Also its stem as spelt, when that is not much shorter: "kameror" ends "trygghetskamera" as "kamer".
    const spelledStem = surface.slice(0, stem(fold(surface)).length);
    const forms = spelledStem.length >= MIN_HEAD_WORD - 1 && spelledStem !== surface ? [surface, spelledStem] : [surface];
    // The words ending in a form and an ending, found by their reversed spelling: a binary
    // search per ending, not a pass over the vocabulary for every new word.
    const found = new Map<string, { form: string; first: string }>();
    for (const form of forms) {
      for (const ending of HEAD_ENDINGS) {
        for (const reversed of startingWith(this.reversedVocabulary, reverse(`${form}${ending}`))) {
          const word = reverse(reversed);
          const first = compoundBefore(word, form);
          if (first !== undefined && !found.has(word)) found.set(word, { form, first });
        }
      }
    }
    const out: WeightedTerm[] = [];
    for (const word of [...found.keys()].sort()) {
      const { form, first } = found.get(word)!;
      if (!this.isPart(fold(first), false) && !this.startsOtherWords(first, form)) continue;
      const term = stem(fold(word));
      if (this.knownTerm(term) && !out.some((t) => t.term === term)) out.push({ term, weight: SYNONYM_WEIGHT });
      if (out.length >= MAX_HEAD_TERMS) break;
    }
    return out;
  }

  /**
   * Whether what a compound has besides the word asked for is a word of its own, so that the
   * word is a part of it: "kommun" of "kommunfullmäktige", "kontoret" of
   * "samhällsbyggnadskontoret" (past a linking s), but not "kommungem" of "kommungemensamma"
   * for "ensamma". A corpus word counts from three letters, a dictionary word that is no
   * compound from four ("gem" is a word, but no part of "gemensam").
   */
  private isPart(rest: string, after: boolean): boolean {
    const key = `${after ? '+' : '-'}${rest}`;
    let known = this.parts.get(key);
    if (known === undefined) {
      known = this.checkPart(rest, after);
      if (this.parts.size > 10_000) this.parts.clear();
      this.parts.set(key, known);
    }
    return known;
  }

  /**
   * Whether a compound's first part also begins another of the documents' words, past a
   * linking s: "Samhällsbyggnads-" of "Samhällsbyggnadskontoret" begins
   * "Samhällsbyggnadsnämnden", so it is a part although no document has it alone.
   */
  private startsOtherWords(first: string, last: string): boolean {
    return startingWith(this.sortedVocabulary, first).some((w) => {
      const rest = w.slice(first.length);
      return rest.length >= MIN_HEAD && !rest.startsWith(last.slice(0, MIN_HEAD)) && this.spelt.has(rest);
    });
  }

  /** isPart's answers, remembered: the same compounds are looked at for many questions. */
  private readonly parts = new Map<string, boolean>();

  private checkPart(rest: string, after: boolean): boolean {
    const candidates = after && rest.startsWith('s') ? [rest, rest.slice(1)] : !after && rest.endsWith('s') ? [rest, rest.slice(0, -1)] : [rest];
    return candidates.some((r) => this.vocabulary.has(r) ? r.length >= 3 : r.length >= 4 && Boolean(this.speller?.isSimpleWord(r)));
  }

  /**
   * The stem of a compound's first part when the documents know it but not the rest:
   * "bredbandshastighet" is about "bredband". Only the first part, and only a telling one:
   * in Swedish it says what the compound is about ("semesterdagar" is not about "dagar"),
   * but a common one says little ("stadsbiblioteket" is not about "stad").
   */
  private knownModifier(token: string): string | undefined {
    for (let end = token.length - MIN_HEAD; end >= MIN_MODIFIER; end--) {
      const modifier = token.slice(0, end);
      if (!this.vocabulary.has(modifier)) continue;
      const head = token.slice(end);
      const rest = head.startsWith('s') && head.length > MIN_HEAD ? [head, head.slice(1)] : [head];
      if (!rest.some((r) => this.speller?.isWord(r))) continue;
      const term = stem(modifier);
      if (this.tellingTerm(term)) return term;
    }
    return undefined;
  }

  private knownParts(word: string): string[] | undefined {
    const parts = this.decompounder.split(word)?.map(stem);
    if (!parts || !parts.every((p) => this.knownTerm(p))) return undefined;
    return parts;
  }

  /**
   * A compound of a known first part (with or without a linking s) and a last part one edit
   * from exactly one known word: the corrected word, and its parts for when the documents
   * have the parts but not the compound.
   */
  private compoundWithTypo(token: string): { whole: string; parts: string[] } | undefined {
    for (let i = token.length - 4; i >= 4; i--) {
      const head = token.slice(0, i);
      const tail = token.slice(i);
      const heads = head.endsWith('s') ? [head, head.slice(0, -1)] : [head];
      const h = heads.find((x) => x.length >= 4 && this.vocabulary.has(x) && this.knownTerm(stem(x)));
      if (!h) continue;
      const fixes = this.corrections(tail, 1).filter((c) => this.knownTerm(stem(c)));
      if (fixes.length === 1) return { whole: head + fixes[0], parts: [stem(h), stem(fixes[0]!)] };
    }
    return undefined;
  }

  /** Vocabulary words within one edit (two for long words) of a misspelt token. */
  private corrections(token: string, maxEdits?: number): string[] {
    if (token.length < 5) return [];
    // Two edits only in long words: in short ones they turn "simhallen" into "samhallet".
    const max = maxEdits ?? (token.length >= 12 ? 2 : 1);
    const found: { word: string; distance: number }[] = [];
    for (let len = token.length - max; len <= token.length + max; len++) {
      for (const word of this.byLength.get(len) ?? []) {
        if (word[0] !== token[0]) continue;
        const distance = boundedEditDistance(token, word, max);
        if (distance <= max) found.push({ word, distance });
      }
    }
    const best = Math.min(...found.map((f) => f.distance));
    return found.filter((f) => f.distance === best).map((f) => f.word).slice(0, 5);
  }
}

/** Whether two words differ only by one s added or removed ("informationsäkerhet", "informationssäkerhet"). */
function differsByAnS(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) if (long[i] === 's' && long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

const stemCache = new Map<string, string>();

/**
 * Snowball, and once more for a passive supine, where it only cuts the s: "samordnats" as
 * "samordnar". Not for the nouns "-sats" and "-plats" ("insats", "webbplats"), which would
 * lose their plurals ("insatser").
 */
function snowball(word: string): string {
  const stemmed = stemSwedish(word);
  return word.endsWith('ats') && !/(s|pl)ats$/.test(word) && stemmed.endsWith('at') ? stemSwedish(stemmed) : stemmed;
}

/** Stems ending as if definite that are not: "internet" is not "interna" with an ending. */
const NOT_DEFINITE = new Set(['internet']);

/**
 * Cuts the definite endings Snowball leaves on: neuter "-et" ("arkivet", "beslutet") and
 * "-n" after a or i ("frågan", "strategin"), restemming what remains, until none is left.
 * It works on the stem, so every form that stems alike still does ("paket" and "paketet"
 * meet, as do "kvalitet" and "kvaliteten").
 */
function withoutDefiniteEnding(stemmed: string): string {
  let result = stemmed;
  for (;;) {
    let base: string | undefined;
    if (NOT_DEFINITE.has(result)) return result;
    // "året" and "målet" keep two and three letters; "plan" is not "pla" with an ending.
    if (result.endsWith('et') && result.length >= 4) base = result.slice(0, -2);
    else if (/[ai]n$/.test(result) && result.length >= 5) base = result.slice(0, -1);
    if (base === undefined) return result;
    const next = stemSwedish(base);
    if (next === result) return result;
    result = next;
  }
}

/** The index form of one folded token (memoised: a corpus has a bounded vocabulary). */
export function stem(token: string): string {
  let result = stemCache.get(token);
  if (result === undefined) {
    result = isInsatsCode(token) || /\d/.test(token) ? token : withoutDefiniteEnding(snowball(lemma(token)));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(token, result);
  }
  return result;
}

function reverse(word: string): string {
  return [...word].reverse().join('');
}
