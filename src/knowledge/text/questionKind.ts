import { fold } from './fold.js';
import { isStopword } from './stopwords.js';
import { surfaceWords } from './tokenize.js';

/**
 * The kind of question by its question word: who, when, how much money, how many, why,
 * which (a list), what, how, a yes/no question (it starts with its verb), or something else. Read from the wording only, so the evaluation and the
 * answerer classify a question the same way.
 */
export type QuestionKind = 'who' | 'when' | 'amount' | 'count' | 'why' | 'list' | 'what' | 'how' | 'yesno' | 'other';

/**
 * A question for one company or product by name: "vilket företag", "vilken leverantör",
 * "vilket system", "vilken standard", "vilket ramavtal", "vilket e-arkiv". Not "vilken app" or
 * "vilken lösning": those are as often described ("en boendeapp") as named.
 */
const COMPANY_NOUNS = '(foretag|bolag|leverantor|konsult|firma)';
const COMPANY_ASKED = `(vilket|vilken) [a-z-]*${COMPANY_NOUNS}`;
const PRODUCT_ASKED = '(vilket|vilken) [a-z-]*(system|verktyg|plattform|programvara|standard|ramavtal|arkiv)';
const ORGANISATION_ASKED = `(${COMPANY_ASKED}|${PRODUCT_ASKED})`;
/**
 * A (folded) word or stem that is one of the nouns by which a question asks for a company,
 * also in a compound and inflected ("konsultföretaget", "leverantörerna"), not "konsultation".
 */
export const COMPANY_NOUN = new RegExp(`${COMPANY_NOUNS}(en|et|er|erna|ens|ets|s|a|ar|arna|na|n|or|orna)?$`);
const COMPANY = new RegExp(`(^|\\s)${COMPANY_ASKED}\\b`);
const PRODUCT = new RegExp(`(^|\\s)${PRODUCT_ASKED}\\b`);
/** "vilket parti", "från vilka partier": a political party, which its name or letters in brackets ("(SD)") answer. */
const PARTY_ASKED = '(vilket|vilka) parti(et|er|erna)?';
/** "vilket parti", a party asked for beside a name ("namn o parti"), or "partitillhörighet". */
const PARTY = new RegExp(`(^|\\s)(${PARTY_ASKED}|namn(en)? (och|o|samt|\\+|&) parti(et|er|erna|tillhorighet(en)?)?|partitillhorighet(en)?)\\b`);
/** A Swedish party by name, folded ("sverigedemokraterna", "miljöpartiet"). */
const PARTY_NAME = /\b(socialdemokrat(ernas?|isk\w*)|moderaternas?|moderata samlingspartiets?|sverigedemokrat(ernas?|isk\w*)|centerpartiets?|liberalernas?|folkpartiets?|kristdemokrat(ernas?|isk\w*)|vansterpartiets?|miljopartiets?)\b/;
/** A party's letters in brackets after a person's name: "Andreas Exner (SD)". */
const PARTY_LETTERS = /\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+(-\p{Lu}\p{Ll}+)?\s*\((S|M|SD|C|L|FP|KD|V|MP|Fi)\)/u;

/** Whether a question asks for a political party anywhere: "…, vilka är dom o vilket parti?". */
export function asksParty(question: string): boolean {
  return PARTY.test(fold(question));
}

/** "vem har skrivit under", "vilka står under förslaget", "underskriften": those who signed, named at a document's end. */
const SIGNED = /(^|\s)((skrev|skriver|skrivit|skriva|skrivits) (under(?! (rubrik|avsnitt|kapitl|punkt|stycke))|pa)|(star|stod|star med) under (texten|forslaget|yttrandet|beslutet|skrivelsen|dokumentet|arendet|remissvaret|svaret|\w*utlatandet|protokollet)|undertecknat|undertecknade|undertecknad|undertecknare|undertecknaren|undertecknarna|underskrift|underskriften|underskrifter|underskrifterna|signerat|signerade)\b/;

/** Whether a question asks who signed. */
export function asksSignature(question: string): boolean {
  return SIGNED.test(fold(question));
}

/** Whether a text names a political party, by name or by its letters in brackets. */
export function namesParty(text: string): boolean {
  return PARTY_LETTERS.test(text) || PARTY_NAME.test(fold(text));
}

const PATTERNS: [QuestionKind, RegExp][] = [
  ['why', /(^|\s)varfor\b|\bav vilken (anledning|orsak)\b|\bvad (ar|var) (anledningen|orsaken|skalet)\b/],
  ['who', new RegExp(`(^|\\s)(vem|vilka personer|vad heter|vilket namn|vilken (person|namnd|forvaltning|styrelse|enhet|aktor)|${ORGANISATION_ASKED}|${PARTY_ASKED})\\b`)],
  ['when', /(^|\s)(nar|vilket ar|vilket datum|vilka datum|vilken dag|vilken manad|sedan nar|hur lange sedan|hur ofta)\b/],
  ['amount', /(^|\s)(hur (mycket|stor|stort|stora|hog)\b.{0,60}(\b(pengar|kost\w*|budget\w*|bidrag\w*|anslag\w*|belopp\w*|summa\w*|kronor|investe\w*|satsa\w*|avsatt\w*|finansier\w*|debiter\w*|fakturer\w*|spender\w*|\w+(kostnad|budget|bidrag|anslag|belopp)\w*)|\b(\w*(utvecklings|stats|projekt|investerings|bidrags|stimulans|drifts|budget))?(medel|medlen|medlet)\b)|hur manga (kronor|kr|mkr|mnkr|tkr|miljoner|miljarder)|vad (kostade|kostar|kommer .{0,40} kosta|betalade|betalar(?! sig)|betalat|har (\S+ ){1,3}betalat|fick (\S+ ){1,3}betala)|vilket belopp|vilken budget|budgeterat|i kronor|vad (ar|var|blev|blir) (\w*budgeten|\w*kostnaden|\w*kostnaderna|summan|beloppet|priset|notan)(?=\s+(for|i|pa|av|till)\b|\s*[?.!]|$))\b/],
  ['count', /(^|\s)(hur (manga|mycket|stor|stort|stora|hog|hoga|lang)|antal|vilken andel)\b/],
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
 * hur många …", "för vilken period …", "dvs hur stor andel …".
 */
const ASKING_WORDS =
  /\b(vet|veta|sag|saga|beratta|undrar|undrade|forklara|kolla|du|ni|mig|oss|och|men|alltsa|dvs|d\.v\.s\.?|eller|samt|typ|sa|ungefar|cirka|ca|exakt|precis|egentligen|for|i|pa|under|fran|till|av|hos|med|om|vid|sedan|efter|innan|mot)$/;

/**
 * Whether a question word at `at` asks the question rather than opening a clause inside it:
 * "Räknar man med egen tid när kostnaden tas fram?" asks yes or no, not when. A question
 * word asks at the start or the end, after a comma or dash ("Systemet, när är det klart?"),
 * or after a word that introduces a question ("kan du säga när", "och vem").
 */
function asks(folded: string, at: number, length: number): boolean {
  const before = folded.slice(0, at).trimEnd();
  const after = folded.slice(at + length);
  // A question word last asks too: "e-strategin, antagen när?"
  const last = /^[\s?!.]*$/.test(after);
  // "När det gäller …", "när det kommer till …": about, not when.
  if (folded.slice(at, at + length) === 'nar' && ABOUT.test(after)) return false;
  // "ett mål om antal e-tjänster", "vi mäter i antal": the number as a topic, not asked for.
  if (folded.slice(at, at + length) === 'antal' && /\b(om|i|ett|det|pa|efter|med|mater|mata)$/.test(before)) return false;
  // "När X gör Y, brukar de …?": "när" before its subject opens a clause the question follows.
  if ((before === '' || /[–—:]$/.test(before)) && folded.slice(at, at + length) === 'nar' && !verbNext(after.replace(NAR_ADVERB, '')) && /^[^,;:–—?]+[,;:–—]\s*\p{L}/u.test(after)) return false;
  if (before === '' || last || /[,;:–—\-?!.(]$/.test(before)) return true;
  // After a preposition or particle "när" asks only before its verb ("fram till när gäller
  // den"); before a subject it opens a clause ("hjälper till när datorerna strular").
  if (PREPOSITION.test(before) && folded.slice(at, at + length) === 'nar') {
    return verbNext(after);
  }
  return ASKING_WORDS.test(before);
}

/** What makes "när" mean "as for": "när det gäller", "när det kommer till". */
const ABOUT = /^\s+det (galler|kommer till)\b/;

/** Adverbs between "när" and its verb: "när exakt beslutades", "när i tiden antogs". */
const NAR_ADVERB = /^\s*(exakt|precis|ungefar|cirka|ca|egentligen|typ|i tiden)\b/;

/** Prepositions and particles among ASKING_WORDS. */
const PREPOSITION = /\b(for|i|pa|under|fran|till|av|hos|med|om|vid|sedan|efter|innan|mot)$/;

/** The kind of question, e.g. "Hur många insatser är klara?" → 'count'. */
export function questionKind(question: string): QuestionKind {
  const main = mainQuestion(question);
  if (main !== question) {
    const rest = kindOf(main);
    if (rest !== 'other') return rest;
  }
  return kindOf(question);
}

/** A clause a question may open with, up to its comma: "när man …,", "om Timrå …,". */
const OPENING_CLAUSE = /^\s*(nar|om|eftersom|innan|sa fort) (\S+) (\S+)[^,?]*,\s*/;
/** A subject pronoun: "när man köper …" opens a clause. */
const SUBJECT = /^(man|vi|jag|du|ni|de|dom|det|den|han|hon|nagon|folk)$/;
/** A finite verb (folded) in third place: "när Mölndal köper …", "om Timrå tar fram …". */
const FINITE_VERB = /^(ska|skulle|kan|kunde|maste|bor|borde|far|fick|var|ar|blev|blir|gick|kom|tog|har|hade|vill|ville|stod|gav|drog|drev|skrev|steg|slog|sag|sa|holl|foll|lat|la|vann|fann|satt|lag|bar|bad|\p{L}+(r|de|te))$/u;

/** A question word opening what follows the clause: "…, vad händer sedan?". */
const QUESTION_WORD = /^(vad|hur|vem|vilka|vilken|vilket|varfor)\b/;

/**
 * The question itself when it opens with a clause before a comma: "När man köper datorer,
 * vad ska man tänka på?" asks "vad ska man tänka på?". The opening "när" or "om" is a clause
 * when a subject follows it and then its verb ("när man köper", "när Mölndal köper"), not a
 * verb as in a question ("när antogs planen", "när stod den klar"); or when a question word
 * follows the comma and no verb follows "när" ("när politiker och tjänstemän är överens, vad
 * händer sedan?"). Otherwise the whole question.
 */
export function mainQuestion(question: string): string {
  const clause = OPENING_CLAUSE.exec(fold(question));
  if (!clause) return question;
  const second = clause[2] ?? '';
  const asksAfter = QUESTION_WORD.test(fold(question).slice(clause[0].length)) && !FINITE_VERB.test(second) && !second.endsWith('s');
  const opens = SUBJECT.test(second) || FINITE_VERB.test(clause[3] ?? '') || asksAfter;
  return opens ? question.slice(clause[0].length) : question;
}

/** Words for a point in time that make a fragment a when-question. */
const DATE_WORD = /(^|\s)(datum|datumet|tidpunkt|tidpunkten|artal|artalet|deadline|deadlinen)\b/;

/**
 * The facts a question asks for in later clauses of their own, besides its own: "vad heter
 * appen, och hur många har laddat ner den?" asks who and also how many. A clause starts after
 * a sign or "och", "o", "samt", "dvs", "alltså"; one place asks for one kind ("hur mycket kostade" asks an
 * amount, not also a count). Each with the clause from its question word on.
 */
export function furtherFacts(question: string): { kind: QuestionKind; clause: string }[] {
  const q = fold(question);
  const asked = new Map<number, { kind: QuestionKind; length: number }>();
  for (const { kind, pattern, spelt } of ALL_PATTERNS) {
    for (const match of (spelt ? question.toLowerCase() : q).matchAll(pattern)) {
      const at = match.index + match[0].length - match[0].trimStart().length;
      if (!asked.has(at)) asked.set(at, { kind, length: match[0].trim().length });
    }
  }
  const [, ...later] = [...asked.keys()].sort((a, b) => a - b);
  return later.flatMap((at) => {
    const { kind, length } = asked.get(at)!;
    if (!FACT_KINDS.has(kind) || !CLAUSE_END.test(q.slice(0, at).trimEnd())) return [];
    // "när" with no verb next opens a clause ("…, när kommunen tar fram budgeten"), it asks nothing.
    if (kind === 'when' && /nar$/.test(q.slice(at, at + length)) && !verbNext(q.slice(at + length))) return [];
    return [{ kind, clause: question.slice(at) }];
  });
}

/** Quantities that end like a verb in -r: "mer", "fler". */
const QUANTITY = /^(mer|fler)$/;

/** What a later clause starts after: a sign, or "och", "o", "samt", "dvs", "alltså". */
const CLAUSE_END = /([,;:.!?–—-]|\b(o|och|samt|dvs|d\.v\.s\.?|alltsa))$/;

/** Whether the next word is a verb, as in a question ("när gäller den", "när antogs den"), not a subject ("när kommunen tar …"). */
function verbNext(after: string): boolean {
  const next = /^\s*(\S+)/.exec(after)?.[1] ?? '';
  // "mer", "fler": a quantity before the subject ("när mer av informationen läggs ut"), no verb.
  if (QUANTITY.test(next)) return false;
  // A passive verb ends in s ("antogs"), a definite noun's genitive in ns or ts ("skolans").
  return FINITE_VERB.test(next) || (next.endsWith('s') && !/[nt]s$/.test(next));
}

function kindOf(question: string): QuestionKind {
  const q = fold(question);
  const spelt = question.toLowerCase();
  let best: { kind: QuestionKind; at: number } | undefined;
  let money = false;
  for (const { kind, pattern, spelt: readSpelt } of ALL_PATTERNS) {
    for (const match of (readSpelt ? spelt : q).matchAll(pattern)) {
      const at = match.index + match[0].length - match[0].trimStart().length;
      if (!asks(q, at, match[0].trim().length)) continue;
      if (kind === 'amount') money = true;
      // The earliest question word decides ("vad ... och varför" asks what); ties go by order.
      // A question that opens with its verb asks yes or no unless a question word asks
      // after it ("Kan du säga när …" asks when).
      if (!best || (at < best.at && kind !== 'yesno')) best = { kind, at };
      break;
    }
  }
  // "vad landade upphandlingen på i kronor?": money asked for later makes a what-question one for an amount.
  if (best?.kind === 'what' && money) return 'amount';
  // A fragment without a question word asks when if it names a date: "exakt datum för workshopen?"
  if (!best && DATE_WORD.test(q)) return 'when';
  return best?.kind ?? 'other';
}

/** The kinds that ask for one fact a passage either contains or does not. */
export const FACT_KINDS: ReadonlySet<QuestionKind> = new Set(['who', 'when', 'amount', 'count']);

/**
 * What a fact question asks for, narrower than its kind: "vilket datum" wants a day, not a
 * year; "vem är IT-chef" wants a person's name, not the body the chef belongs to; "hur
 * många procent" wants a share; "hur många e-tjänster" wants a number of e-tjänster.
 */
export interface FactDemand {
  /** A person's name: the question names a person's post ("it-chefen", "handläggare"). */
  person: boolean;
  /** A company's or a product's name: "vilket företag", "vilket system" (a body like "nämnden" is no answer). */
  organisation?: 'company' | 'product';
  /** A political party: "vilket parti" (a name or a body is no answer). */
  party?: boolean;
  /** Who signed: "vem har skrivit under …", which the names at the document's end answer. */
  signed?: boolean;
  /** A day with its month, or a date in digits: "vilket datum". */
  day: boolean;
  /** A year: "vilket år", which a season, a month or another event does not answer. */
  year?: boolean;
  /** A month: "vilken månad", which a month's name or a date answers, not a year alone. */
  month?: boolean;
  /** How often: "hur ofta", which a frequency ("årligen", "varje kvartal", "löpande") answers, not a year. */
  frequency?: boolean;
  /** A share: a percentage or "x av y". */
  share: boolean;
  /** The folded word counted in "hur många …" ("e-tjanster"), when there is one. */
  counted?: string;
  /** "hur många punkter/saker …": what is counted is whatever the passage enumerates. */
  items?: boolean;
  /** What a list question lists, when it is bodies ("vilka förvaltningar") or people ("vilka handläggare"). */
  listed?: 'body' | 'person';
  /** A span of time: "hur många år", "hur många verksamhetsperioder", which a period ("2018–2020") answers. */
  span?: boolean;
  /** A document's own date: "vilket datum står på yttrandet", "när är remissvaret daterat", which its header answers. */
  dated?: boolean;
  /** Time between two events: "hur många dagar efter sista svarsdagen …", which a date to count from answers. */
  elapsed?: boolean;
  /** A reference in a minute or a register: "vilken paragraf" (§ 180) or "vilket diarienummer" (Dnr KS 2019-00374). */
  reference?: Reference;
  /** A vote: "hur röstade kf", which only a recorded vote answers, whatever the question's kind. */
  vote?: boolean;
  /** The (folded) words a who-question offers to choose from: "SLF eller förvaltningarna?". */
  offers?: readonly string[];
}

/** A reference in a minute or a register: a paragraph ("§ 180") or a case number ("Dnr KS 2019-00374"). */
export type Reference = 'paragraph' | 'case';

/** Posts held by one person, also as the last part of a compound ("it-chefen", "dataskyddsombudet"). */
export const PERSON_POST = /(chef|chefen|direktor|direktoren|ordforande|ordforanden|handlaggare|handlaggaren|projektledare|projektledaren|person|personen|ombud|ombudet|sekreterare|sekreteraren)$/;
const DAY_ASKED = /(^|\s)(vilket datum|vilken dag|vilka datum|exakt datum|exakta datum|precis datum)\b/;
const MONTH_ASKED = /(^|\s)vilken manad\b/;
/** A document's own date: "daterat", "vilket datum står på …", "vilket datum har yttrandet". */
const DATED_ASKED = /(^|\s)(daterad|daterat|daterade|dateringen|datum (star|stod) (det )?pa|datum har (det |den )?(yttrandet|remissvaret|svaret|dokumentet|beslutet|protokollet|rapporten|strategin|agendan|\p{L}*planen|yrkandet|forslaget|skrivelsen|\p{L}*utlatandet|arendet|handlingen))(?!\p{L})/u;
const FREQUENCY_ASKED = /(^|\s)hur ofta\b/;
const SHARE_ASKED = /(^|\s)(hur (stor|hog) (andel|del|procent\w*)|hur manga procent|hur mycket av|andel|andelen|procent\w*)\b/;
/** A question naming a post by a name of its own: "vad heter …", "vilket namn", "står det något namn". */
const NAME_ASKED = /(^|\s)(vad heter|vilket namn|namnet pa|nagot namn|nat namn)\b/;
/** "vem ledde nämnden (ordf)": who led, with the post named anywhere in the question. */
const LED_BY = /(^|\s)vem (ledde|leder|satt som)\b/;
/** "vem är IT-chef", "vem var handläggare", "vem blev chef": the post right after the verb. */
const POST_ASKED = /(^|\s)vem (ar|var|blev|blir) (?:den nya |nya |den )?([\p{L}-]+)/u;
const COUNTED = /(^|\s)hur manga (?:av )?(?:de |dom |den |det )?((?:[\p{L}\d][\p{L}\d-]* ?){1,4})/u;
/** Prepositions before a place: a word after one is where, not what is counted. */
const PLACE_PREPOSITION = /^(i|pa|fran|till|hos|vid|inom|utanfor)$/;
/** "hur många" with a pronoun for what it counts, as normalised: "hur många e dom?" is "hur många är de?". Not "hur många är det som …", which counts nothing before it. */
const PRONOUN_COUNTED = /[,;:.–—-]\s*hur manga (ar|var|blir|finns) (de|det)\b(?! som)/;
/** "vilket år", "vilka år", "vilket årtal": a year (as typed: "är" folds to "ar" too). */
const YEAR_ASKED = /(^|\s)(vilket|vilka) (år|årtal)(?!\p{L})/u;
/** "Hur många år", "antal år": a span of years. */
const YEARS_ASKED = /(^|\s)(hur många|antal) år\b/;
/** What is counted in a span of time: "verksamhetsperioder", "planperioder". */
const PERIODS = /period(er|erna)?$/;
/**
 * Days, weeks or months between two events: "hur många dagar efter …", "hur många veckor gick
 * det från …". Not "hur många dagar innan sammanträdet måste kallelsen gå ut" nor "hur många
 * veckor tar det från ansökan till beslut" (DURATION): a rule, no two events.
 */
const ELAPSED = /(^|\s)hur manga (dagar|veckor|manader)\b.*\b(efter|mellan|fran|sedan|gick det|skiljer)\b/;
/** How long something takes or may take, a rule and no two events: "tar det", "har … på sig", "måste". */
const DURATION = /\b(tar det|tar|pa sig|brukar|maste|ska|far)\b/;
/** "vilken paragraf", "kf-paragraf", a "§" without its number: the paragraph of a minute. */
const PARAGRAPH_ASKED = /(^|[\s-])(paragraf|paragrafen|paragrafer|paragrafnummer|paragrafnr)(?![\p{L}\d])|§(?!\s*\d)/u;
/** "vilket diarienummer", "dnr", "ärendenummer": the number of a case in the register. */
const CASE_ASKED = /(^|[\s-])(diarienummer|diarienumret|diarienr|dnr|arendenummer|arendenumret|arendenr)(?![\p{L}\d])/u;
/** A paragraph as minutes write it: "§ 180". */
const PARAGRAPH = /§\s*\d/;
/**
 * A case number: "Dnr KS 2019-00374", "Diariennr: 2018.018 MN", "Ärendenummer SLK-2025-00108":
 * the register's word with a number soon after it, or a year with a serial number. Not a
 * period ("2017-2019", "2022/2023") nor "ange diarienummer" without one.
 */
const CASE_NUMBER = /(^|[^\p{L}])(dnr|diarien+r|diarienum\p{L}*|ärendenummer|ärendenr)[^\p{L}][^\d]{0,20}\d|(^|\D)(19|20)\d\d[./](?!(19|20)\d\d(\D|$))\d{3,}|(^|\D)(19|20)\d\d-\d{5,}/iu;

/**
 * A vote, in the question as the analyzer normalises it ("kf" is "kommunfullmäktige"): "hur
 * röstade kf", "röstsiffrorna", "blev det votering", "reserverade sig nån". Not whether
 * something went through ("gick förslaget igenom"), which a decision answers, nor a
 * reservation that is a caveat or a booking.
 */
const VOTE_ASKED = /(^|\s)(hur (rostade|rostar|har \S+( \S+)? rostat)|rostade (de|dom|partierna|ledamoterna|politikerna|\p{L}*fullmaktige|\p{L}*styrelsen|\p{L}*namnden|for|emot|mot|ja|nej)|rost(siffr|etal|resultat|fordelning|ning)\p{L}*|(om)?rostning\p{L}*|votering\p{L}*|reserverade sig|reservation (mot|till) beslutet)(?!\p{L})/u;
/** A vote as documents record it: votes, a roll call, a reservation, "enhälligt". */
const VOTE_STATED = /(^|[^\p{L}])(röst(ade|at|er|erna|ning|siffr|etal)\p{L}*|omröstning\p{L}*|votering\p{L}*|reserver(ade|ar|at) sig|reservation\p{L}*|enhällig\p{L}*|ja-röst\p{L}*|nej-röst\p{L}*)/iu;

/** Whether a question asks how a body voted. */
export function asksVote(question: string): boolean {
  return VOTE_ASKED.test(fold(question));
}

/** Whether a text records a vote. */
export function statesVote(text: string): boolean {
  return VOTE_STATED.test(text);
}

/** Whether a sentence holds the reference asked for (a paragraph or a case number). */
export function statesReference(reference: Reference, sentence: string): boolean {
  return reference === 'paragraph' ? PARAGRAPH.test(sentence) : CASE_NUMBER.test(sentence);
}

/** A unit of time a frequency counts in ("per år", "varje kvartal", "två gånger i månaden"). */
const PERIOD_UNIT = '(år|året|månad|månaden|vecka|veckan|dag|dagen|kvartal|kvartalet|tertial|tertialet|termin|terminen|halvår|halvåret)';
/**
 * A frequency as written (in lower case, not folded: "årligt" is not "ärligt"): "årligen",
 * "en årlig uppföljning", "varje kvartal", "två gånger per år"; "löpande", "kontinuerligt" and
 * "regelbundet" only as adverbs ("följs upp löpande", "arbetar löpande med"), not "löpande
 * kostnader". Not "i år", "i vecka 12", "en gång i tiden" or "två gånger högre".
 */
const FREQUENCY = new RegExp(
  `(?<!\\p{L})(årligen|månatligen|dagligen|kvartalsvis|månadsvis|veckovis|årsvis|halvårsvis|tertialvis|årlig|årliga|årligt|månatlig|månatliga|varannan|vartannat|(varje|per) ${PERIOD_UNIT}|(en|ett par|\\d+|två|tre|fyra|fem|sex) gång(er)? (per|om|i|varje) ${PERIOD_UNIT}|(löpande|kontinuerligt|regelbundet)(?= (med|under|och|i|genom|över|så|av|på)(?!\\p{L})|\\s*[.,;:]|\\s*$))(?!\\p{L})`,
  'u',
);

/** Whether a sentence says how often something happens. */
export function statesFrequency(sentence: string): boolean {
  return FREQUENCY.test(sentence.toLowerCase());
}

/** A detail a question asks for that a sentence states or not: a paragraph, a case number, a frequency. */
export type Detail = Reference | 'frequency';

export function askedDetail(demand: FactDemand): Detail | undefined {
  return demand.reference ?? (demand.frequency ? 'frequency' : undefined);
}

/** Whether a sentence states the detail asked for ("§ 251", "Dnr KS 2019-00374", "årligen"). */
export function statesDetail(detail: Detail, sentence: string): boolean {
  return detail === 'frequency' ? statesFrequency(sentence) : statesReference(detail, sentence);
}

/** Whether a text has a day's date ("2018-04-16", "25 november"), not only a year or a month. */
export function statesDay(text: string): boolean {
  return DAY.test(text);
}

/** Words that make "av" partitive, not an agent: "en av", "flera av", "hälften av". */
const PARTITIVE = /^(en|ett|tva|tre|fyra|fem|nagon|nagot|nagra|manga|flera|alla|del|delen|delar|halften|ingen|inget|inga|var|varje|vardera|vilken|vilket|vilka|resten|majoriteten|andel|andelen|\d+)$/;
/** Two choices a question offers: "SLF eller förvaltningarna", "klustret elr nämnden". */
const OFFERED = /([\p{L}-]+),? (eller|elr) ([\p{L}-]+)/gu;
/** Nouns that count anything: "hur många punkter", "hur många saker". */
const GENERIC_COUNTED = /^(punkter|saker|grejer|delar)$/;
/** Words before the noun counted: "hur många nya insatsområden", "hur många st", "hur många färre verksamheter". */
const BEFORE_NOUN = /^(nya|olika|andra|egna|totalt|sammanlagt|st|stycken|ungefar|cirka|ca|farre|fler|flera|mer|mera|mindre)$/;
/** What "vilka" asks for, past a verb: "vilka politiker", "vilka var handläggare". */
const LISTED = /(^|\s)vilka (?:(?:ar det|var det|var|ar|blev|blir) )?([\p{L}-]+)/u;
/** People a list question may ask for besides posts. */
const PEOPLE = /^(personer|politiker|ledamoter|medarbetare|anstallda)$/;

/** What exactly a question of this kind asks for (see FactDemand). */
export function factDemand(question: string, kind: QuestionKind): FactDemand {
  const q = fold(question);
  const words = q.split(/[^\p{L}\d-]+/u);
  const after = kind === 'count' ? countedNoun(COUNTED.exec(q)?.[2]) : undefined;
  const counted = kind !== 'count' ? undefined : after && !isStopword(after) ? after : (nounBefore(q) ?? after);
  const share = (kind === 'count' || kind === 'amount') && (SHARE_ASKED.test(q) || counted === 'procent');
  const elapsed = kind === 'count' && ELAPSED.test(q) && !DURATION.test(q);
  const item = kind === 'list' ? lastPart(LISTED.exec(q)?.[2] ?? '') : '';
  const offers = kind === 'who' ? [...q.matchAll(OFFERED)].flatMap((m) => [m[1] ?? '', m[3] ?? '']) : [];
  const listed = PERSON_POST.test(item) || PEOPLE.test(item) ? 'person' : item && isBody(item) ? 'body' : undefined;
  return {
    ...(listed ? { listed } : {}),
    ...(kind === 'who' && PARTY.test(q) ? { party: true } : {}),
    ...(kind === 'who' && SIGNED.test(q) ? { signed: true } : {}),
    ...(kind === 'who' && COMPANY.test(q) ? { organisation: 'company' as const } : kind === 'who' && PRODUCT.test(q) ? { organisation: 'product' as const } : {}),
    person: kind === 'who' && (NAME_ASKED.test(q) || LED_BY.test(q) ? words.some((w) => PERSON_POST.test(w)) : PERSON_POST.test(POST_ASKED.exec(q)?.[3] ?? '')),
    day: kind === 'when' && (DAY_ASKED.test(q) || DATED_ASKED.test(q)),
    ...(kind === 'when' && MONTH_ASKED.test(q) ? { month: true } : {}),
    ...(kind === 'when' && YEAR_ASKED.test(question.toLowerCase()) ? { year: true } : {}),
    ...(kind === 'when' && FREQUENCY_ASKED.test(q) ? { frequency: true } : {}),
    share,
    ...(counted && !share && !elapsed && !isStopword(counted) && !GENERIC_COUNTED.test(counted) ? { counted } : {}),
    ...(counted && !share && GENERIC_COUNTED.test(counted) ? { items: true } : {}),
    // "år", not "är": both fold to "ar", so the question as typed decides.
    ...(kind === 'count' && (YEARS_ASKED.test(question.toLowerCase()) || PERIODS.test(counted ?? '')) ? { span: true } : {}),
    ...(elapsed ? { elapsed } : {}),
    ...(kind === 'when' && DATED_ASKED.test(q) ? { dated: true } : {}),
    ...(PARAGRAPH_ASKED.test(q) ? { reference: 'paragraph' as const } : CASE_ASKED.test(q) ? { reference: 'case' as const } : {}),
    ...(offers.length > 0 ? { offers } : {}),
    ...(asksVote(q) ? { vote: true } : {}),
  };
}

/**
 * The noun a pronoun after "hur många" stands for: "… i olika områden, hur många e dom?"
 * counts "områden", the last word of the clause before that is no stop word.
 */
function nounBefore(q: string): string | undefined {
  const match = PRONOUN_COUNTED.exec(q);
  if (!match) return undefined;
  // Not a place after a preposition: "i göteborg", "i staden".
  const words = q.slice(0, match.index).split(/[^\p{L}\d-]+/u);
  const nouns = words.filter((w, i) => w.length > 3 && !isStopword(w) && !PLACE_PREPOSITION.test(words[i - 1] ?? ''));
  return nouns.at(-1);
}

/**
 * The noun counted in the words after "hur många": past adjectives in -a ("nya", "digitala",
 * but not "insatserna"), participles in -ade ("granskade förvaltningar"), genitives
 * ("Göteborgs verksamheter") and fillers ("st").
 */
function countedNoun(phrase: string | undefined): string | undefined {
  const words = (phrase ?? '').trim().split(' ');
  return words.find((w, i) => !BEFORE_NOUN.test(w) && !(/[^n]a$/.test(w) && i < words.length - 1) && !(w.endsWith('s') && i < words.length - 1 && !/(ss|us)$/.test(w)) && !(/ade$/.test(w) && !isStopword(w) && i < words.length - 1));
}

/** A year as written in the documents' era. */
const YEAR = '(1[89]\\d\\d|20\\d\\d)';
const MONTHS = 'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december';
const MONTH_ABBREVIATIONS = 'jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec';
const NUMBER_WORDS = 'en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|tusen|miljon|miljoner|miljard|hela|halva|halften|fler|flera|samtliga|alla|ingen|inga';
/** Numbers in "x av y": exact ones, not "en av flera" or "en av alla". */
const PART_WORDS = 'en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|tusen';
/** Bodies, also as the last part of a compound ("kommunstyrelsen", "miljöskyddskontoret", "IT-chef"). */
const BODY_HEADS = /(ledningen|namnd|namnden|namnder|namnderna|styrelse|styrelsen|fullmaktige|forvaltning|forvaltningen|forvaltningar|forvaltningarna|kontor|kontoret|enhet|enheten|bolag|bolaget|chef|chefen|direktor|direktoren|samordnare|samordnaren|myndighet|myndigheten|avdelning|avdelningen|region|regionen|inspektionen|departementet|instans|instansen|instanser|instanserna)$/;
/** Bodies only as whole words: "rådet" but not "området", "gruppen" but not "målgruppen". */
const BODY_WORDS = /^(radet|grupp|gruppen|ledning|ledningen|ledningsgrupp|ledningsgruppen|ansvarig|ansvariga|kommunen|regionen|skl|skr|regeringen|riksdagen|skolverket|skatteverket|naturvardsverket|trafikverket|boverket|tillvaxtverket|migrationsverket|arbetsmiljoverket)$/;
/** A body word with nothing before it ("nämnderna", "styrelsen"), not a compound that names one ("kommunstyrelsen"). */
const BARE_BODY = new RegExp(`^${BODY_HEADS.source}|${BODY_WORDS.source}`);

/**
 * The municipal councils by their usual abbreviations, as written: kommunstyrelsen (KS),
 * kommunfullmäktige (KF). Not in a case number ("Dnr KS 2019-00374"), and no company or product.
 */
const COUNCIL = /^(KS|KF)$/;

/** Whether the word at `i` of a sentence's words (surfaceWords) names a council (COUNCIL). */
function namesCouncil(words: readonly string[], i: number): boolean {
  return COUNCIL.test(words[i]!) && !/^\d/.test(words[i + 1] ?? '') && !/^(dnr|arendenummer)$/.test(fold(words[i - 1] ?? ''));
}

/** Whether a folded word names a body: a nämnd, a förvaltning, a chef, a state agency by name ("Skolverket"; not "ramverket"), the government. */
export function isBody(folded: string): boolean {
  return BODY_HEADS.test(folded) || BODY_WORDS.test(folded);
}

/**
 * Whether a text contains the kind of fact a question asks for: a year, month or date for
 * 'when', a sum of money for 'amount', a number for 'count', a named body or person for 'who'. Other kinds
 * have no single fact, so any text qualifies.
 */
export function containsFactFor(kind: QuestionKind, text: string, councils = true): boolean {
  switch (kind) {
    case 'when':
      return new RegExp(`\\b${YEAR}\\b|\\b\\d{1,2}\\/\\d{1,2}\\b`).test(text) || new RegExp(`\\b(${MONTHS}|hosten|varen|sommaren|vintern|kvartal)`).test(fold(text)) || RELATIVE_TIME.test(fold(text));
    case 'amount':
      // Money, not a share: "90 % av hushållen" says nothing of what something cost.
      return /\d\s?(kr|kronor|mkr|mnkr|tkr|miljon|miljoner|miljarder)\b|\b(kronor|miljoner kronor|budget(en)? pa)\b/.test(fold(text));
    case 'count':
      return /\d/.test(text) || new RegExp(`\\b(${NUMBER_WORDS})\\b`).test(fold(text));
    case 'who':
      // A capitalised word inside a sentence is a name; bodies are named by common nouns.
      return /[a-zåäö,]\s+([A-ZÅÄÖ][a-zåäö]+|[A-ZÅÄÖ]{3,6}\b)/.test(text) || fold(text).split(/[^\p{L}]+/u).some(isBody) || (councils && surfaceWords(text).some((_, i, words) => namesCouncil(words, i)));
    default:
      return true;
  }
}

/** Number and quantity words that answer "hur många": not the articles, not "fler" or "flera", not "hela" ("i hela staden"). */
const COUNT_WORDS = new RegExp(`^(${NUMBER_WORDS.replace(/^en\|ett\|/, '').replace('|fler|flera', '').replace('|hela', '')})$`);
const YEAR_IN_WORD = new RegExp(`(^|\\D)${YEAR}(\\D|$)`);
const JUST_A_YEAR = new RegExp(`^${YEAR}$`);
const WHEN_WORDS = new RegExp(`^(${MONTHS}|hosten|varen|sommaren|vintern|kvartal\\w*)$`);
/** A month by name: "i juni". */
const MONTH_NAMED = new RegExp(`\\b(${MONTHS})\\b`);
/** A time told by another event or by a stage: "samtidigt som den nya styrmodellen infördes", "i ett tidigt skede". */
const RELATIVE_TIME = /\b(samtidigt som|i ett (tidigt|tidigare|senare|sent) skede)\b/;

/** A body by its initials, in capitals: "SDLG", "SLF". */
const INITIALS = /^\p{Lu}{3,6}$/u;
/** A capitalised word, also a double name ("Anna-Karin"). */
const CAPITALISED = /^\p{Lu}\p{Ll}+(-\p{Lu}\p{Ll}+)?$/u;
/** The last part of a hyphenated compound ("rådet" of "IT-rådet"), or the word. */
const lastPart = (word: string): string => word.slice(word.lastIndexOf('-') + 1);
/** How many words from a word of the question the person or body asked for may stand. */
const WHO_WINDOW = 6;

/** A day of a month ("25 november", "1:a mars") or a date in digits ("2017-12-13", "13/12"). */
const DAY = new RegExp(`\\b\\d{1,2}(:[ae])?\\s+(${MONTHS}|${MONTH_ABBREVIATIONS})(\\.|\\b)|\\b${YEAR}-\\d\\d-\\d\\d\\b|\\b\\d{1,2}\\.\\d{1,2}\\.${YEAR}\\b|\\b\\d{1,2}\\/\\d{1,2}\\b`, 'i');
/**
 * Numbers that count nothing: a paragraph ("§ 180"), a page ("sidan 5"), the day in a date ("25 november"), a
 * date, a period or a case number in digits ("2019-11-25", "2023-2026", "KS 2019-00374") and
 * a section number ("4.2.1").
 */
const NOT_A_COUNT = new RegExp(
  `§\\s*\\d+|(?<![A-Za-zÅÄÖåäöÉé\\d])(sidan|sid\\.|s\\.)\\s*\\d+|\\b\\d{1,2}(:[ae])?(?=\\s+(${MONTHS}|${MONTH_ABBREVIATIONS})(\\.|\\b))|\\b\\d{4}[-–]\\d{2,5}([-–]\\d\\d)?\\b|\\b\\d+(\\.\\d+){1,3}\\b`,
  'gi',
);
/** A period of years: "2018-2020", "2023–2026". */
const PERIOD = new RegExp(`\\b${YEAR}\\s?[-–]\\s?${YEAR}\\b`);
/** A share: a percentage, or a part of a whole ("12 av 17", "tolv av sjutton"). */
const SHARE = new RegExp(
  `\\d\\s?(%|procent)|\\b(\\d+|${PART_WORDS})\\s+av\\s+(\\d+|${PART_WORDS})\\b|\\b(halften|majoriteten|merparten|flertalet|minoriteten|(halv|tredje|fjarde|femte|tion)del(ar|en)?)\\s+av\\b`,
);

/** Whether a text states a share: a percentage, "12 av 17", "merparten av", "hälften av". */
export function statesShare(text: string): boolean {
  return SHARE.test(fold(text));
}

/** What answersWithFact knows about the question and the documents besides the sentence. */
export interface FactContext {
  /** Whether a word is one of the question's own. */
  asked: (word: string) => boolean;
  /** The sentence's heading has a word of the question, so all of it is about it. */
  anywhere?: boolean;
  /** What exactly the question asks for (factDemand). */
  demand?: FactDemand;
  /** Whether the documents write a word in lower case: then it is no one's name ("Styrdokument Strategi"). */
  common?: (word: string) => boolean;
  /**
   * The words a name or body must stand near (WHO_WINDOW); by default the question's own.
   * A company must stand near what the question is about, not near "företag" or the town.
   */
  anchor?: (word: string) => boolean;
}

/** A fact question that asks for no more than its kind. */
export const ANY_FACT: FactDemand = { person: false, day: false, share: false };

/**
 * Whether a sentence holds the fact a who/when/how-many question asks for, stricter than
 * containsFactFor: for 'who' a person's name (two capitalised words) or a body the
 * question does not name itself, near one of the question's words ("Handläggare: Maria
 * Jacobsson", "samordnas av kommunstyrelsen"), only a name near the post when the question
 * names a person's post; for 'when' a year, month or season, a day when the question asks for a
 * date; for 'count' a number that is not a year, a paragraph or a day of the month, a share
 * when the question asks for one; none of them the question's own ("… strategin 2020?"); for
 * "hur många år" also any period ("2018-2020"), even the question's own; for 'amount' a sum
 * of money.
 */
export function answersWithFact(kind: QuestionKind, sentence: string, context: FactContext): boolean {
  const { asked, anywhere = false, demand = ANY_FACT, common = () => false } = context;
  if (kind === 'amount') return demand.share ? statesShare(sentence) : containsFactFor(kind, sentence);
  if (kind !== 'who' && kind !== 'when' && kind !== 'count') return true;
  if (kind === 'who' && demand.party) return namesParty(sentence);
  if (kind === 'when' && demand.frequency) return statesFrequency(sentence);
  if (kind === 'count' && demand.share) return statesShare(sentence);
  if (kind === 'count' && demand.span && PERIOD.test(sentence)) return true;
  if (kind === 'count' && demand.elapsed) return DAY.test(sentence);
  // Most sentences hold no such fact at all: the looser check on the whole sentence first.
  const apposed = demand.organisation === 'product' ? namesByApposition(sentence) : undefined;
  if (!containsFactFor(kind, sentence, !demand.organisation) && !apposed?.size) return false;
  if (kind === 'when' && demand.day) return DAY.test(sentence);
  if (kind === 'when' && demand.month) return DAY.test(sentence) || MONTH_NAMED.test(fold(sentence));
  const words = surfaceWords(kind === 'count' ? sentence.replace(NOT_A_COUNT, ' ') : sentence);
  // The question's own year is not the answer: "vilket datum … strategin 2020?"
  // "vilket år" wants a year: a season, a month or another event tells none.
  if (kind === 'when' && demand.year) return words.some((w) => YEAR_IN_WORD.test(w) && !asked(w));
  if (kind === 'when') return words.some((w) => (YEAR_IN_WORD.test(w) || WHEN_WORDS.test(fold(w))) && !asked(w)) || RELATIVE_TIME.test(fold(sentence));
  // A count is a number that is not a year, or a number or quantity word ("tre", "alla",
  // "ingen") other than the articles "en" and "ett" and the vague "fler" and "flera".
  if (kind === 'count') return words.some((w) => ((/\d/.test(w) && !JUST_A_YEAR.test(w)) || COUNT_WORDS.test(fold(w))) && !asked(w));
  // A name asked for by post stands near that post ("IT-chef Anna Berg"), not just near the town.
  const anchor = context.anchor ?? asked;
  const anchors = words.map((w) => anchor(w) && (!demand.person || PERSON_POST.test(fold(w))));
  const near = (i: number): boolean => anywhere || anchors.some((o, j) => o && Math.abs(i - j) <= WHO_WINDOW);
  const body = (w: string): boolean => isBody(fold(w)) || isBody(fold(lastPart(w)));
  const capital = (w: string): boolean => CAPITALISED.test(w) && !body(w);
  // A compound is the question's own when its last part is: "IT-rådet" answers "var det IT-avdelningen?".
  // A body the question offers as a choice is an answer: "SLF eller förvaltningarna?".
  const own = words.map((w, i) => (demand.person ? anchors[i] : asked(w)) && asked(lastPart(w)) && !(body(w) && demand.offers?.includes(fold(w))));
  return words.some((word, i) => {
    if (own[i] || !near(i)) return false;
    const next = words[i + 1];
    // Two capitalised words are a name unless the documents write both in lower case ("Styrdokument Strategi"; "Per Lindqvist" is a name).
    const person = next !== undefined && !own[i + 1] && capital(word) && capital(next) && !(common(word) && common(next));
    // A company: "AB", or a capitalised word inside the sentence that the documents never write in lower case.
    if (demand.organisation) return word === 'AB' || (i > 0 && capital(word) && !common(word)) || Boolean(apposed?.has(word));
    // The agent of a passive: "drevs inledningsvis av Intraservice"; not a part of a whole ("en av Sveriges …").
    // Also by its initials: "de av SDLG beslutade prioriteringarna".
    if (!demand.person && i > 1 && words[i - 1] === 'av' && !PARTITIVE.test(fold(words[i - 2]!)) && (capital(word) || INITIALS.test(word)) && !common(word)) return true;
    return person || (!demand.person && (body(word) || namesCouncil(words, i)));
  });
}

/**
 * A product noun in its definite form, then the product's name, on one line of a sentence as
 * written: "systemet IST", "Systemet IST", "verktyget Pios", "e-tjänsten Mina sidor".
 */
const NAMING_NOUNS = ['systemet', 'verktyget', 'plattformen', 'programmet', 'programvaran', 'tjänsten', 'appen', 'lösningen', 'standarden', 'ramavtalet', 'arkivet'];
const APPOSITION = new RegExp(`(?<!\\p{L})(?:${NAMING_NOUNS.map((n) => `[${n[0]!.toUpperCase()}${n[0]}]${n.slice(1)}`).join('|')})[^\\S\\n]+(\\p{Lu}[\\p{L}\\d-]*)`, 'gu');

/** The names a sentence gives right after a product noun ("IST" in "systemet IST"). */
function namesByApposition(sentence: string): Set<string> {
  return new Set([...sentence.matchAll(APPOSITION)].map((m) => m[1]!));
}

/**
 * Whether a word looks like a name: capitalised ("Got", "Familjebostäder"; not "GIS" or
 * "IT-systemet") and never written in lower case (`common`).
 */
export function looksLikeName(word: string, common: (word: string) => boolean): boolean {
  return CAPITALISED.test(word) && !common(word);
}

/**
 * Whether a heading names a company ("Got Event AB", "Familjebostäder"): a name (looksLikeName)
 * that is no body; `common` also excludes what else is no answer (a town, the question's own).
 */
export function namesCompany(heading: string, common: (word: string) => boolean): boolean {
  return surfaceWords(heading).some((w) => looksLikeName(w, common) && !isBody(fold(lastPart(w))));
}

/** "Bolaget", "företagets", "leverantören": one company named before (not "bolagen", not "konsulten"). */
const COMPANY_REFERENCE = /^(foretaget|bolaget|leverantoren|firman)s?$/;

/** Whether a sentence refers to a company by its noun in the definite form ("bolaget har upphandlat …"). */
export function refersToCompany(sentence: string): boolean {
  return surfaceWords(sentence).some((w) => COMPANY_REFERENCE.test(fold(w)));
}

/**
 * How many items of an enumeration name a body by name ("Samhällsbyggnadskontoret, Tekniska
 * förvaltningen och Miljöskyddskontoret" is three): a body word capitalised, or after a
 * capitalised word. The sentence's first word is capitalised anyway: it names a body only as a
 * compound ("Kommunstyrelsen", not "Nämnderna"), and does not make the next word a name ("Alla
 * nämnder"). One item with two bodies in it is one.
 */
export function namedBodies(sentence: string): number {
  const items = sentence.split(/,|;|\s(?:och|samt)\s/);
  return items.filter((item, k) => {
    const words = surfaceWords(item);
    const opens = (i: number): boolean => k === 0 && i === 0;
    const capital = (i: number): boolean => /^\p{Lu}/u.test(words[i] ?? '');
    return words.some((w, i) => {
      const body = fold(lastPart(w));
      if (!isBody(body)) return false;
      if (capital(i)) return !opens(i) || !BARE_BODY.test(body);
      return i > 0 && capital(i - 1) && !opens(i - 1);
    });
  }).length;
}

/**
 * How many bodies or people a sentence names: "Samhällsbyggnadskontoret, Tekniska
 * förvaltningen och Miljöskyddskontoret" names three bodies, "Nina Möller, Lina Tjernberg"
 * two people.
 */
export function namedItems(sentence: string, listed: 'body' | 'person', common: (word: string) => boolean = () => false): number {
  if (listed === 'body') return new Set(surfaceWords(sentence).filter((w) => isBody(fold(lastPart(w))) || w === 'AB').map((w) => fold(w))).size;
  const capital = (w: string | undefined): w is string => w !== undefined && CAPITALISED.test(w) && !isBody(fold(lastPart(w)));
  // One name per item of the enumeration: "Nina Möller, Lina Tjernberg" is two.
  return sentence.split(/,|;|\s(?:och|samt)\s/).filter((item) => {
    const words = surfaceWords(item);
    return words.some((w, i) => capital(w) && capital(words[i + 1]) && !(common(w) && common(words[i + 1] ?? '')));
  }).length;
}
