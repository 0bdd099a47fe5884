import { fold } from './fold.js';

/**
 * What a real word says about a question's topic: a noun or a name carries it ('content');
 * a verb form or an uninflected word (adverb, particle) hardly does ('function').
 */
export type WordClass = 'content' | 'function';

/** Tells real Swedish words from typos and proposes dictionary words for a typo. */
export interface Speller {
  /** The class of a lower-case word, or undefined when it is not a Swedish word. */
  wordClass(word: string): WordClass | undefined;
  /** Whether a lower-case word (with or without å/ä/ö) is Swedish: in the dictionary, or a compound of its words. */
  isWord(word: string): boolean;
  /** Whether a lower-case word (with or without å/ä/ö) is in the dictionary itself, not only as a compound of its words. */
  isSimpleWord(word: string): boolean;
  /** Dictionary words one edit away from a lower-case non-word, folded. */
  corrections(word: string): string[];
}

interface Checker {
  correct(word: string): boolean;
}

/** Hunspell flags of the Swedish dictionary that conjugate a verb from its infinitive in -a. */
const VERB_FLAGS = /[KLMNjm]/;
/** Endings of Swedish verb forms, added to the infinitive without its final -a. */
const VERB_ENDINGS = ['ades', 'ade', 'ats', 'at', 'ad', 'its', 'it', 'des', 'de', 'tes', 'te', 'ts', 'er', 'ar', 'as', 'es', 'a', 'r', 's', 't', 'e'];

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzåäö';
const MIN_PART = 3;

/**
 * Wraps a hunspell checker. nspell cannot apply the Swedish dictionary's compound rules
 * (with them it accepts any string), so they are left out and compounds are checked here:
 * a word of dictionary words of at least three letters, with an optional linking s.
 * Questions are often typed without å/ä/ö, so those are restored before giving up.
 */
export class HunspellSpeller implements Speller {
  private readonly cache = new Map<string, boolean>();
  private readonly correctionCache = new Map<string, string[]>();

  /**
   * @param checker hunspell without compound rules
   * @param flags each dictionary word's hunspell flags (one word may have several entries)
   */
  constructor(
    private readonly checker: Checker,
    private readonly flags: ReadonlyMap<string, string[]> = new Map(),
  ) {}

  wordClass(word: string): WordClass | undefined {
    if (!this.isWord(word)) return undefined;
    for (const v of variants(word)) {
      const entries = this.flags.get(v);
      if (entries?.every((f) => f === '')) return 'function';
      for (const ending of VERB_ENDINGS) {
        if (!v.endsWith(ending) || v.length - ending.length < 2) continue;
        const infinitive = `${v.slice(0, v.length - ending.length)}a`;
        if (this.flags.get(infinitive)?.some((f) => VERB_FLAGS.test(f))) return 'function';
      }
      // The present of a verb whose stem ends in r is the stem alone: "jämför" (jämföra). Not a
      // word with an entry of its own ("svar", "spår").
      if (v.endsWith('r') && !this.flags.has(v) && this.flags.get(`${v}a`)?.some((f) => VERB_FLAGS.test(f))) return 'function';
      // The past of a verb whose infinitive ends in another vowel: "trodde" (tro), "nådde" (nå).
      if (/[eiouyåäö]dde$/.test(v) && this.flags.has(v.slice(0, -3))) return 'function';
    }
    return 'content';
  }

  isWord(word: string): boolean {
    let known = this.cache.get(word);
    if (known === undefined) {
      known = variants(word).some((v) => this.isCompound(v, 0));
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(word, known);
    }
    return known;
  }

  isSimpleWord(word: string): boolean {
    return variants(word).some((v) => this.checker.correct(v));
  }

  corrections(word: string): string[] {
    let found = this.correctionCache.get(word);
    if (!found) {
      const out = new Set<string>();
      if (word.length >= 4) for (const candidate of edits(word)) if (this.checker.correct(candidate)) out.add(fold(candidate));
      found = [...out];
      if (this.correctionCache.size > 10_000) this.correctionCache.clear();
      this.correctionCache.set(word, found);
    }
    return found;
  }

  private isCompound(word: string, depth: number): boolean {
    if (this.checker.correct(word)) return true;
    if (depth >= 3 || word.length < 2 * MIN_PART) return false;
    for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      const headOk = this.checker.correct(head) || (head.endsWith('s') && head.length > MIN_PART && this.checker.correct(head.slice(0, -1)));
      if (headOk && this.isCompound(tail, depth + 1)) return true;
    }
    return false;
  }
}

/** The word and, when typed without å/ä/ö, the spellings it may stand for (at most 64). */
function variants(word: string): string[] {
  const out = [word];
  const positions = [...word].flatMap((ch, i) => (ch === 'a' || ch === 'o' ? [i] : [])).slice(0, 4);
  if (/[åäö]/.test(word) || positions.length === 0) return out;
  const options: Record<string, string[]> = { a: ['a', 'å', 'ä'], o: ['o', 'ö'] };
  let partial = [word];
  for (const i of positions) {
    const next: string[] = [];
    for (const w of partial) for (const c of options[w[i] ?? ''] ?? []) next.push(w.slice(0, i) + c + w.slice(i + 1));
    partial = next;
  }
  return [...new Set([...out, ...partial])];
}

/** Every string one deletion, transposition, substitution or insertion away. */
function edits(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= word.length; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (b) out.push(a + b.slice(1));
    if (b.length > 1) out.push(a + (b[1] ?? '') + (b[0] ?? '') + b.slice(2));
    for (const c of ALPHABET) {
      if (b) out.push(a + c + b.slice(1));
      out.push(a + c + b);
    }
  }
  return out;
}

let loading: Promise<Speller> | undefined;

/**
 * The Swedish hunspell dictionary (npm dictionary-sv, LGPL-3.0) through nspell, loaded
 * once per process from node_modules: no network. Takes about 1.5 s and 100 MB.
 */
export function loadSwedishSpeller(): Promise<Speller> {
  loading ??= (async () => {
    const [{ default: dictionary }, { default: nspell }] = await Promise.all([import('dictionary-sv'), import('nspell')]);
    const aff = new TextDecoder().decode(dictionary.aff).split('\n').filter((line) => !line.startsWith('COMPOUNDRULE')).join('\n');
    const flags = new Map<string, string[]>();
    for (const line of new TextDecoder().decode(dictionary.dic).split('\n').slice(1)) {
      const slash = line.indexOf('/');
      const word = (slash < 0 ? line : line.slice(0, slash)).trim();
      if (!word) continue;
      const list = flags.get(word) ?? [];
      list.push(slash < 0 ? '' : line.slice(slash + 1).trim());
      flags.set(word, list);
    }
    return new HunspellSpeller(nspell({ aff: Buffer.from(aff), dic: Buffer.from(dictionary.dic) }), flags);
  })();
  return loading;
}
