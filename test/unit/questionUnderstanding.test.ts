import { beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../src/knowledge/text/fold.js';
import { answersWithFact, asksParty, asksSignature, asksVote, statesVote, COMPANY_NOUN, containsFactFor, factDemand, furtherFacts, looksLikeName, mainQuestion, namedBodies, namedItems, namesCompany, namesParty, questionKind, refersToCompany, statesFrequency, statesReference } from '../../src/knowledge/text/questionKind.js';
import { asksDefinition, normalizeColloquial, questionIntent, synonymsOf } from '../../src/knowledge/text/lexicon.js';
import { SYNONYM_GROUPS } from '../../src/knowledge/text/synonyms.js';
import { spelledTokens, tokenize } from '../../src/knowledge/text/tokenize.js';
import { actionNouns, Analyzer, isContentToken, stem } from '../../src/knowledge/analyzer.js';
import { loadSwedishSpeller, type Speller } from '../../src/knowledge/text/speller.js';
import { answers, fitAbstention, type AbstentionFeatures, type LabelledFeatures } from '../../src/knowledge/abstention.js';
import { holdsAnswer } from '../../src/cli/qaFitting.js';
import { shownAmongThree, sourceHoldsAnswer } from '../../src/cli/evalQa.js';
import type { Source } from '../../src/knowledge/answerer.js';

describe('question kind', () => {
  it('reads the kind from the question word, with or without å/ä/ö', () => {
    expect(questionKind('Vem ansvarar för planen?')).toBe('who');
    expect(questionKind('Vad heter den som leder digitaliseringsrådet?')).toBe('who');
    expect(questionKind('nar antogs strategin')).toBe('when');
    // "När" before its subject opens the clause that the question follows.
    expect(questionKind('när verksamheterna räknar kostnad för projekten, tar de med egen arbetstid?')).not.toBe('when');
    expect(questionKind('när antogs strategin, och av vem?')).toBe('when');
    expect(questionKind('när kf antog strategin?')).toBe('when');
    // "När det gäller" is "as for"; "när mer av … läggs ut," opens a clause ("mer" is no verb).
    expect(questionKind('När det gäller IT-tjänsterna vill jag förstå vem som driver på. Vilka förvaltningar lägger förslag?')).not.toBe('when');
    expect(questionKind('När mer av informationen läggs ut digitalt, hur vill nämnden skydda den?')).toBe('how');
    // A number as the topic is not asked for: "ett mål om antal e-tjänster", "vi mäter i antal".
    expect(questionKind('vi mäter e-tjänster i antal hos oss.. hur tycker förvaltningarna man ska se om en etjänst e bra?')).toBe('how');
    expect(questionKind('antal e-tjänster per år?')).toBe('count');
    expect(questionKind('När exakt beslutades planen, och vem tog beslutet?')).toBe('when');
    // A fragment without a question word that names a date asks when, for a day if "exakt".
    expect(questionKind('exakt datum för workshopen i Borås?')).toBe('when');
    expect(factDemand('exakt datum för workshopen i Borås?', 'when').day).toBe(true);
    expect(questionKind('Borås strategi, workshopen?')).toBe('other');
    expect(questionKind('Hur många insatser är klara?')).toBe('count');
    expect(questionKind('Hur mycket kostade systemet?')).toBe('amount');
    expect(questionKind('Hur mycket har nämnden budgeterat för det?')).toBe('amount');
    expect(questionKind('Hur mycket tid tar det?')).toBe('count');
    expect(questionKind('Hur många kronor fick nämnden?')).toBe('amount');
    expect(questionKind('hur manga miljoner satsar kommunen')).toBe('amount');
    expect(questionKind('hur stort bidrag fick bolaget?')).toBe('amount');
    expect(questionKind('Hur stort anslag har nämnden?')).toBe('amount');
    // A compound ending in a word for money is money too: "friskvårdsbidrag", "lönekostnaden", "driftbudgeten".
    expect(questionKind('hur mycket friskvårdsbidrag får vi anställda?')).toBe('amount');
    expect(questionKind('Hur stor var lönekostnaden för projektet?')).toBe('amount');
    expect(questionKind('hur mycket är driftbudgeten?')).toBe('amount');
    // "vad var budgeten": the money itself; money asked for later turns a what-question into one for an amount.
    expect(questionKind('vad var budgeten för strategin?')).toBe('amount');
    expect(questionKind('vad landade upphandlingen på i kronor?')).toBe('amount');
    expect(questionKind('vad säger planen om budgeten?')).toBe('what');
    expect(questionKind('vad är kostnaderna kopplade till?')).toBe('what');
    expect(questionKind('vad är en driftbudget?')).toBe('what');
    expect(questionKind('vad är det budgeten ska täcka?')).toBe('what');
    // Money asked for in other words: a budget, spending, charging, "i kronor".
    expect(questionKind('vilken budget har timrå satt av för insatserna?')).toBe('amount');
    expect(questionKind('Hur mycket debiterar Intraservice nämnderna per år?')).toBe('amount');
    expect(questionKind('kostnaden för systemen i kronor?')).toBe('amount');
    expect(questionKind('hur mycket tid lägger de på uppföljning?')).toBe('count');
    expect(questionKind('hur stort är intresset?')).toBe('count');
    expect(questionKind('Hur många investeringar gjordes?')).toBe('count');
    expect(questionKind('Varför görs planen om?')).toBe('why');
    expect(questionKind('Vilka målområden finns?')).toBe('list');
    expect(questionKind('vilka år gäller agendan?')).toBe('when');
    expect(questionKind('vilka är målen?')).toBe('list');
    expect(questionKind('Vad är Pios?')).toBe('what');
    expect(questionKind('Hur följs planen upp?')).toBe('how');
    expect(questionKind('Finns det en handlingsplan?')).toBe('yesno');
    expect(questionKind('digitaliseringsplanen')).toBe('other');
  });

  it('counts a question word that asks, not one that opens a clause inside the question', () => {
    expect(questionKind('Räknar man med egen tid när kostnaden tas fram?')).toBe('other');
    expect(questionKind('Kan du säga när planen antogs?')).toBe('when');
    expect(questionKind('e-strategin, antagen när?')).toBe('when');
    expect(questionKind('Fastighetssystemet, när är det igång?')).toBe('when');
    expect(questionKind('ungefär hur många projekt pågår')).toBe('count');
    expect(questionKind('för vilken period gäller färdplanen')).toBe('when');
    // "När" or "om" opening a clause before the question: the question after the comma decides.
    expect(questionKind('När man köper datorer, vad ska man tänka på?')).toBe('what');
    expect(mainQuestion('om timrå inte tar fram en strategi, hur ska dom jobba då?')).toBe('hur ska dom jobba då?');
    expect(questionIntent('När man köper datorer, vad ska man tänka på?', 3)).not.toBe('when');
    // A verb right after "när" makes it the question: "när stod den klar".
    expect(questionKind('när antogs planen, och vad kostade den?')).toBe('when');
    expect(questionKind('när stod den klar, och vem ledde arbetet?')).toBe('when');
    expect(questionKind('när gav kommunen ut planen, och vad kostade den?')).toBe('when');
    // No verb after "när" and a question word after the comma: the question follows the comma.
    expect(questionKind('när infosäk och jurister bromsar projekten, vad säger slutsatsen?')).toBe('what');
    expect(questionKind('när antogs planen, vad kostade den?')).toBe('when');
    // After a particle "när" asks before its verb, and opens a clause before a subject.
    expect(questionKind('fram till när gäller planen?')).toBe('when');
    expect(questionKind('till när antogs den?')).toBe('when');
    expect(questionKind('finns det någon som hjälper till när skolans datorer strular?')).toBe('yesno');
  });

  it('the earliest question word decides', () => {
    expect(questionKind('Vad hände och varför?')).toBe('what');
    expect(questionKind('Varför och när ändrades planen?')).toBe('why');
  });

  it('tells whether a passage holds the kind of fact asked for', () => {
    expect(containsFactFor('when', 'Planen antogs i mars.')).toBe(true);
    expect(containsFactFor('when', 'Planen antogs 2021.')).toBe(true);
    expect(containsFactFor('when', 'Planen antogs av nämnden.')).toBe(false);
    expect(containsFactFor('amount', 'Projektet kostade 3 miljoner kronor.')).toBe(true);
    expect(containsFactFor('amount', 'Projektet hade 12 deltagare.')).toBe(false);
    // A share is not what something cost.
    expect(containsFactFor('amount', 'År 2020 bör 90 % av alla hushåll ha tillgång till bredband.')).toBe(false);
    expect(containsFactFor('count', 'Tolv av sjutton insatser är klara.')).toBe(true);
    expect(containsFactFor('count', 'Insatserna följs upp.')).toBe(false);
    expect(containsFactFor('who', 'Planen har tagits fram av Stadsledningskontoret.')).toBe(true);
    expect(containsFactFor('who', 'planen har tagits fram i samverkan.')).toBe(false);
    expect(containsFactFor('why', 'vad som helst')).toBe(true);
  });
});

describe('questions that ask what something is', () => {
  it('reads "vad betyder", "definierar" and "def" anywhere, but not a "vad är" after a comma', () => {
    for (const q of ['vad menar mölndal med e-förvaltning', 'Hur definierar Mölndals agenda en modern e-förvaltning?', 'mölndal: vad menar dom egentligen med e-förvaltning, finns det en def?', 'mölndal pratar om modern digital förvaltning, vad betyder det ens', 'Vad avses med e-förvaltning?']) {
      expect(asksDefinition(q), q).toBe(true);
    }
    expect(asksDefinition('kan du definiera e-förvaltning enligt Mölndal?')).toBe(true);
    for (const q of ['Timrås färdplan, vad är nästa steg?', 'hur många e-tjänster har Alingsås?', 'vad har Borås bestämt om defibrillatorer?', 'e-arkiv i Alingsås, vad innebär införandet för skolorna?']) {
      expect(asksDefinition(q), q).toBe(false);
    }
  });
});

describe('colloquial Swedish', () => {
  it('maps chat forms and abbreviations to standard Swedish, keeping the rest', () => {
    expect(normalizeColloquial('vad säger dom i stan om nåt nytt, typ mkt?')).toBe('vad säger de i staden om något nytt, typ mycket?');
    expect(normalizeColloquial('Beslutade KF om 3 mkr?')).toBe('Beslutade kommunfullmäktige om 3 miljoner kronor?');
    // "nat" without å may be "nät": left alone.
    expect(normalizeColloquial('nat')).toBe('nat');
    expect(normalizeColloquial('från när gäller GDPR?')).toBe('från när gäller dataskyddsförordningen?');
    expect(normalizeColloquial('vad tycker IFO-nämnden och tekniska förv?')).toBe('vad tycker individ- och familjeomsorg-nämnden och tekniska förvaltning?');
    // Chat's "e" is "är", but the e of "e-arkiv" stays.
    expect(normalizeColloquial('när e go-live för e-arkivet?')).toBe('när är go-live för e-arkivet?');
    expect(normalizeColloquial('digistrategi och digi-workshopen, inte digitisering')).toBe('digitalstrategi och digitalisering-workshopen, inte digitisering');
    // A name's genitive: "stans", "gbgs"; not a word that only ends like one ("bas" is not "baras").
    expect(normalizeColloquial('stans plan och gbgs mål')).toBe('stadens plan och göteborgs mål');
    expect(normalizeColloquial('bas')).toBe('bas');
    // A clipped word closes a compound too: "vuxenutb", "äldreförvaltn"; "Göteborg" ends in no clipped word.
    expect(normalizeColloquial('gymnasie- o vuxenutb-nämnden och äldreförvaltn i Göteborg')).toBe('gymnasie- o vuxenutbildning-nämnden och äldreförvaltning i Göteborg');
    expect(normalizeColloquial('förvaltn, it-avd')).toBe('förvaltning, it-avdelning');
    expect(normalizeColloquial('elevadmin och admin')).toBe('elevadministration och administration');
    expect(normalizeColloquial('var är han begravd?')).toBe('var är han begravd?');
    // Chat's "-grej" makes a thing of a word: the word is what is asked about.
    expect(normalizeColloquial('vad e det för kameragrej, och de mindre utvecklingsgrejerna?')).toBe('vad är det för kamera, och de mindre utveckling?');
    expect(normalizeColloquial('den där grejen')).toBe('den där grejen');
    expect(normalizeColloquial('effektivitet vs innovation elr vp fr.o.m. 2022, t o m 2024')).toBe('effektivitet mot innovation eller verksamhetsplan från och med 2022, till och med 2024');
    expect(normalizeColloquial('from och tom')).toBe('from och tom');
  });
});

describe('facts asked in a later clause', () => {
  it('finds a fact question after a sign or "och", one kind per place, and not a "när" clause', () => {
    expect(furtherFacts('vad heter appen, och hur många har laddat ner den?')).toEqual([{ kind: 'count', clause: 'hur många har laddat ner den?' }]);
    expect(furtherFacts('vad gör rådet – vem är ordförande?')).toEqual([{ kind: 'who', clause: 'vem är ordförande?' }]);
    expect(furtherFacts('vad står det om e-arkivet o när blir det klart?')).toEqual([{ kind: 'when', clause: 'när blir det klart?' }]);
    expect(furtherFacts('Vad är IT-rådet. Vem leder det?')).toEqual([{ kind: 'who', clause: 'Vem leder det?' }]);
    // "hur mycket kostade" asks for an amount, not also for a count.
    expect(furtherFacts('vad står det om e-arkivet, och hur mycket kostade det?')).toEqual([{ kind: 'amount', clause: 'hur mycket kostade det?' }]);
    // The question's own question word is no further one, nor is a question word inside a clause.
    expect(furtherFacts('hur många e-tjänster finns det?')).toEqual([]);
    expect(furtherFacts('e-arkivet, hur mycket kostade det?')).toEqual([]);
    expect(furtherFacts('vad säger planen om vem som ansvarar?')).toEqual([]);
    // "när" before its subject opens a clause; before its verb it asks.
    expect(furtherFacts('hur följs insatserna upp, när det kopplas ihop med budgeten?')).toEqual([]);
    expect(furtherFacts('hur följs insatserna upp, när kommunen tar fram budgeten?')).toEqual([]);
    expect(furtherFacts('vad gäller, och när antogs den?')).toEqual([{ kind: 'when', clause: 'när antogs den?' }]);
    expect(furtherFacts('vad beslutade KF om strategin, dvs vilket datum?')).toEqual([{ kind: 'when', clause: 'vilket datum?' }]);
    expect(furtherFacts('vad beslutade KF om strategin dvs vilket datum?')).toEqual([{ kind: 'when', clause: 'vilket datum?' }]);
  });
});

describe('synonyms', () => {
  it('matches an everyday word with the documents\' word, in any inflection, and only with near-synonyms', () => {
    expect(synonymsOf('tycker', stem)).toEqual(expect.arrayContaining(['anse', 'mena']));
    expect(synonymsOf('avdelningen', stem)).toContain('enhet');
    expect(synonymsOf('politikerna', stem)).toContain('fortroendevald');
    expect(synonymsOf('skola', stem)).toEqual([]);
  });

  it('meets a group word with å/ä/ö in a word typed without them, unless that is a word as typed', () => {
    const asTyped = (w: string): boolean => ['svaret', 'svar'].includes(w);
    // "svara" typed for "svåra" (difficult) is not a word as typed here: it meets "svår".
    expect(synonymsOf('svara', stem, asTyped, 'svara')).toContain('problem');
    expect(synonymsOf('svara', stem, asTyped, 'svåra')).toContain('problem');
    // "svaret" is an answer.
    expect(synonymsOf('svaret', stem, asTyped, 'svaret')).not.toContain('problem');
  });

  it('takes a noun of a doer for that noun, and its verb for the verb, though they share a stem', () => {
    // "brukare" and "bruka" have one stem; the users of elderly care are no "nyttja".
    for (const form of ['brukare', 'brukaren', 'brukarna']) {
      expect(synonymsOf(form, stem)).toContain('vardtagare');
      expect(synonymsOf(form, stem)).not.toContain('nyttja');
    }
    expect(synonymsOf('bruka', stem)).toContain('nyttja');
    expect(synonymsOf('brukar', stem)).toContain('nyttja');
    expect(synonymsOf('brukar', stem)).not.toContain('vardtagare');
    // Other words keep every group of their stem, noun and verb alike: "beslutet" meets "fastställa".
    expect(synonymsOf('beslutet', stem)).toEqual(expect.arrayContaining(['faststalla', 'avgorande']));
  });

  it('joins every group a word is in, without the word itself', () => {
    // "starta" stands both with "lansera" and with "inrätta".
    const starta = synonymsOf('starta', stem);
    expect(starta).toEqual(expect.arrayContaining(['lansera', 'inratta']));
    expect(starta).not.toContain('starta');
    expect(new Set(starta).size).toBe(starta.length);
  });

  it('holds base forms of single words only: a hyphen or a space would never match one index term', () => {
    for (const group of SYNONYM_GROUPS) {
      expect(group.length, group.join(' ')).toBeGreaterThan(1);
      for (const word of group) expect(word, word).toMatch(/^[a-zåäöé]+$/);
    }
  });
});

describe('stop words', () => {
  it('looks a word up as spelt, so "år" and "beslut" carry topic though "är" does not', () => {
    const content = (text: string): string[] => spelledTokens(text).filter((t) => isContentToken(t.token, t.surface)).map((t) => t.surface);
    expect(content('Hur många år har beslutet gällt?')).toEqual(['år', 'beslutet']);
    expect(content('Vilka är målen?')).toEqual(['målen']);
    expect(content('vilka ar malen')).toEqual(['malen']);
    expect(content('när kom arenan igång?')).toEqual(['arenan']);
    expect(content('vad utgår planen ifrån?')).toEqual(['utgår', 'planen']);
  });
});

describe('a sentence with the fact asked for', () => {
  const asked = (words: string[]) => (word: string): boolean => words.some((w) => stem(fold(w)) === stem(fold(word)));

  it('takes "KS" and "KF" for the councils they stand for, but not for a company', () => {
    const to = { asked: asked(['skicka', 'beslut']), demand: factDemand('vem ska beslutet skickas till?', 'who') };
    expect(answersWithFact('who', 'Beslutet ska skickas till KS', to)).toBe(true);
    expect(answersWithFact('who', 'Beslutet ska skickas till oss', to)).toBe(false);
    // Not in a case number, nor written in lower case (a unit), nor as a part of a word.
    expect(answersWithFact('who', 'Beslutet skickas enligt dnr KS 2019-00374.', to)).toBe(false);
    expect(answersWithFact('who', 'Beslutet skickas i kf per kubikmeter.', to)).toBe(false);
    expect(containsFactFor('who', 'Beslutet ska skickas till KS-kansliet')).toBe(answersWithFact('who', 'Beslutet ska skickas till KS-kansliet', to));
    const supplier = factDemand('vilken leverantör har kommunen valt?', 'who');
    expect(supplier.organisation).toBe('company');
    expect(answersWithFact('who', 'enligt beslut Dnr KS 2019-00374 om beslutsstöd', { asked: asked(['leverantör', 'valt']), demand: supplier })).toBe(false);
  });

  it('counts the bodies a sentence names, not bodies named by common nouns', () => {
    expect(namedBodies('Remissvar från Samhällsbyggnadskontoret, Tekniska förvaltningen och Miljöskyddskontoret')).toBe(3);
    expect(namedBodies('Samhällsbyggnadskontoret, Tekniska förvaltningen och Miljöskyddskontoret anser')).toBe(3);
    expect(namedBodies('Uppdraget gick till styrelse och nämnder att ta fram en strategi')).toBe(0);
    // The first word is capitalised anyway: "Alla nämnder" names none, "Nämnderna" neither; two bodies in one item are one.
    expect(namedBodies('Alla nämnder och Kommunstyrelsen ska delta')).toBe(1);
    expect(namedBodies('Nämnderna och styrelserna ska delta')).toBe(0);
    expect(namedBodies('På utbildningsförvaltningen finns en grupp där IT-avdelningen värderar behov och tjänster')).toBe(1);
  });

  it('takes a state agency and the government for bodies: "Skolverket", "regeringen"', () => {
    const made = { asked: asked(['tagit', 'fram', 'strategin']), demand: factDemand('vem har tagit fram strategin?', 'who') };
    expect(answersWithFact('who', 'strategin som Skolverket tagit fram', made)).toBe(true);
    expect(answersWithFact('who', 'strategin som tagits fram på uppdrag av regeringen', made)).toBe(true);
    expect(answersWithFact('who', 'strategin som tagits fram på uppdrag', made)).toBe(false);
    // Not any word in -verket: "ramverket" is no agency.
    expect(answersWithFact('who', 'strategin som ramverket har tagit fram', made)).toBe(false);
  });

  it('takes a name in capitals after "systemet" for a product asked for: "systemet IST", not "IT" alone', () => {
    const demand = factDemand('vilket system används för elevadministration?', 'who');
    expect(demand.organisation).toBe('product');
    const context = { asked: asked(['system', 'används', 'elevadministration']), demand };
    expect(answersWithFact('who', 'Till detta kommer systemet IST som omhändertar elevadministration, betygsregistrering, m.m.', context)).toBe(true);
    expect(answersWithFact('who', 'Till detta kommer ett IT-system som omhändertar elevadministration.', context)).toBe(false);
    // Also when the noun opens the sentence; not across a line break or into the next sentence.
    expect(answersWithFact('who', 'Systemet IST omhändertar elevadministration.', context)).toBe(true);
    const common = (w: string): boolean => ['det', 'den'].includes(w.toLowerCase());
    expect(answersWithFact('who', 'elevadministrationen sköts i systemet\nDet är bra.', { ...context, common })).toBe(false);
    expect(answersWithFact('who', 'elevadministrationen sköts i systemet. Den är ny.', { ...context, common })).toBe(false);
    // Only a product question: "vilken förvaltning" is no question for a system's name.
    expect(answersWithFact('who', 'Till detta kommer systemet IST som omhändertar elevadministration.', { asked: context.asked, demand: factDemand('vilken förvaltning sköter elevadministration?', 'who') })).toBe(false);
  });

  it('names someone the question does not name itself', () => {
    expect(answersWithFact('who', 'Datum: 2018-04-16 Handläggare: Maria Jacobsson', { asked: asked(['handläggare', 'alingsås']) })).toBe(true);
    expect(answersWithFact('who', 'Arbetet har samordnats av kommunstyrelsen.', { asked: asked(['samordnar', 'timrå']) })).toBe(true);
    expect(answersWithFact('who', 'Mölndals Stad har en IT-chef.', { asked: asked(['mölndals', 'stad', 'it-chef', 'chef']) })).toBe(false);
    // "området" is not "rådet", "målgruppen" is not a group that decides.
    expect(answersWithFact('who', 'Handläggaren arbetar inom området för målgruppen.', { asked: asked(['handläggaren']) })).toBe(false);
    expect(answersWithFact('who', 'Handläggaren rapporterar till miljöskyddskontoret.', { asked: asked(['handläggaren']) })).toBe(true);
    // Far from every word of the question, a body is not the one asked for.
    const far = 'Handläggaren skrev ett långt remissvar om målbilden som sedan skickades vidare till kommunstyrelsen.';
    expect(answersWithFact('who', far, { asked: asked(['handläggaren']) })).toBe(false);
    expect(answersWithFact('who', far, { asked: asked(['handläggaren']), anywhere: true })).toBe(true);
  });

  it('answers "vilket företag" only with a company, not with a body', () => {
    const q = 'Vilket företag levererar det nya fastighetssystemet?';
    expect(questionKind(q)).toBe('who');
    const demand = factDemand(q, 'who');
    expect(demand.organisation).toBe('company');
    expect(factDemand('Vilket system använder de?', 'who').organisation).toBe('product');
    expect(factDemand('vilken konsultfirma gjorde den?', questionKind('vilken konsultfirma gjorde den?')).organisation).toBe('company');
    expect(factDemand('Vilka leverantörer finns?', questionKind('Vilka leverantörer finns?')).organisation).toBeUndefined();
    const context = { asked: asked(['fastighetssystemet', 'levererar']), demand };
    expect(answersWithFact('who', 'Stadsfastighetsförvaltningen har upphandlat ett nytt fastighetssystem.', context)).toBe(false);
    expect(answersWithFact('who', 'Det nya fastighetssystemet levereras av Fastighetsdata AB.', context)).toBe(true);
    expect(answersWithFact('who', 'Det nya fastighetssystemet levereras av Vitec.', context)).toBe(true);
    // A word the documents write in lower case is no company's name, even capitalised.
    expect(answersWithFact('who', 'Det nya fastighetssystemet levereras av Leverantören.', { ...context, common: (w) => fold(w) === 'leverantoren' })).toBe(false);
  });

  it('tells a heading that names a company, and a sentence that refers to one', () => {
    const common = (w: string): boolean => ['prioritering', 'vardering', 'kompetensutveckling', 'tekniska'].includes(fold(w));
    for (const h of ['Got Event AB', 'Göteborg Energi AB', 'Familjebostäder']) expect(namesCompany(h, common), h).toBe(true);
    for (const h of ['Prioritering och värdering', 'Kompetensutveckling', 'Tekniska nämnden']) expect(namesCompany(h, common), h).toBe(false);
    // The question's own company is excluded like a common word: "Got Events biljettsystem".
    expect(namesCompany('Got Event AB', (w) => ['got', 'event'].includes(fold(w)))).toBe(false);
    expect(refersToCompany('Vidare har bolaget upphandlat ett nytt biljettsystem.')).toBe(true);
    expect(refersToCompany('Leverantören ansvarar för driften.')).toBe(true);
    expect(refersToCompany('Ett digitalt museum finns på bolagets webbplats.')).toBe(true);
    expect(refersToCompany('Bolagsordningen ändrades och flera bolag fick nya uppdrag.')).toBe(false);
    // Several companies, or a person, is no reference to the one in the heading.
    expect(refersToCompany('Nämnderna och bolagen ställer sig positiva.')).toBe(false);
    expect(refersToCompany('Konsulten tog fram underlaget.')).toBe(false);
    // A name is capitalised and never written in lower case; an acronym or "IT-systemet" is not one.
    const never = (): boolean => false;
    expect(['Got', 'Familjebostäder'].map((w) => looksLikeName(w, never))).toEqual([true, true]);
    expect(['GIS', 'IT-systemet', 'bolaget'].map((w) => looksLikeName(w, never))).toEqual([false, false, false]);
  });

  it('knows the nouns that ask for a company, also inflected and in compounds', () => {
    for (const w of ['foretag', 'konsultforetaget', 'leverantorerna', 'bolag', 'firman']) expect(COMPANY_NOUN.test(w), w).toBe(true);
    for (const w of ['konsultation', 'leverantorsreskontra', 'bolagsordning']) expect(COMPANY_NOUN.test(w), w).toBe(false);
  });

  it('takes a company only near what the question is about, not near "bolag" or the town', () => {
    const demand = factDemand('Vilket bolag i Göteborg levererar biljettsystemet?', 'who');
    const own = asked(['bolag', 'göteborg', 'levererar', 'biljettsystemet']);
    const topic = (w: string): boolean => own(w) && !['bolag', 'goteborg'].includes(stem(fold(w)));
    const sentence = 'Bolaget Göteborg Energi AB har bytt affärssystem.';
    expect(answersWithFact('who', sentence, { asked: own, demand })).toBe(true);
    expect(answersWithFact('who', sentence, { asked: own, demand, anchor: topic })).toBe(false);
    expect(answersWithFact('who', 'Biljettsystemet levereras av Biljettdata AB.', { asked: own, demand, anchor: topic })).toBe(true);
    // The question's own words are still no answer: "Göteborg" is not the company asked for.
    expect(answersWithFact('who', 'Biljettsystemet i Göteborg är nytt.', { asked: own, demand, anchor: topic })).toBe(false);
  });

  it('does not take the question’s own year for the date asked for', () => {
    expect(answersWithFact('when', 'Digital strategi 2020 föreslås avslås.', { asked: asked(['strategi', '2020']) })).toBe(false);
    expect(answersWithFact('when', 'Strategin antogs 2019-11-25.', { asked: asked(['strategi', '2020']) })).toBe(true);
    // A time told by another event answers "när": "samtidigt som den nya styrmodellen infördes".
    expect(answersWithFact('when', 'Ungefär samtidigt som den nya styrmodellen infördes genomfördes en omorganisation.', { asked: asked(['omorganisation', 'styrmodell']) })).toBe(true);
    expect(answersWithFact('when', 'Samtidigt är det viktigt att följa upp omorganisationen.', { asked: asked(['omorganisation']) })).toBe(false);
  });

  it('counts with a number that is not a year, or a number word other than an article', () => {
    expect(answersWithFact('count', 'Under 2020 infördes en e-tjänst.', { asked: asked([]) })).toBe(false);
    expect(answersWithFact('count', 'Det finns 17 e-tjänster.', { asked: asked([]) })).toBe(true);
    expect(answersWithFact('count', 'Tre förvaltningar deltog.', { asked: asked([]) })).toBe(true);
  });

  it('does not count with a paragraph, the day of a date or "fler"', () => {
    const adopted = 'Kommunfullmäktige antog den 25 november 2015, § 180, e-strategi för Alingsås kommun.';
    expect(answersWithFact('count', adopted, { asked: asked([]) })).toBe(false);
    expect(answersWithFact('count', 'Handlingsplanen anger fler e-tjänster som aktiviteter.', { asked: asked([]) })).toBe(false);
    expect(answersWithFact('count', 'Totalt är ca 20 projekt pågående.', { asked: asked([]) })).toBe(true);
  });

  it('finds a paragraph or a case number, not a year or a period', () => {
    expect(statesReference('paragraph', 'Kommunfullmäktige antog den 25 november 2015, § 180, e-strategi för Alingsås kommun.')).toBe(true);
    expect(statesReference('paragraph', 'Kommunfullmäktige antog e-strategin 2015.')).toBe(false);
    expect(statesReference('case', 'utifrån KS beslut (Dnr KS 2019-00374 1.2.2.0 Skrivelse införa beslutsstödsystem)')).toBe(true);
    expect(statesReference('case', 'Diariennr: 2018.018 MN')).toBe(true);
    expect(statesReference('case', 'Agendan ska gälla under åren 2017-2019 och antogs 2012-12-12.')).toBe(false);
    expect(statesReference('case', 'Ärendet diarieförs hos kommunstyrelsen.')).toBe(false);
    expect(statesReference('case', 'Ärendenummer SLK-2025-00108')).toBe(true);
    // A school or budget year is no case number, nor the register's word without a number.
    expect(statesReference('case', 'Sedan 2022/2023 har förvaltningen bytt system.')).toBe(false);
    expect(statesReference('case', 'Ange diarienummer när du skriver till oss.')).toBe(false);
  });

  it('reads "hur ofta" as asking for a frequency, and "vad betalade" as asking for an amount', () => {
    expect(questionKind('hur ofta ska handlingsplanen följas upp?')).toBe('when');
    expect(factDemand('hur ofta ska handlingsplanen följas upp?', 'when').frequency).toBe(true);
    expect(factDemand('när ska handlingsplanen följas upp?', 'when').frequency).toBeUndefined();
    expect(statesFrequency('Handlingsplanen följs upp årligen av nämnden.')).toBe(true);
    expect(statesFrequency('Uppföljningen görs två gånger per år.')).toBe(true);
    expect(statesFrequency('Förvaltningen arbetar löpande med att följa upp nyttorna.')).toBe(true);
    // A year is no frequency, nor is "år" alone.
    expect(statesFrequency('Handlingsplanen följdes upp 2019.')).toBe(false);
    expect(statesFrequency('Under året följdes planen upp.')).toBe(false);
    expect(statesFrequency('En årlig uppföljning görs av nämnden.')).toBe(true);
    for (const sentence of ['Arbetet ska vara klart i år.', 'Vi har i vecka 12 börjat testa.', 'Det var en gång i tiden en plan.', 'Kostnaden blev två gånger högre.', 'Kommunen har löpande kostnader för drift.', 'Ärligt talat är det svårt.']) {
      expect(statesFrequency(sentence), sentence).toBe(false);
    }
    const when = { asked: asked(['handlingsplanen', 'följas']) };
    expect(answersWithFact('when', 'Handlingsplanen följs upp 2019.', { ...when, demand: factDemand('hur ofta följs handlingsplanen upp?', 'when') })).toBe(false);
    expect(answersWithFact('when', 'Handlingsplanen följs upp varje kvartal.', { ...when, demand: factDemand('hur ofta följs handlingsplanen upp?', 'when') })).toBe(true);
    expect(questionKind('vad betalade staden för genomlysningen?')).toBe('amount');
    expect(questionKind('vad fick kommunen betala för systemet?')).toBe('amount');
    expect(questionKind('vad betyder genomlysningen?')).toBe('what');
    // Not across a clause, nor "betalar sig".
    expect(questionKind('vad fick projektet för resultat och kunde man betala?')).toBe('what');
    expect(questionKind('vad betalar sig bäst på sikt?')).toBe('what');
  });

  it('reads "vilket ramavtal", "vilken standard" and "vilket e-arkiv" as asking for one by name', () => {
    for (const q of ['vilket ramavtal avropar timrå från?', 'vilken standard för informationssäkerhet följer borås?', 'vilket e-arkiv har alingsås köpt?']) {
      expect(questionKind(q), q).toBe('who');
      expect(factDemand(q, 'who').organisation, q).toBe('product');
    }
    // An app or a solution is often described, not named ("en boendeapp").
    expect(questionKind('vilken app har got event lanserat?')).toBe('what');
    expect(questionKind('vilken lösning har familjebostäder?')).toBe('what');
  });

  it('takes the passive of an irregular verb as the verb ("drevs" as "driva"), and "slags" as no topic', () => {
    expect(stem(fold('drevs'))).toBe(stem(fold('drev')));
    expect(stem(fold('togs'))).toBe(stem(fold('ta')));
    expect(stem(fold('gjordes'))).toBe(stem(fold('göra')));
    // Not a form that is also another word with -s: "sätts" is "sätta", not "sitta" ("satt").
    expect(stem(fold('sätts'))).toBe(stem(fold('sätta')));
    expect(stem(fold('stöds'))).not.toBe(stem(fold('står')));
    expect(isContentToken('slags')).toBe(false);
    expect(isContentToken('nastan', 'nästan')).toBe(false);
    expect(isContentToken('sorts')).toBe(false);
  });

  it('answers "A eller B?" with one of the bodies the question offers', () => {
    const q = 'vem ansvarar för att anpassa organisationen, SLF eller förvaltningarna?';
    const sentence = 'Förvaltningarna ansvarar även för att anpassa den egna organisationen till nya förutsättningar.';
    const words = asked(['ansvarar', 'anpassa', 'organisationen', 'SLF', 'förvaltningarna']);
    expect(answersWithFact('who', sentence, { asked: words, demand: factDemand(q, 'who') })).toBe(true);
    expect(answersWithFact('who', sentence, { asked: words, demand: factDemand('vem ansvarar för att förvaltningarna anpassar organisationen?', 'who') })).toBe(false);
    // Only the offered choices: a body named elsewhere in the question stays the question's own.
    expect(answersWithFact('who', sentence, { asked: words, demand: factDemand('vem i förvaltningarna ansvarar, CDO eller IT-chefen?', 'who') })).toBe(false);
  });

  it('answers a who-question with the agent of a passive, "av" and a name', () => {
    const sentence = 'Dessa utvecklingsinsatser drevs inledningsvis av Intraservice, men togs över av förvaltningarna.';
    const words = asked(['utvecklingsinsatserna', 'drev', 'förvaltningarna']);
    expect(answersWithFact('who', sentence, { asked: words })).toBe(true);
    // A word the documents write in lower case is no name.
    expect(answersWithFact('who', sentence, { asked: words, common: (w) => fold(w) === 'intraservice' })).toBe(false);
    // "en av Sveriges största kommuner" is a part of a whole, not an agent.
    expect(answersWithFact('who', 'Utvecklingsinsatserna drevs i en av Sveriges största kommuner.', { asked: words })).toBe(false);
  });

  it('takes "hela" for no count', () => {
    expect(answersWithFact('count', 'Utbildningen riktades till anställda i hela staden.', { asked: asked([]) })).toBe(false);
  });

  it('answers "hur många år" with a period of years, and nothing else with one', () => {
    const period = 'I flerårsstrategi 2018-2020 fastslås att kommunen ska växla upp.';
    const years = factDemand('hur många år sträcker sig flerårsstrategin?', 'count');
    expect(years.span).toBe(true);
    expect(answersWithFact('count', period, { asked: asked(['flerårsstrategin']), demand: years })).toBe(true);
    expect(answersWithFact('count', 'Strategin antogs 2017 och gäller länge.', { asked: asked([]), demand: years })).toBe(false);
    // "är" folds to "ar" like "år": "hur många är med …" asks for no span.
    expect(factDemand('hur många är med i styrgruppen för flerårsstrategin?', 'count').span).toBeUndefined();
    const projects = factDemand('hur många projekt ingår i flerårsstrategin?', 'count');
    expect(projects.span).toBeUndefined();
    expect(answersWithFact('count', period, { asked: asked(['flerårsstrategin']), demand: projects })).toBe(false);
    // Periods counted, and "antal år" without "hur många".
    expect(factDemand('hur många verksamhetsperioder beskriver återrapporten?', 'count').span).toBe(true);
    expect(factDemand('färdplanen, antal år den täcker?', 'count').span).toBe(true);
  });

  it('answers "vilken månad" with a month or a date, not a year alone', () => {
    const month = factDemand('vilken månad ska behoven lyftas in i budgeten?', 'when');
    expect(month.month).toBe(true);
    expect(answersWithFact('when', 'Behoven lyfts in i budgeten i juni varje år.', { asked: asked(['behoven', 'budgeten']), demand: month })).toBe(true);
    expect(answersWithFact('when', 'Behoven lyfts in i budgeten från och med 2022.', { asked: asked(['behoven', 'budgeten']), demand: month })).toBe(false);
    // A quarter is no month.
    expect(answersWithFact('when', 'Behoven lyfts in i budgeten under andra kvartalet.', { asked: asked(['behoven', 'budgeten']), demand: month })).toBe(false);
    expect(factDemand('vilket år ska behoven lyftas in?', 'when').month).toBeUndefined();
  });

  it('answers "hur många dagar efter …" with a date, which the question asks to count from', () => {
    const elapsed = factDemand('hur många dagar efter sista svarsdagen är skrivelsen daterad?', 'count');
    expect(elapsed.elapsed).toBe(true);
    expect(elapsed.counted).toBeUndefined();
    expect(answersWithFact('count', 'Remissvar ska ha inkommit till kommunstyrelsen senast den 5 april 2018.', { asked: asked(['remissvar']), demand: elapsed })).toBe(true);
    expect(answersWithFact('count', 'Remissvar ska ha inkommit i god tid under 2018.', { asked: asked(['remissvar']), demand: elapsed })).toBe(false);
    expect(factDemand('hur många dagar gick det från beslutet till yttrandet?', 'count').elapsed).toBe(true);
    // A rule for days before something is no time between two dated events.
    expect(factDemand('hur många dagar innan sammanträdet måste kallelsen gå ut?', 'count').elapsed).toBeUndefined();
    expect(factDemand('hur många dagar tar handläggningen?', 'count').elapsed).toBeUndefined();
    expect(factDemand('hur många veckor tar det från ansökan till beslut?', 'count').elapsed).toBeUndefined();
    expect(factDemand('hur många dagar har nämnderna på sig att svara från det att remissen skickats?', 'count').elapsed).toBeUndefined();
  });
});

describe('what exactly a fact question asks for', () => {
  const demand = (q: string) => factDemand(q, questionKind(q));
  const asked = (words: string[]) => (word: string): boolean => tokenize(word).some((t) => words.some((w) => stem(w) === stem(t)));

  it('reads a post, a date, a share and the thing counted from the wording', () => {
    expect(demand('vem är IT-chef i Mölndal?').person).toBe(true);
    expect(demand('vad heter handläggaren?').person).toBe(true);
    expect(demand('vem är dataskyddsombud på Intraservice?').person).toBe(true);
    expect(demand('vem ansvarar för planen?').person).toBe(false);
    expect(demand('vilket datum antogs strategin?').day).toBe(true);
    expect(demand('när antogs strategin?').day).toBe(false);
    expect(demand('hur stor andel av hushållen har bredband?').share).toBe(true);
    expect(demand('hur många procent har gått utbildningen?').share).toBe(true);
    expect(demand('hur många e-tjänster har Timrå?').counted).toBe('e-tjanster');
    expect(demand('ungefär hur många av insatserna är klara?').counted).toBe('insatserna');
    expect(demand('hur många finns det?').counted).toBeUndefined();
    // A noun that counts anything names nothing the answer must name.
    expect(demand('hur många punkter tog synpunkterna upp?').counted).toBeUndefined();
    expect(demand('hur många färre verksamheter saknade projekt hösten 2024?').counted).toBe('verksamheter');
    // A participle before the noun is no noun; "hade" is a verb and counts nothing.
    expect(demand('hur många av de granskade förvaltningarna har använt Pios?').counted).toBe('forvaltningarna');
    expect(demand('hur många hade en egen plan?').counted).toBeUndefined();
    expect(demand('vem ansvarar för det, SLF eller förvaltningarna?').offers).toEqual(['slf', 'forvaltningarna']);
    expect(demand('vem ansvarar för det?').offers).toBeUndefined();
    expect(demand('vilken paragraf hade kf-beslutet?').reference).toBe('paragraph');
    expect(demand('alingsås e-strategin 2015, vilken kf-paragraf?').reference).toBe('paragraph');
    expect(demand('vilket dnr har ärendet?').reference).toBe('case');
    expect(demand('vilket diarienummer har yttrandet?').reference).toBe('case');
    expect(demand('vad säger paragrafens andra stycke om ansvar?').reference).toBeUndefined();
    expect(demand('vilket dnr, och när?').reference).toBe('case');
    // A paragraph the question cites is no paragraph asked for.
    expect(demand('när antogs beslutet i § 251?').reference).toBeUndefined();
    expect(demand('vilken § gäller?').reference).toBe('paragraph');
    expect(demand('vad heter tjänstepersonen som ansvarar för planen?').person).toBe(true);
    // A list of people, past the verb: "vilka var handläggare".
    expect(demand('vilka var handläggare på ärendet?').listed).toBe('person');
    expect(demand('vilka förvaltningar svarade?').listed).toBe('body');
    expect(demand('vilka är målområdena?').listed).toBeUndefined();
    const ofBudget = demand('hur stor andel av budgeten går till IT?');
    expect(ofBudget.share).toBe(true);
    expect(demand('hur mycket av budgeten går till IT?').share).toBe(true);
    expect(answersWithFact('amount', 'En femtedel av budgeten, 20 %, går till IT.', { asked: asked(['budgeten']), demand: ofBudget })).toBe(true);
    expect(questionKind('hur mycket regionala utvecklingsmedel fick kommunen?')).toBe('amount');
  });

  it('asks who signed in the words staff use for it, not for a writer or a number', () => {
    expect(asksSignature('vem har skrivit under avslagsförslaget?')).toBe(true);
    expect(asksSignature('vem skrev på remissvaret?')).toBe(true);
    expect(asksSignature('vilka undertecknade yrkandet?')).toBe(true);
    expect(asksSignature('vem står som undertecknare på skrivelsen?')).toBe(true);
    expect(asksSignature('vems underskrift står längst ner?')).toBe(true);
    expect(demand('vem har skrivit under förslaget?').signed).toBe(true);
    expect(asksSignature('vem har skrivit rapporten?')).toBe(false);
    expect(asksSignature('hur många underskott hade nämnden?')).toBe(false);
    expect(demand('vad står det under rubriken mål?').signed).toBeUndefined();
    expect(asksSignature('vad har stadsledningskontoret skrivit under rubriken utmaningar?')).toBe(false);
    // Standing under the text is signing it; standing under a heading or a goal is not.
    expect(asksSignature('vilka politiker står under förslaget?')).toBe(true);
    expect(asksSignature('vem står under tjänsteutlåtandet?')).toBe(true);
    expect(asksSignature('vilka insatser står under målområde 2?')).toBe(false);
    expect(asksSignature('vad står under punkt 3?')).toBe(false);
  });

  it('takes a body\'s initials in capitals after "av" as an answer to who', () => {
    const who = { asked: asked(['prioriteringar', 'personal']), demand: demand('vem beslutar vilka prioriteringar personalen ska läggas på?') };
    expect(answersWithFact('who', 'Personal avsätts för de av SDLG beslutade prioriteringarna.', who)).toBe(true);
    expect(answersWithFact('who', 'Personal avsätts för de beslutade prioriteringarna.', who)).toBe(false);
  });

  it('asks for a person when it asks who led, with the post in brackets or shortened', () => {
    expect(factDemand(normalizeColloquial('vem ledde miljöskyddsnämnden (ordf) när remissvaret klubbades?'), 'who').person).toBe(true);
    expect(factDemand('vem ledde arbetet med strategin?', 'who').person).toBe(false);
  });

  it('counts what a pronoun after "hur många" stands for', () => {
    expect(demand('timrå delar in sina insatser i olika områden, hur många är de?').counted).toBe('omraden');
    expect(demand('hur många e-tjänster har mölndal?').counted).toBe('e-tjanster');
    expect(demand('hur många är de?').counted).toBeUndefined();
    // Not a place after a preposition, nor anything before "hur många är det som …".
    expect(demand('göteborgs plan har målområden med insatser i staden, hur många är det?').counted).toBe('insatser');
    expect(demand('jag läste uppföljningen i göteborg, hur många är det som använder Pios?').counted).not.toBe('goteborg');
  });

  it('takes a stage or a season as a when, but only a year as "vilket år"', () => {
    const when = { asked: asked(['kalkyl', 'version']), demand: demand('när kom den nya versionen?') };
    const year = { asked: asked(['kalkyl', 'version']), demand: demand('vilket år kom den nya versionen?') };
    expect(year.demand.year).toBe(true);
    expect(answersWithFact('when', 'Kalkylen görs i ett tidigt skede av projektet.', when)).toBe(true);
    expect(answersWithFact('when', 'Under hösten lanserade man en ny version av Mina sidor.', when)).toBe(true);
    expect(answersWithFact('when', 'Under hösten lanserade man en ny version av Mina sidor.', year)).toBe(false);
    expect(answersWithFact('when', 'Under 2021 lanserade man en ny version av Mina sidor.', year)).toBe(true);
    // An adverb of order tells no time: "drevs inledningsvis av Intraservice".
    expect(answersWithFact('when', 'Versionen drevs inledningsvis av Intraservice.', when)).toBe(false);
  });

  it('asks for a document\'s own date when it asks what date the document bears', () => {
    expect(demand('vilket datum står på yttrandet från miljöskydd i alingsås?').dated).toBe(true);
    expect(demand('när är remissvaret daterat?').dated).toBe(true);
    expect(demand('vilket datum har tjänsteutlåtandet?').dated).toBe(true);
    expect(demand('vilket datum hölls workshopen?').dated).toBeUndefined();
    expect(demand('vilket datum har nämnden möte?').dated).toBeUndefined();
  });

  it('asks how a body voted, not whether something went through, and knows a recorded vote', () => {
    // As the analyzer normalises the question: "kf" is "kommunfullmäktige".
    const vote = (q: string): boolean => asksVote(normalizeColloquial(q));
    expect(vote('hur röstade kf i borås till slut?')).toBe(true);
    expect(vote('röstade kf ja till strategin?')).toBe(true);
    expect(vote('vilka partier röstade emot strategin?')).toBe(true);
    expect(vote('vad blev röstsiffrorna?')).toBe(true);
    expect(vote('blev det votering i ks?')).toBe(true);
    expect(vote('hur har partierna röstat om planen?')).toBe(true);
    expect(vote('reserverade sig nån mot beslutet?')).toBe(true);
    expect(demand(normalizeColloquial('vilket datum röstade kf om strategin?')).vote).toBe(true);
    expect(vote('gick förslaget igenom i fullmäktige?')).toBe(false);
    expect(vote('vilka röstar på SD?')).toBe(false);
    expect(vote('vad står det om röstsystem?')).toBe(false);
    // A reservation that is a caveat or a booking, and money set aside, are no votes.
    expect(vote('hade förvaltningarna någon reservation mot handlingsplanen?')).toBe(false);
    expect(vote('vilka medel reserverade timrå för digitaliseringen?')).toBe(false);
    expect(vote('vilket reservationssystem används?')).toBe(false);
    expect(statesVote('Kommunstyrelsen beslutade enhälligt att bifalla förslaget.')).toBe(true);
    expect(statesVote('Moderaterna reserverade sig mot beslutet.')).toBe(true);
    expect(statesVote('Kommunstyrelsen föreslår Kommunfullmäktige besluta Avslå digital strategi 2020')).toBe(false);
  });

  it('asks for a party by its name or its letters, and for whatever a list enumerates when it counts "saker" or "punkter"', () => {
    const party = demand('vilket parti står bakom förslaget?');
    expect(questionKind('vilket parti står bakom förslaget?')).toBe('who');
    expect(party.party).toBe(true);
    expect(demand('vem står bakom förslaget?').party).toBeUndefined();
    expect(asksParty('vilka är dom o vilket parti?')).toBe(true);
    expect(asksParty('vilka partier finns i nämnden?')).toBe(true);
    expect(asksParty('vilka politiker står under förslaget? namn o parti behövs')).toBe(true);
    expect(asksParty('ge mig namn och partitillhörighet')).toBe(true);
    expect(asksParty('hur ska dialogen mellan förvaltningarna och partierna se ut?')).toBe(false);
    // "partiell" and "partistöd" ask for no party.
    expect(asksParty('vilket partistöd får gruppen?')).toBe(false);
    const none = { asked: asked(['forslaget']), demand: party };
    expect(answersWithFact('who', 'För Sverigedemokraterna,', none)).toBe(true);
    expect(answersWithFact('who', 'Andreas Exner (SD) Kristian Silbvers (SD)', none)).toBe(true);
    expect(answersWithFact('who', 'Förslaget lämnades av kommunstyrelsen.', none)).toBe(false);
    // A moderate tone is no party; a capital in brackets that is no party's letters neither.
    expect(namesParty('Förslaget var moderat och sades av Anna Berg (A).')).toBe(false);
    expect(namesParty('Miljöpartiet och Centerpartiet reserverade sig.')).toBe(true);
    expect(namesParty('Moderaternas yrkande bifölls.')).toBe(true);
    expect(namesParty('Kostnad (M) per år.')).toBe(false);
    expect(demand('hur många saker räknar dom upp?').items).toBe(true);
    expect(demand('hur många punkter tog synpunkterna upp?').items).toBe(true);
    expect(demand('hur många e-tjänster har Timrå?').items).toBeUndefined();
    expect(demand('hur stor andel av punkterna är klara?').items).toBeUndefined();
  });

  it('wants a name, not a body, when the question names a person’s post', () => {
    const person = demand('vad heter IT-chefen i Mölndal?');
    const header = 'Beslutat av Kommunstyrelsen Gäller från och med; Ansvarig IT-chef';
    expect(answersWithFact('who', header, { asked: asked(['it', 'chefen', 'molndal']) })).toBe(true);
    expect(answersWithFact('who', header, { asked: asked(['it', 'chefen', 'molndal']), demand: person })).toBe(false);
    const named = 'Handläggare: Maria Jacobsson, IT-chef';
    expect(answersWithFact('who', named, { asked: asked(['it', 'chefen']), demand: person })).toBe(true);
    // Words the documents write in lower case are no one's name.
    const table = 'Styrdokument Strategi, ansvarig IT-chef';
    expect(answersWithFact('who', table, { asked: asked(['it', 'chefen']), demand: person })).toBe(true);
    expect(answersWithFact('who', table, { asked: asked(['it', 'chefen']), demand: person, common: (w) => ['styrdokument', 'strategi'].includes(fold(w)) })).toBe(false);
  });

  it('asks for a name only when the question asks who holds a post, and counts the noun', () => {
    expect(demand('Vem fastställer agendan, IT-chefen?').person).toBe(false);
    expect(demand('Vem är ansvarig chef för agendan?').person).toBe(false);
    expect(demand('vem blev chef för den nya enheten?').person).toBe(true);
    expect(demand('står det nåt namn på it-chefen?').person).toBe(false);
    expect(demand('vad heter it-chefen, står det något namn?').person).toBe(true);
    expect(demand('Hur många av Göteborgs verksamheter saknade projekt?').counted).toBe('verksamheter');
    expect(demand('Hur många nya insatsområden har Mölndal?').counted).toBe('insatsomraden');
    expect(questionKind('Vilken dag antogs e-strategin?')).toBe('when');
    expect(demand('Vilken dag antogs e-strategin?').day).toBe(true);
    expect(questionKind('Hur mycket hjälpmedel finns i skolorna?')).not.toBe('amount');
    expect(questionKind('Hur mycket utvecklingsmedel fick kommunen?')).toBe('amount');
  });

  it('reads names, shares, dates and numbers that count nothing the way Swedish documents write them', () => {
    const person = demand('vad heter IT-chefen?');
    const common = (w: string): boolean => ['per', 'klara'].includes(fold(w));
    expect(answersWithFact('who', 'IT-chef är Per Lindqvist.', { asked: asked(['it', 'chefen']), demand: person, common })).toBe(true);
    expect(answersWithFact('who', 'IT-chef är Anna-Karin Lindqvist.', { asked: asked(['it', 'chefen']), demand: person, common })).toBe(true);
    const count = { asked: asked([]) };
    expect(answersWithFact('count', 'Planen för 2023-2026 har diarienummer KS 2019-00374, se avsnitt 4.2.1.', count)).toBe(false);
    expect(answersWithFact('count', 'IT-rådet ändrade texten på sidan 5.', count)).toBe(false);
    expect(answersWithFact('count', 'Det gäller Borås. 5 nämnder deltar.', count)).toBe(true);
    const share = { asked: asked([]), demand: demand('hur stor andel av nämnderna var positiva?') };
    expect(answersWithFact('count', 'Merparten av nämnderna ställer sig positiva.', share)).toBe(true);
    expect(answersWithFact('count', 'Fyra av\nfem nämnder är positiva.', share)).toBe(true);
    expect(answersWithFact('count', 'Det är en av flera nämnder.', share)).toBe(false);
    const day = { asked: asked([]), demand: demand('vilket datum antogs den?') };
    expect(answersWithFact('when', 'Antagen 25.11.2019 av fullmäktige.', day)).toBe(true);
    expect(answersWithFact('when', 'Antagen 25 nov. 2019 av fullmäktige.', day)).toBe(true);
    expect(namedItems('Handläggare Nina Möller, Lina Tjernberg', 'person')).toBe(2);
  });

  it('takes a body whose compound differs from the one the question guesses', () => {
    const s = 'IT-rådet har tagit fram en digital strategi.';
    expect(answersWithFact('who', s, { asked: asked(['it', 'avdelningen', 'strategi']) })).toBe(true);
    expect(answersWithFact('who', s, { asked: asked(['it', 'radet', 'strategi']) })).toBe(false);
  });

  it('wants a day for "vilket datum" and a share for "hur stor andel"', () => {
    const day = demand('vilket datum röstade fullmäktige?');
    expect(answersWithFact('when', 'Strategin antogs 2019.', { asked: asked([]), demand: day })).toBe(false);
    expect(answersWithFact('when', 'Fullmäktige antog den 25 november 2015 strategin.', { asked: asked([]), demand: day })).toBe(true);
    expect(answersWithFact('when', 'Beslutet togs 2019-11-25.', { asked: asked([]), demand: day })).toBe(true);
    const share = demand('hur stor andel av hushållen har bredband?');
    expect(answersWithFact('count', 'Ca 65 % av hushållen har bredband.', { asked: asked([]), demand: share })).toBe(true);
    expect(answersWithFact('count', '12 av 17 insatser är klara.', { asked: asked([]), demand: share })).toBe(true);
    expect(answersWithFact('count', 'En liten andel av 2 000 anställda har gått den.', { asked: asked([]), demand: share })).toBe(false);
  });
});

describe('Swedish dictionary', () => {
  let speller: Speller;
  beforeAll(async () => {
    speller = await loadSwedishSpeller();
  }, 30_000);

  it('knows real words, compounds and words typed without å/ä/ö, and rejects typos', () => {
    expect(speller.isWord('bygglov')).toBe(true);
    expect(speller.isWord('bredbandsutbyggnaden')).toBe(true);
    expect(speller.isWord('forskola')).toBe(true);
    expect(speller.isWord('asdfgh')).toBe(false);
    expect(speller.isWord('digitaliserngen')).toBe(false);
  });

  it('tells nouns from verb forms and adverbs', () => {
    expect(speller.wordClass('semester')).toBe('content');
    expect(speller.wordClass('hunden')).toBe('content');
    expect(speller.wordClass('kostade')).toBe('function');
    expect(speller.wordClass('faktiskt')).toBe('function');
    expect(speller.wordClass('trodde')).toBe('function');
    // A verb whose stem ends in r has no ending in the present: "jämför" (jämföra).
    expect(speller.wordClass('jämför')).toBe('function');
    expect(speller.wordClass('jamfor')).toBe('function');
    // A noun with an entry of its own stays a noun though a verb is spelt like it with -a ("svara").
    expect(speller.wordClass('svar')).toBe('content');
    expect(speller.wordClass('spår')).toBe('content');
    expect(speller.wordClass('qwzx')).toBeUndefined();
  });

  it('finds what the documents call a word they lack in that form', () => {
    const vocabulary = new Set(['finansiering', 'samhallsbyggnadskontoret', 'kommunfullmaktige', 'miljo', 'simning', 'bredband', 'dagar', 'stads', 'kommungemensamma']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller, (t) => t !== stem('stads'));
    const termsOf = (word: string): string[] => (analyzer.concepts(word)[0]?.terms ?? []).map((t) => t.term);
    // The dictionary accepts "finansering" as a compound; a long word may still be a typo.
    expect(speller.isWord('finansering')).toBe(true);
    expect(termsOf('finansering')).toEqual([stem('finansiering')]);
    expect(termsOf('samhällsbyggnad')).toEqual([stem('samhallsbyggnadskontoret')]);
    expect(termsOf('fullmäktige')).toEqual([stem('kommunfullmaktige')]);
    // Only a part of a compound: "ensamma" is the end of "kommungemensamma", but no part of it.
    expect(termsOf('ensamma')).toEqual([]);
    expect(termsOf('miljömässigt')).toEqual([stem('miljo')]);
    expect(termsOf('simhallen')).toEqual([]);
    // A compound whose first part the documents know is half about it; its last part is not what it is about.
    expect(analyzer.concepts('bredbandshastighet')[0]).toMatchObject({ terms: [{ term: stem('bredband'), weight: 0.5 }], partlyUnknown: 0.5 });
    expect(termsOf('semesterdagar')).toEqual([]);
    // A compound typed with a hyphen that the documents write closed is one concept; one they hyphenate stays two.
    const closed = new Analyzer(new Set(['vuxenutbildningsnamnden', 'it', 'radet']), () => true, speller);
    expect(closed.analyze('vad ville vuxenutbildning-nämnden?').normalized).toBe('vad ville vuxenutbildningsnämnden?');
    const open = new Analyzer(new Set(['vuxenutbildningsnamnden', 'bygg', 'namnden']), () => true, speller);
    expect(open.analyze('vad ville bygg-nämnden?').normalized).toBe('vad ville bygg-nämnden?');
    // A common first part says little: "stadsbiblioteket" is not about "stad".
    expect(termsOf('stadsbiblioteket')).toEqual([]);
  });

  it('finds the noun of a verb\'s action, not the verb of a noun', () => {
    const vocabulary = new Set(['samordningen', 'styrningen', 'uppfoljning', 'ordningen']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    const termsOf = (word: string): string[] => (analyzer.concepts(word)[0]?.terms ?? []).map((t) => t.term);
    expect(termsOf('samordnar')).toContain(stem('samordningen'));
    expect(termsOf('styrs')).toContain(stem('styrningen'));
    // Stems shorter than four letters are other words: "ord" is not "ordningen".
    expect(termsOf('ord')).not.toContain(stem('ordningen'));
    expect(actionNouns(stem('samordningen'))).toEqual([]);
  });

  it('matches a compound with its linking s dropped or doubled, not another word one letter away', () => {
    const vocabulary = new Set(['informationssakerhetspolicy', 'information', 'sakerhet', 'policy', 'forandringsinsatser', 'forankring', 'insatser']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    const termsOf = (word: string): string[] => (analyzer.concepts(word)[0]?.terms ?? []).map((t) => t.term);
    expect(termsOf('informationsäkerhetspolicy')).toEqual([stem('informationssakerhetspolicy')]);
    expect(termsOf('förankringsinsatser')).toEqual([]);
  });

  it('corrects a typo in a word the documents write only in its definite form', () => {
    const vocabulary = new Set(['miljoskyddsnamnden', 'miljo', 'skydd', 'namnden']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    // "miljöskydsnämnd" is three letters from "miljöskyddsnämnden"; with the ending, one.
    expect(analyzer.concepts('miljöskydsnämnd')[0]?.terms.map((t) => t.term)).toEqual([stem('miljoskyddsnamnden')]);
    // A typo the dictionary corrects itself is not taken for another word: "arbetstime" is "arbetstimme", not "arbetstiden".
    const hours = new Analyzer(new Set(['arbetstiden', 'arbete', 'tiden']), (t) => new Set(['arbetstiden', 'arbete', 'tiden'].map(stem)).has(t), speller);
    expect(hours.concepts('arbetstime')[0]?.terms.map((t) => t.term)).not.toContain(stem('arbetstiden'));
    // A real word is not corrected, whatever ending it is given.
    expect(analyzer.concepts('miljöskyddsplan')[0]?.terms.map((t) => t.term)).not.toContain(stem('miljoskyddsnamnden'));
  });

  it('corrects a typo the dictionary takes for a compound of short words, and a typo in a compound\'s last part', () => {
    const vocabulary = new Set(['digitala', 'strategin', 'uppdraget', 'digitaliserings', 'digitalisering', 'tala']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    const concept = (word: string) => analyzer.concepts(word)[0];
    // "dig" + "tala" and "strat" + "gin" are words to the dictionary, but not dictionary words.
    expect(speller.isWord('digtala')).toBe(true);
    expect(speller.isSimpleWord('digtala')).toBe(false);
    expect(speller.isSimpleWord('digitala')).toBe(true);
    expect(concept('digtala')?.terms.map((t) => t.term)).toEqual([stem('digitala')]);
    expect(concept('stratgin')?.terms.map((t) => t.term)).toEqual([stem('strategin')]);
    // A real word stays itself: "tala" is not a typo of "digitala".
    expect(concept('tala')?.terms.map((t) => t.term)).toEqual([stem('tala')]);
    // The documents have the parts, not the compound: matched by its parts.
    expect(concept('digitaliseringsuppdarget')?.parts).toEqual([stem('digitalisering'), stem('uppdraget')]);
  });

  it('matches an inflected last part of the documents\' compound, and an "e-" word written without the hyphen', () => {
    const vocabulary = new Set(['digitaliseringsworkshop', 'e', 'tjanster', 'arkiv', 'elev']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    const termsOf = (word: string): string[] => (analyzer.concepts(word)[0]?.terms ?? []).map((t) => t.term);
    expect(termsOf('workshop')).toEqual([stem('digitaliseringsworkshop')]);
    expect(termsOf('workshopen')).toEqual([stem('digitaliseringsworkshop')]);
    expect(termsOf('etjänster')).toEqual([stem('tjanster')]);
    expect(termsOf('earkiv')).toEqual([stem('arkiv')]);
    // A real word that starts with an e is itself: "elever" is about pupils, not "lever".
    expect(termsOf('elever')).toEqual([stem('elev')]);
  });

  it('matches a word as the last part of the documents\' compounds, and a form the stemmer cuts differently', () => {
    const vocabulary = new Set(['samhällsbyggnadskontoret', 'samhällsbyggnadsnämnden', 'nämnden', 'hemkontoret', 'hem', 'kommungemensamma', 'kommungemensamt', 'godkändes', 'skola', 'trygghetskamera', 'trygghet']);
    const known = new Set([...vocabulary].map((w) => stem(fold(w))));
    const analyzer = new Analyzer(new Set([...vocabulary].map(fold)), (t) => known.has(t), speller, undefined, vocabulary);
    const termsOf = (q: string): string[] => analyzer.concepts(q).filter((c) => !c.cue).flatMap((c) => c.terms.map((t) => t.term));
    // "Samhällsbyggnads-" is no word alone, but it also begins "Samhällsbyggnadsnämnden". Only a
    // part of the word is known, so it stays half unknown.
    expect(termsOf('vilka kontor')).toEqual([stem('samhallsbyggnadskontoret')]);
    expect(analyzer.concepts('kontor')[0]?.partlyUnknown).toBeGreaterThan(0);
    // Inflected, by its stem as spelt: "kameror" ends "trygghetskamera" as "kamer".
    expect(termsOf('kameror')).toEqual([stem('trygghetskamera')]);
    // A first part of a few letters ("hem-") is too often a prefix; one that only begins forms of the same compound is no part.
    expect(termsOf('vilka kontor')).not.toContain(stem('hemkontoret'));
    expect(termsOf('ensamma')).toEqual([]);
    // "godkändes" stems to "godk", "godkänd" does not; "skull" + "e" is no form of "skola".
    expect(termsOf('godkänd')).toEqual([stem('godkandes')]);
    expect(termsOf('för din skull')).toEqual([]);
  });

  it('matches two words with the one the documents write them as', () => {
    const vocabulary = new Set(['gotevent', 'event', 'plan']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    const [got, event, plan] = analyzer.concepts('got event plan');
    expect(got?.terms.map((t) => t.term)).toEqual([stem('gotevent')]);
    expect(event?.terms.map((t) => t.term)).toEqual([stem('event'), stem('gotevent')]);
    expect(plan?.terms.map((t) => t.term)).toEqual([stem('plan')]);
  });

  it('matches a particle verb with the documents\' noun: "köper in" with "inköp", "följer upp" with "uppföljning"', () => {
    const vocabulary = new Set(['inköp', 'uppföljning', 'intäkter', 'avdelning', 'datorer']);
    const known = new Set([...vocabulary].map((w) => stem(fold(w))));
    const analyzer = new Analyzer(new Set([...vocabulary].map(fold)), (t) => known.has(t), speller, undefined, vocabulary);
    const termsOf = (q: string): string[] => analyzer.concepts(q).filter((c) => !c.cue).flatMap((c) => c.terms.map((t) => t.term));
    expect(termsOf('vem köper in datorer')).toEqual(expect.arrayContaining([stem('inkop'), stem('datorer')]));
    expect(termsOf('vem följer upp')).toEqual([stem('uppfoljning')]);
    // Compared as spelt: "tar in" is not "intäkter".
    expect(termsOf('tar in')).toEqual([]);
    // A noun before a preposition is no particle verb: "en del av" is no "avdelning".
    expect(termsOf('en del av')).toEqual([]);
  });

  it('marks the words of sentences around the question as context', () => {
    const vocabulary = new Set(['ledningsgruppen', 'arkiv', 'planen', 'mötet']);
    const known = new Set([...vocabulary].map((w) => stem(fold(w))));
    const analyzer = new Analyzer(new Set([...vocabulary].map(fold)), (t) => known.has(t), speller);
    const context = (q: string): string[] => analyzer.concepts(q).filter((c) => c.context).map((c) => c.token);
    expect(context('Ska ta upp det på ledningsgruppen. Vad säger planen om arkiv? Tack!')).toEqual(['ledningsgruppen']);
    // Every sentence asks, or none does: nothing is context.
    expect(context('Vad säger planen? Och om arkiv?')).toEqual([]);
    expect(context('planen om arkiv. ledningsgruppen')).toEqual([]);
    // A question of one content word or none is about the sentences before it.
    expect(context('Ledningsgruppen tog upp planen för arkiv. Varför?')).toEqual([]);
    expect(context("Ledningsgruppen tog upp planen. Hur många hade den?")).toEqual([]);
  });

  it('matches an English loanword, also hyphenated, with the documents\' Swedish word', () => {
    const vocabulary = new Set(['färdplan', 'införande', 'nyckeltal']);
    const known = new Set([...vocabulary].map((w) => stem(fold(w))));
    const analyzer = new Analyzer(new Set([...vocabulary].map(fold)), (t) => known.has(t), speller);
    const termsOf = (q: string): string[][] => analyzer.concepts(q).filter((c) => !c.cue).map((c) => c.terms.map((t) => t.term));
    expect(termsOf('roadmapen')).toEqual([[stem('fardplan')]]);
    expect(termsOf('kpi:er')).toEqual([[stem('nyckeltal')]]);
    // Counted once: the first part carries the synonym.
    expect(termsOf('go-live')).toEqual([[stem('inforande')], []]);
  });

  it('takes an unknown abbreviation for a name, not for a typo', () => {
    const vocabulary = new Set(['arbeta']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    const [vpn, typo] = analyzer.concepts('vpn xqzvkwa');
    expect(vpn).toMatchObject({ token: 'vpn', terms: [] });
    expect(vpn?.unknownKind).toBeUndefined();
    expect(typo?.unknownKind).toBe('nonword');
  });

  it('weighs a short everyday word the documents lack less than a longer one', () => {
    const vocabulary = new Set(['bredband']);
    const known = new Set([...vocabulary].map(stem));
    const analyzer = new Analyzer(vocabulary, (t) => known.has(t), speller);
    const [, folk, library] = analyzer.concepts('bredband folk stadsbiblioteket');
    expect(folk).toMatchObject({ token: 'folk', terms: [], weightFactor: 0.5 });
    expect(library?.weightFactor).toBeUndefined();
  });

  it('proposes dictionary words one edit away from a typo', () => {
    expect(speller.corrections('budgetn')).toContain('budget');
    expect(speller.corrections('xqzvkw')).toEqual([]);
  });
});

describe('abstention fitting', () => {
  const f = (unknownShare: number, jointCoverage: number): AbstentionFeatures => ({
    unknownShare,
    unknownMinorShare: 0,
    jointCoverage,
    topCoverage: jointCoverage,
    margin: 0.2,
    agreement: 1,
  });
  const examples: LabelledFeatures[] = [
    { features: f(0, 1), answerable: true },
    { features: f(0.1, 0.8), answerable: true },
    { features: f(0.2, 0.7), answerable: true },
    { features: f(0.6, 0.4), answerable: false },
    { features: f(0.9, 0.1), answerable: false },
  ];

  it('separates what it was fitted on and keeps the widest margin to the answerable questions', () => {
    const model = fitAbstention(examples, 'test');
    for (const e of examples) expect(answers(model, e.features)).toBe(e.answerable);
    expect(model.maxUnknownShare).toBeGreaterThanOrEqual(0.5);
    expect(model.maxUnknownShare).toBeLessThanOrEqual(0.6);
    expect(model.fittedOn).toBe('test');
  });

  it('prefers answering when a refusal costs more than a wrong answer', () => {
    const overlapping = [...examples, { features: f(0.3, 0.6), answerable: true }, { features: f(0.3, 0.6), answerable: false }];
    const model = fitAbstention(overlapping, 'test', 2);
    expect(answers(model, f(0.3, 0.6))).toBe(true);
  });
});

describe('judging an answer in the evaluation', () => {
  const q = { id: 't-1', question: 'när hölls workshopen?', document: 'boras.txt', must_contain_any: ['hölls under våren 2018 en digitaliserings-'] };

  it('takes an answer copied up to a word broken at the end of a line as the joined word', () => {
    expect(holdsAnswer(q, 'boras.txt', 'För att skapa en samsyn hölls under våren 2018 en digitaliseringsworkshop med politiker.')).toBe(true);
    expect(holdsAnswer(q, 'boras.txt', 'Under våren 2018 hölls en workshop.')).toBe(false);
    expect(holdsAnswer(q, 'alingsas.txt', 'För att skapa en samsyn hölls under våren 2018 en digitaliseringsworkshop med politiker.')).toBe(false);
    // A hyphen after a capital or a digit is kept by the reader ("IT-system", "2019-00374").
    expect(holdsAnswer({ ...q, must_contain_any: ['enligt beslut Dnr KS 2019-'] }, 'boras.txt', 'enligt beslut Dnr KS 2019 och 2020')).toBe(false);
    expect(holdsAnswer({ ...q, must_contain_any: ['en anskaffningsprocess där IT-'] }, 'boras.txt', 'en anskaffningsprocess där IT och verksamhet')).toBe(false);
  });

  it('takes an answer copied across a word broken at the end of a line as the joined word', () => {
    const broken = { ...q, must_contain_any: ['hölls under våren 2018 en digitaliserings- workshop med politiker'] };
    expect(holdsAnswer(broken, 'boras.txt', 'För att skapa en samsyn hölls under våren 2018 en digitaliseringsworkshop med politiker och chefer.')).toBe(true);
    expect(holdsAnswer(broken, 'boras.txt', 'hölls under våren 2018 en digitaliseringskonferens med politiker')).toBe(false);
  });

  it('reads a source’s text and its section heading, each on its own, as the card shows them', () => {
    const dated = { ...q, document: 'goteborg.txt', must_contain_any: ['Yrkande 2025-03-21'] };
    const source = { document: 'goteborg.txt', title: 'Yrkande', section: 'Yrkande 2025-03-21', page: 1, excerpt: 'Fördjupad uppföljning inom digitaliseringsområdet 2024', highlights: [], score: 1 } as unknown as Source;
    expect(sourceHoldsAnswer(dated, source)).toBe(true);
    expect(sourceHoldsAnswer(dated, { ...source, section: 'Yrkande' })).toBe(false);
    // Never heading and text as one line: the card shows the text first and the section under "Avsnitt".
    const signed = { ...dated, must_contain_any: ['Maria Jacobsson Tf miljöskyddschef'] };
    expect(sourceHoldsAnswer(signed, { ...source, section: 'Maria Jacobsson', excerpt: 'Tf miljöskyddschef' })).toBe(false);
  });

  it('counts a further source for hit@3 by what the card shows of it: its preview from the answering sentence', () => {
    const wanted = { ...q, document: 'goteborg.txt', must_contain_any: ['teckna längre avtal med leverantörer'] };
    const first = { document: 'goteborg.txt', title: 'R', section: '4.4', page: 1, excerpt: 'Ett annat stycke.', highlights: [], keySentence: '', score: 2 } as unknown as Source;
    const filler = 'Inledande text om något helt annat. '.repeat(20);
    const answering = 'Staden kan teckna längre avtal med leverantörer.';
    const further = { ...first, section: '4.5', excerpt: `${filler}${answering} ${filler}` };
    expect(shownAmongThree(wanted, [first, { ...further, highlights: [answering] }])).toBe(true);
    // Deep in the excerpt and not the answering sentence: the card's 300 characters do not reach it.
    expect(shownAmongThree(wanted, [first, { ...further, highlights: [] }])).toBe(false);
    // A further passage of the first one's section is not shown at all.
    expect(shownAmongThree(wanted, [first, { ...further, section: '4.4', highlights: [answering] }])).toBe(false);
  });

  it('joins a word broken across a line, not a first part a conjunction completes', () => {
    const both = { ...q, must_contain_any: ['gymnasie- och vuxenutbildningsnämnden samt en digitaliserings- workshop'] };
    expect(holdsAnswer(both, 'boras.txt', 'Gymnasie- och vuxenutbildningsnämnden samt en digitaliseringsworkshop.')).toBe(true);
  });

  it('reads a line break in a passage as the space the question file’s string has', () => {
    const signers = { ...q, must_contain_any: ['För Sverigedemokraterna, Andreas Exner (SD)'] };
    expect(holdsAnswer(signers, 'boras.txt', 'Samtliga nämnder och bolag\nFör Sverigedemokraterna,\nAndreas Exner (SD)')).toBe(true);
    expect(holdsAnswer(signers, 'boras.txt', 'För Sverigedemokraterna,\nKristian Silbvers (SD)')).toBe(false);
  });

  it('reads an answer copied with the document’s markup as the reader shows it', () => {
    const header = { ...q, must_contain_any: ['<b>Ansvarig</b> IT-chef'] };
    expect(holdsAnswer(header, 'boras.txt', 'Styrdokument Strategi; Beslutat av Kommunstyrelsen; Ansvarig IT-chef')).toBe(true);
    expect(holdsAnswer(header, 'boras.txt', 'Ansvarig nämnd är kommunstyrelsen, IT-chefen leder arbetet')).toBe(false);
  });
});
