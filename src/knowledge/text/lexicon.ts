import { fold } from './fold.js';
import { mainQuestion, SPELT_WHEN } from './questionKind.js';
import { SYNONYM_GROUPS } from './synonyms.js';

/**
 * A small Swedish lexicon for what the Snowball stemmer cannot do: irregular forms that
 * should meet ("egna" and "egen"), and near-synonyms staff use for what the documents say
 * in other words (synonyms.ts: "startade" for "lanserades"). Everything is folded.
 */
const IRREGULAR_SPELT: Record<string, string> = {
  egna: 'egen', eget: 'egen', andra: 'annan', annat: 'annan', små: 'liten', litet: 'liten', mindre: 'liten',
  minst: 'liten', större: 'stor', störst: 'stor', stora: 'stor', stort: 'stor', bättre: 'god', bäst: 'god',
  fler: 'många', flest: 'många', flera: 'många', nya: 'ny', nytt: 'ny', högre: 'hög', högst: 'hög',
  skrev: 'skriva', skrivit: 'skriva', ville: 'vilja', velat: 'vilja', kunde: 'kunna', kunnat: 'kunna', skulle: 'skola',
  borde: 'böra', bort: 'böra', visste: 'veta', vetat: 'veta', kom: 'komma', kommit: 'komma', såg: 'se', sett: 'se',
  gav: 'ge', givit: 'ge', gett: 'ge', lät: 'låta', låtit: 'låta', höll: 'hålla', hållit: 'hålla', satte: 'sätta',
  satt: 'sitta', suttit: 'sitta', valde: 'välja', valt: 'välja', bad: 'be', bett: 'be', drev: 'driva', drivit: 'driva',
  fann: 'finna', funnit: 'finna', bröt: 'bryta', brutit: 'bryta', föll: 'falla', fallit: 'falla', slog: 'slå', slagit: 'slå',
  steg: 'stiga', stigit: 'stiga', sjönk: 'sjunka', sjunkit: 'sjunka', band: 'binda', bundit: 'binda', sköt: 'skjuta',
  skjutit: 'skjuta', bar: 'bära', burit: 'bära', vann: 'vinna', vunnit: 'vinna', försvann: 'försvinna', försvunnit: 'försvinna',
  gick: 'gå', gått: 'gå', ingick: 'ingå', ingått: 'ingå', började: 'börja', blev: 'bli', blivit: 'bli', fanns: 'finnas', låg: 'ligga', sade: 'säga', sa: 'säga', avslog: 'avslå', avslagit: 'avslå', beslöt: 'besluta', drog: 'dra', stod: 'stå', gjorde: 'göra', gjort: 'göra', tog: 'ta', tagit: 'ta', fick: 'få', fått: 'få',
};
const IRREGULAR: Record<string, string> = Object.fromEntries(Object.entries(IRREGULAR_SPELT).map(([k, v]) => [fold(k), fold(v)]));
/**
 * Irregular verb forms whose passive adds -s ("drevs", "togs", "gjordes", "valts"). Not forms
 * that are also other words with an -s ("satts" is "sätts", "stods" is "stöds", "bands" a
 * genitive), nor the adjectives.
 */
const PASSIVE_BASES = new Set(
  ['skrev', 'skrivit', 'gav', 'givit', 'gett', 'höll', 'hållit', 'satte', 'valde', 'valt', 'drev', 'drivit', 'fann', 'funnit', 'bröt', 'brutit', 'slog', 'slagit', 'bar', 'burit', 'vann', 'vunnit', 'såg', 'sett', 'avslog', 'avslagit', 'beslöt', 'drog', 'gjorde', 'gjort', 'tog', 'tagit', 'sade'].map(fold),
);

/** The base form of an irregular word as spelt ("tog" → "ta", "gick" → "gå"), or the word. */
export function spelledLemma(word: string): string {
  return IRREGULAR_SPELT[word] ?? word;
}

const SYNONYMS = SYNONYM_GROUPS.map((group) => group.map(fold));

/**
 * Colloquial spellings, chat abbreviations and common abbreviations in municipal Swedish,
 * with their standard forms. Keys are unfolded: "nåt" is "något", but "nat" may be "nät".
 */
const COLLOQUIAL: Record<string, string> = {
  nåt: 'något', nån: 'någon', nåra: 'några', nånting: 'någonting', nånstans: 'någonstans',
  ngt: 'något', ngn: 'någon', ngr: 'några', dom: 'de', dem: 'de', stan: 'staden', sen: 'sedan', sån: 'sådan',
  sånt: 'sådant', såna: 'sådana', sånna: 'sådana', mkt: 'mycket', va: 'vad', vart: 'var', mej: 'mig',
  dej: 'dig', sej: 'sig', ba: 'bara', iaf: 'i alla fall', asså: 'alltså', int: 'inte',
  kf: 'kommunfullmäktige', ks: 'kommunstyrelsen', kr: 'kronor', tkr: 'tusen kronor', mkr: 'miljoner kronor',
  mnkr: 'miljoner kronor', mdkr: 'miljarder kronor', milj: 'miljoner', mdr: 'miljarder', st: 'stycken',
  pga: 'på grund av', bla: 'bland annat', tex: 'till exempel', ev: 'eventuellt', ca: 'cirka', resp: 'respektive',
  ang: 'angående', inkl: 'inklusive', exkl: 'exklusive', jobb: 'arbete', jobba: 'arbeta', jobbar: 'arbetar',
  jobbade: 'arbetade', funka: 'fungera', funkar: 'fungerar', funkade: 'fungerade', gbg: 'göteborg', sthlm: 'stockholm',
  gdpr: 'dataskyddsförordningen', förvn: 'förvaltningen', avd: 'avdelning', info: 'information', org: 'organisation', ifo: 'individ- och familjeomsorg', äo: 'äldreomsorg',
  elr: 'eller', vs: 'mot', fr: 'från', vp: 'verksamhetsplan', ordf: 'ordförande',
};

/**
 * Clipped words, alone or closing a compound: "utb", "vuxenutb" is "vuxenutbildning",
 * "äldreförvaltn" "äldreförvaltning". Not "avd" in a compound, which ends ordinary words ("begravd").
 */
const CLIPPED_TAILS: Record<string, string> = { förvaltn: 'förvaltning', förv: 'förvaltning', utb: 'utbildning', admin: 'administration', adm: 'administration' };
const CLIPPED_TAIL = new RegExp(`^((?:\\p{L}{3,})?)(${Object.keys(CLIPPED_TAILS).join('|')})$`, 'u');

/** Names and bodies among COLLOQUIAL, whose genitive is written with an s ("stans", "gbgs", "kfs"). */
const NAMES = new Set(['stan', 'gbg', 'sthlm', 'kf', 'ks']);

const WORD_OR_OTHER = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu;
/** "fr.o.m." and "t.o.m.", with or without the dots: "från och med", "till och med". */
const FROM_UNTIL = /(?<![\p{L}\p{N}])(fr|t)(?:\. ?| )o(?:\. ?| )m\.?(?![\p{L}\p{N}])/giu;

/** The standard form of a colloquial word or abbreviation, also of a name's genitive. */
function standardOf(word: string): string | undefined {
  const standard = COLLOQUIAL[word];
  if (standard !== undefined) return standard;
  const base = word.endsWith('s') ? word.slice(0, -1) : '';
  if (NAMES.has(base)) return `${COLLOQUIAL[base] ?? base}s`;
  const clipped = CLIPPED_TAIL.exec(word);
  return clipped ? `${clipped[1]}${CLIPPED_TAILS[clipped[2] ?? ''] ?? ''}` : undefined;
}

/**
 * Workplace Swedish clips "digital" and "digitalisering" to "digi": "digistrategi" is the
 * documents' "digital strategi", "digi" alone (also in "digi-workshopen") "digitalisering".
 * "digitisering" is a word of its own.
 */
function unclipped(word: string): string {
  if (/^digi$/i.test(word)) return 'digitalisering';
  const clipped = /^digi(?!t)(\p{Ll}{3,})$/iu.exec(word);
  if (clipped) return `digital${clipped[1]}`;
  // Chat's "-grej" makes a thing of any word: "kameragrejen" is the camera, "appgrej" the app.
  const thing = /^(\p{L}{3,}?)(grej|grejen|grejer|grejerna|grejor|grejorna|grejs)$/iu.exec(word)?.[1];
  // Without the linking s of a word that takes one: "utvecklingsgrejerna" is "utveckling".
  return thing?.replace(/(ning|ling|tion|het|skap|else|ande|ende|itet)s$/iu, '$1') ?? word;
}

/** Rewrites colloquial words and abbreviations in a question to standard Swedish. */
export function normalizeColloquial(question: string): string {
  let out = '';
  const pieces = [...question.replace(FROM_UNTIL, (_, first: string) => (/^f/i.test(first) ? 'från och med' : 'till och med')).matchAll(WORD_OR_OTHER)].map(([piece]) => piece);
  pieces.forEach((piece, i) => {
    // Chat's "e" for "är" ("vad e planen"), but not the e of "e-arkiv".
    const chatIs = piece.toLowerCase() === 'e' && !(pieces[i + 1] ?? '').startsWith('-');
    out += chatIs ? 'är' : (standardOf(piece.toLowerCase()) ?? unclipped(piece));
  });
  return out;
}

/** The base form for an irregular word, or the word itself. */
export function lemma(token: string): string {
  // The passive of an irregular verb form is the form with -s: "drevs", "togs", "gjordes".
  const irregular = IRREGULAR[token] ?? (token.endsWith('s') && PASSIVE_BASES.has(token.slice(0, -1)) ? IRREGULAR[token.slice(0, -1)] : undefined);
  if (irregular) return irregular;
  // Snowball cuts "område" to "omr" (as if "-ade" were a past tense) but "områden" to
  // "omrad"; the plural form keeps every compound of "område" together.
  if (token.endsWith('omrade')) return `${token}n`;
  return token;
}

/** Whether a word as typed is a form of a noun of a doer in -are: "brukare", "brukaren", "brukarna", "brukares". */
function isDoerForm(typed: string, noun: string): boolean {
  if (!noun.endsWith('are')) return false;
  const plural = `${noun.slice(0, -1)}na`;
  return [noun, `${noun}n`, `${noun}s`, `${noun}ns`, plural, `${plural}s`].includes(typed);
}

/** Per stemmer: each stem of a synonym group's word, with the groups and the word (as spelt) that has it. */
const synonymIndex = new WeakMap<(word: string) => string, Map<string, { group: readonly string[]; spelt: string }[]>>();

/**
 * Other words with the same meaning (folded surface forms) in every group the word is in,
 * excluding the word itself. A word typed without å/ä/ö meets a group word with them, unless
 * it is itself a word as typed (`isWordAsTyped`): "svaret" is an answer, not "svår".
 */
export function synonymsOf(token: string, stemOf: (word: string) => string, isWordAsTyped: (word: string) => boolean = () => false, surface = token): string[] {
  let index = synonymIndex.get(stemOf);
  if (!index) {
    index = new Map();
    for (const [i, group] of SYNONYM_GROUPS.entries()) {
      for (const spelt of group) {
        const key = stemOf(fold(spelt));
        index.set(key, [...(index.get(key) ?? []), { group: SYNONYMS[i] ?? [], spelt }]);
      }
    }
    synonymIndex.set(stemOf, index);
  }
  const own = stemOf(token);
  const typedPlain = !/[åäö]/i.test(surface);
  const out = new Set<string>();
  const entries = index.get(own) ?? [];
  // A noun of a doer shares its stem with its verb, not its sense: "brukare" (and "brukarna")
  // meets "vårdtagare", "brukar" meets "nyttja", neither the other.
  const typed = fold(surface);
  const doer = entries.filter(({ spelt }) => isDoerForm(typed, fold(spelt)));
  const senses = doer.length > 0 ? doer : entries.filter(({ spelt }) => !fold(spelt).endsWith('are'));
  for (const { group, spelt } of senses) {
    if (typedPlain && /[åäö]/.test(spelt) && isWordAsTyped(surface)) continue;
    for (const w of group) if (stemOf(w) !== own) out.add(w);
  }
  return [...out];
}

/** The kind of answer a question asks for, read from how it is phrased. */
export type Intent = 'why' | 'when' | 'definition' | 'list';

const COUNT_WORDS = 'tva|tre|fyra|fem|sex|sju|atta|nio|tio';

export function questionIntent(rawQuestion: string, contentConcepts: number): Intent | undefined {
  const question = mainQuestion(rawQuestion);
  const q = fold(question).trim();
  if (/(^|\s)varfor\b|\bav vilken anledning\b/.test(q)) return 'why';
  if (/^nar\b/.test(q) || new RegExp(`^(${SPELT_WHEN})(?!\\p{L})`, 'u').test(question.toLowerCase().trim())) return 'when';
  if (/^(vilka (ar|var)|lista|namn|rakna upp)\b/.test(q) || new RegExp(`\\bde (${COUNT_WORDS})\\b`).test(q)) return 'list';
  if (/^vem ar\b/.test(q) || asksDefinition(question) || contentConcepts === 1) return 'definition';
  return undefined;
}

/** "Vad är …", "vad betyder …", "vad menar … med …" opening the question asked. */
const DEFINITION_OPENS = /^(vad (ar|betyder|innebar|menas med|avses med))\b|^vad menar\b.*\bmed\b/;
/**
 * Anywhere in the message: "vad betyder/menas med/avses med" after a comma, colon, semicolon
 * or dash ("mölndal pratar om modern förvaltning, vad betyder det"), and the verb or noun
 * itself ("hur definierar agendan …", "kan du definiera …", "finns det en def?"). "Vad är" and
 * "vad innebär" after a comma are left out: "X, vad är planen?" and "e-arkiv, vad innebär
 * införandet för skolorna?" ask about something else than a definition.
 */
const DEFINITION_ANYWHERE = /(^|[,:;–-] ?)vad (betyder|menas med|avses med)\b|\bdef(inition(en|er|erna)?|iniera[rs]?|inierade?|inierat)?\b/;

/**
 * Whether the wording asks what something is: "vad är", "vad betyder", "vad innebär", "vad
 * menar … med", "vad avses med" opening the question; "definition", "definierar", "def".
 */
export function asksDefinition(question: string): boolean {
  return DEFINITION_OPENS.test(fold(mainQuestion(question)).trim()) || DEFINITION_ANYWHERE.test(fold(question));
}

/**
 * Words that mark the kind of answer a question asks for. They only add weight to a
 * passage that has them; they never decide whether the documents answer the question.
 */
export function intentCues(intent: Intent | undefined): string[] {
  switch (intent) {
    case 'why':
      return ['anledning', 'beror', 'eftersom', 'darfor', 'orsak', 'skal'];
    case 'when':
      return ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december', 'hosten', 'varen'];
    case 'definition':
      return ['kallas', 'avser', 'innebar', 'betyder', 'definieras', 'namligen'];
    default:
      return [];
  }
}
