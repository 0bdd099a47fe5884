import { fold } from './fold.js';
import { surfaceWords } from './tokenize.js';

/**
 * The kind of question by its question word: who, when, how much money, how many, why,
 * which (a list), what, how, a yes/no question (it starts with its verb), or something else. Read from the wording only, so the evaluation and the
 * answerer classify a question the same way.
 */
export type QuestionKind = 'who' | 'when' | 'amount' | 'count' | 'why' | 'list' | 'what' | 'how' | 'yesno' | 'other';

const PATTERNS: [QuestionKind, RegExp][] = [
  ['why', /(^|\s)varfor\b|\bav vilken (anledning|orsak)\b|\bvad (ar|var) (anledningen|orsaken|skalet)\b/],
  ['who', /(^|\s)(vem|vilka personer|vad heter|vilket namn|vilken (person|namnd|forvaltning|styrelse|enhet|aktor))\b/],
  ['when', /(^|\s)(nar|vilket ar|vilket datum|vilken manad|sedan nar|hur lange sedan)\b/],
  ['amount', /(^|\s)(hur (mycket|stor|stora|hog)\b.{0,60}\b(pengar|kost\w*|budget\w*|belopp\w*|summa\w*|kronor|investe\w*|satsa\w*|avsatt\w*|finansier\w*)|hur manga (kronor|kr|mkr|mnkr|tkr|miljoner|miljarder)|vad (kostade|kostar|kommer .{0,40} kosta)|vilket belopp)\b/],
  ['count', /(^|\s)(hur (manga|mycket|stor|stora|hog|hoga|lang)|antal)\b/],
  ['list', /(^|\s)(vilka|lista|rakna upp|namn ge)\b/],
  ['what', /(^|\s)(vad|vilken|vilket)\b/],
  ['how', /(^|\s)(hur|pa vilket satt)\b/],
  ['yesno', /^(finns|fanns|har|hade|ar|var|kan|kunde|ska|skulle|stammer|blev|fick|gick|kommer|behover|maste|far|anvands|galler|tanker|planerar|jobbar|arbetar)\b/],
];

/** Question words for a time that only tell themselves apart before folding ("vilka år", not "vilka är"). */
export const SPELT_WHEN = 'vilka år|vilken period|vilka perioder|under vilken tid';
/**
 * Patterns read before folding, where folding would make two questions one: "vilka år"
 * asks when, "vilka är" asks for a list.
 */
const SPELT_PATTERNS: [QuestionKind, RegExp][] = [['when', new RegExp(`(^|\\s)(${SPELT_WHEN})(?!\\p{L})`, 'u')]];

/** Every pattern once, global so that each of its matches can be tried, with whether it reads the question as spelt. */
const ALL_PATTERNS = [
  ...SPELT_PATTERNS.map(([kind, p]) => ({ kind, pattern: new RegExp(p.source, `${p.flags}g`), spelt: true })),
  ...PATTERNS.map(([kind, p]) => ({ kind, pattern: new RegExp(p.source, `${p.flags}g`), spelt: false })),
];

/**
 * Words after which a question word still asks: "kan du säga när …", "och vem …", "ungefär
 * hur många …", "för vilken period …".
 */
const ASKING_WORDS =
  /\b(vet|veta|sag|saga|beratta|undrar|undrade|forklara|kolla|du|ni|mig|oss|och|men|alltsa|eller|samt|typ|sa|ungefar|cirka|ca|exakt|precis|egentligen|for|i|pa|under|fran|till|av|hos|med|om|vid|sedan|efter|innan|mot)$/;

/**
 * Whether a question word at `at` asks the question rather than opening a clause inside it:
 * "Räknar man med egen tid när kostnaden tas fram?" asks yes or no, not when. A question
 * word asks at the start or the end, after a comma or dash ("Systemet, när är det klart?"),
 * or after a word that introduces a question ("kan du säga när", "och vem").
 */
function asks(folded: string, at: number, length: number): boolean {
  const before = folded.slice(0, at).trimEnd();
  // A question word last asks too: "e-strategin, antagen när?"
  const last = /^[\s?!.]*$/.test(folded.slice(at + length));
  return before === '' || last || /[,;:–—\-?!.(]$/.test(before) || ASKING_WORDS.test(before);
}

/** The kind of question, e.g. "Hur många insatser är klara?" → 'count'. */
export function questionKind(question: string): QuestionKind {
  const q = fold(question);
  const spelt = question.toLowerCase();
  let best: { kind: QuestionKind; at: number } | undefined;
  for (const { kind, pattern, spelt: readSpelt } of ALL_PATTERNS) {
    for (const match of (readSpelt ? spelt : q).matchAll(pattern)) {
      const at = match.index + match[0].length - match[0].trimStart().length;
      if (!asks(q, at, match[0].trim().length)) continue;
      // The earliest question word decides ("vad ... och varför" asks what); ties go by order.
      // A question that opens with its verb asks yes or no unless a question word asks
      // after it ("Kan du säga när …" asks when).
      if (!best || (at < best.at && kind !== 'yesno')) best = { kind, at };
      break;
    }
  }
  return best?.kind ?? 'other';
}

/** The kinds that ask for one fact a passage either contains or does not. */
export const FACT_KINDS: ReadonlySet<QuestionKind> = new Set(['who', 'when', 'amount', 'count']);

/** A year as written in the documents' era. */
const YEAR = '(1[89]\\d\\d|20\\d\\d)';
const MONTHS = 'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december';
const NUMBER_WORDS = 'en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|tusen|miljon|miljoner|miljard|hela|halva|halften|fler|flera|samtliga|alla|ingen|inga';
/** Bodies, also as the last part of a compound ("kommunstyrelsen", "miljöskyddskontoret", "IT-chef"). */
const BODY_HEADS = /(namnd|namnden|namnder|namnderna|styrelse|styrelsen|fullmaktige|forvaltning|forvaltningen|forvaltningar|forvaltningarna|kontor|kontoret|enhet|enheten|bolag|bolaget|chef|chefen|direktor|direktoren|samordnare|samordnaren|myndighet|myndigheten|avdelning|avdelningen)$/;
/** Bodies only as whole words: "rådet" but not "området", "gruppen" but not "målgruppen". */
const BODY_WORDS = /^(radet|grupp|gruppen|ledning|ledningen|ledningsgrupp|ledningsgruppen|ansvarig|ansvariga|kommunen|regionen|skl|skr)$/;

/** Whether a folded word names a body: a nämnd, a förvaltning, a chef. */
function isBody(folded: string): boolean {
  return BODY_HEADS.test(folded) || BODY_WORDS.test(folded);
}

/**
 * Whether a text contains the kind of fact a question asks for: a year, month or date for
 * 'when', a sum of money for 'amount', a number for 'count', a named body or person for 'who'. Other kinds
 * have no single fact, so any text qualifies.
 */
export function containsFactFor(kind: QuestionKind, text: string): boolean {
  switch (kind) {
    case 'when':
      return new RegExp(`\\b${YEAR}\\b|\\b\\d{1,2}\\/\\d{1,2}\\b`).test(text) || new RegExp(`\\b(${MONTHS}|hosten|varen|sommaren|vintern|kvartal)`).test(fold(text));
    case 'amount':
      return /\d\s?(kr|kronor|mkr|mnkr|tkr|miljon|miljoner|miljarder|procent|%)|\b(kronor|miljoner kronor|budget(en)? pa)\b/.test(fold(text));
    case 'count':
      return /\d/.test(text) || new RegExp(`\\b(${NUMBER_WORDS})\\b`).test(fold(text));
    case 'who':
      // A capitalised word inside a sentence is a name; bodies are named by common nouns.
      return /[a-zåäö,]\s+[A-ZÅÄÖ][a-zåäö]+/.test(text) || fold(text).split(/[^\p{L}]+/u).some(isBody);
    default:
      return true;
  }
}

const COUNT_WORDS = new RegExp(`^(${NUMBER_WORDS.replace(/^en\|ett\|/, '')})$`);
const YEAR_IN_WORD = new RegExp(`(^|\\D)${YEAR}(\\D|$)`);
const JUST_A_YEAR = new RegExp(`^${YEAR}$`);
const WHEN_WORDS = new RegExp(`^(${MONTHS}|hosten|varen|sommaren|vintern|kvartal\\w*)$`);

const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;
/** How many words from a word of the question the person or body asked for may stand. */
const WHO_WINDOW = 6;

/**
 * Whether a sentence holds the fact a who/when/how-many question asks for, stricter than
 * containsFactFor: for 'who' a person's name (two capitalised words) or a body the
 * question does not name itself, near one of the question's words ("Handläggare: Maria
 * Jacobsson", "samordnas av kommunstyrelsen"); for 'when' a year, month or season, for
 * 'count' a number that is not a year, neither of them the question's own ("… strategin
 * 2020?"); for 'amount' a sum of money.
 *
 * @param asked tells whether a word is one of the question's own
 * @param anywhere the sentence's heading has a word of the question, so all of it is about it
 */
export function answersWithFact(kind: QuestionKind, sentence: string, asked: (word: string) => boolean, anywhere = false): boolean {
  if (kind === 'amount') return containsFactFor(kind, sentence);
  if (kind !== 'who' && kind !== 'when' && kind !== 'count') return true;
  // Most sentences hold no such fact at all: the looser check on the whole sentence first.
  if (!containsFactFor(kind, sentence)) return false;
  const words = surfaceWords(sentence);
  // The question's own year is not the answer: "vilket datum … strategin 2020?"
  if (kind === 'when') return words.some((w) => (YEAR_IN_WORD.test(w) || WHEN_WORDS.test(fold(w))) && !asked(w));
  // A count is a number that is not a year, or a number or quantity word ("tre", "alla",
  // "ingen") other than the articles "en" and "ett".
  if (kind === 'count') return words.some((w) => ((/\d/.test(w) && !JUST_A_YEAR.test(w)) || COUNT_WORDS.test(fold(w))) && !asked(w));
  const own = words.map((w) => asked(w));
  const near = (i: number): boolean => anywhere || own.some((o, j) => o && Math.abs(i - j) <= WHO_WINDOW);
  return words.some((word, i) => {
    if (own[i] || !near(i)) return false;
    const next = words[i + 1];
    const person = CAPITALISED.test(word) && next !== undefined && CAPITALISED.test(next) && !own[i + 1];
    return person || isBody(fold(word));
  });
}
