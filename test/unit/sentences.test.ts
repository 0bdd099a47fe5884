import { describe, expect, it } from 'vitest';
import { excerptOf, pointsBack } from '../../src/knowledge/excerpt.js';
import { stem } from '../../src/knowledge/analyzer.js';
import { linedSentences, sentences } from '../../src/knowledge/text/sentences.js';
import { listsAfter } from '../../src/knowledge/ingest/mending.js';
import { answerCard, excerptBlocks } from '../../bot/cards.js';
import { furtherPreview } from '../../src/knowledge/sourcePreview.js';

describe('Swedish sentence boundaries', () => {
  it('does not end a sentence at section numbers, decimals, abbreviations, list numbers or initials', () => {
    expect(sentences('I avsnitt 4.2.1 framkommer det. Det är t.ex. processerna, bl.a. inom s.k. e-tjänster, kl. 10.00 enl. beslut. Kostnaden var 12,5 mnkr. Nästa steg?')).toEqual([
      'I avsnitt 4.2.1 framkommer det.',
      'Det är t.ex. processerna, bl.a. inom s.k. e-tjänster, kl. 10.00 enl. beslut.',
      'Kostnaden var 12,5 mnkr.',
      'Nästa steg?',
    ]);
    expect(sentences('Målen är:\n1. Uppnå balans. 2. Data som resurs.\nA. Svensson höll med. Se avsnitt 5.1 nedan.')).toEqual([
      'Målen är:',
      '1. Uppnå balans.',
      '2. Data som resurs.',
      'A. Svensson höll med.',
      'Se avsnitt 5.1 nedan.',
    ]);
  });

  it('keeps every list item and paragraph apart', () => {
    expect(sentences('Kategorierna:\n- upphandlingar\n- övrigt\nDet har framkommit mer.')).toEqual(['Kategorierna:', '- upphandlingar', '- övrigt', 'Det har framkommit mer.']);
  });
});

describe('an excerpt as the card shows it', () => {
  const passage = 'Insatserna har delats upp i några kategorier:\n- upphandlingar av verksamhetssystem\n- kvalitetshöjande insatser\n- övrigt\nI avsnitt 4.2.1 framkommer mer.';

  it('keeps the source’s list as list items and its section numbers whole', () => {
    const { excerpt, highlights } = excerptOf(passage, ['kategori']);
    expect(excerpt).toBe(passage);
    const blocks = excerptBlocks(excerpt, highlights);
    expect(blocks.map((b) => b.item)).toEqual([false, true, true, true, false]);
    expect(blocks[1]?.text).toBe('• upphandlingar av verksamhetssystem');
    expect(blocks[4]?.text).toBe('I avsnitt 4.2.1 framkommer mer.');
    expect(blocks[0]?.text).toBe('**Insatserna har delats upp i några kategorier:**');
  });

  it('keeps the number of a numbered item, escaped so that Markdown does not renumber it', () => {
    const numbered = 'Beslutsunderlag\n1. Kommunfullmäktigeskrivelse\n2) Digital strategi – strategi';
    expect(excerptBlocks(numbered).map((b) => b.text)).toEqual(['Beslutsunderlag', '1\\. Kommunfullmäktigeskrivelse', '2\\. Digital strategi – strategi']);
  });

  it('answers "hur många" with the line that leads into a numbered list, and its items, unless a sentence states a number', () => {
    const passage = 'Vidare bör inga fler strategier antas.\nBeslutsunderlag\n1. Kommunfullmäktigeskrivelse\n2. Digital strategi';
    const terms = [stem('beslutsunderlag'), stem('strategi')];
    expect(excerptOf(passage, terms, () => 1, 'count').keySentence).toBe('Beslutsunderlag: 1. Kommunfullmäktigeskrivelse 2. Digital strategi');
    expect(excerptOf(passage, terms, () => 1, 'what').keySentence).not.toContain('Kommunfullmäktigeskrivelse');
    const stated = `Totalt 12 av 17 strategier med beslutsunderlag är klara.\n${passage}`;
    expect(excerptOf(stated, terms, () => 1, 'count').keySentence).toBe('Totalt 12 av 17 strategier med beslutsunderlag är klara.');
  });

  it('previews a further source from where its answering sentence stands, not inside an earlier word', () => {
    const excerpt = `Enligt KS-protokollet ${'gäller följande. '.repeat(20)}\nKS`;
    expect(furtherPreview({ excerpt, highlights: ['KS'] })).toBe('… KS');
    expect(furtherPreview({ excerpt: 'Kort stycke.', highlights: ['Kort stycke.'] })).toBe('Kort stycke.');
  });

  it('counts a table\'s rows of body names as a list, separated by commas', () => {
    const passage = 'Nedan framgår samtliga svar\nAvstår från yttrande\nRevisionskontoret\nBorås Stadshus AB\nValnämnden\nTillstyrker remissen';
    expect(excerptOf(passage, [stem('yttrande')], () => 1, 'count').keySentence).toBe('Avstår från yttrande: Revisionskontoret, Borås Stadshus AB, Valnämnden');
    // Ordinary short lines are no such list, nor phrases that end in a body or a post.
    expect(excerptOf('Avstår från yttrande\nSe bilaga\nMed vänlig hälsning', [stem('yttrande')], () => 1, 'count').keySentence).toBe('Avstår från yttrande');
    expect(excerptOf('Avstår från yttrande\nYttrande till kommunstyrelsen\nTf miljöskyddschef', [stem('yttrande')], () => 1, 'count').keySentence).toBe('Avstår från yttrande');
  });

  it('completes a key line that breaks off with the line or list after it, and highlights both', () => {
    const passage = 'Miljöskyddsnämnden antar yttrandet som sitt eget.\nBeslutet ska skickas till\nKS\nMaria Jacobsson';
    const sent = excerptOf(passage, [stem('beslutet'), stem('skickas')], () => 1, 'who');
    expect(sent.keySentence).toBe('Beslutet ska skickas till KS');
    expect(sent.highlights).toEqual(['Beslutet ska skickas till', 'KS']);
    const listed = 'Kommunfullmäktiges beslut expedieras till\n1. Samtliga nämnder och bolag\n2. Revisionskontoret\nFör Sverigedemokraterna,';
    expect(excerptOf(listed, [stem('expedieras')], () => 1, 'who').keySentence).toBe('Kommunfullmäktiges beslut expedieras till 1. Samtliga nämnder och bolag 2. Revisionskontoret');
    // A sentence that ends is not continued, nor one ending in a Roman "I", nor by a whole sentence.
    expect(excerptOf('Beslutet skickas till KS.\nMaria Jacobsson', [stem('beslutet')], () => 1, 'who').keySentence).toBe('Beslutet skickas till KS.');
    expect(excerptOf('Handlingsplan för etapp I\nKommunstyrelsen ansvarar för uppföljningen.', [stem('handlingsplan')], () => 1, 'what').keySentence).toBe('Handlingsplan för etapp I');
    const whole = excerptOf('Beslutet ska skickas till\nBeslutet gäller från och med i dag.', [stem('beslutet')], () => 1, 'who');
    expect(whole.keySentence).toBe('Beslutet ska skickas till');
    expect(new Set(whole.highlights).size).toBe(whole.highlights.length);
  });

  it('leads with the sentence that holds the paragraph or case number asked for', () => {
    const passage = 'Strategin följs upp av kommunfullmäktige varje år.\nKommunfullmäktige antog strategin den 13 december 2017, § 251.';
    const terms = [stem('strategin'), stem('kommunfullmäktige')];
    expect(excerptOf(passage, terms, () => 1, 'what').keySentence).toBe('Strategin följs upp av kommunfullmäktige varje år.');
    expect(excerptOf(passage, terms, () => 1, 'what', false, 'paragraph').keySentence).toBe('Kommunfullmäktige antog strategin den 13 december 2017, § 251.');
  });

  it('answers "hur många" with the line that leads into a bulleted list, and its items', () => {
    const passage = 'Nämnden tillstyrker strategin.\nFramförda synpunkter bör beaktas:\n• Strategin bör peka ut informationssäkerhet.\n• Tydliggöra skillnaden på digitisering och digitalisering.';
    const terms = [stem('synpunkter'), stem('strategin')];
    expect(excerptOf(passage, terms, () => 1, 'count').keySentence).toBe(
      'Framförda synpunkter bör beaktas: • Strategin bör peka ut informationssäkerhet. • Tydliggöra skillnaden på digitisering och digitalisering.',
    );
  });

  it('counts an item of several sentences once, and goes on with the list after it', () => {
    const passage = 'Beslutsunderlag\n1. Protokoll. Bilaga A.\n2. Digital strategi\n3. Yttranden\nNämnden beslutar.';
    expect(listsAfter(linedSentences(passage))[0]).toEqual({ items: 3, end: 5 });
    // Without line breaks every sentence starts a line: "Bilaga A." ends the list, as before.
    expect(listsAfter(sentences(passage).map((text) => ({ text })))[0]).toEqual({ items: 1, end: 2 });
    // A sentence after a list item on a line of its own is no part of it.
    expect(listsAfter(linedSentences('Bilagor:\n• Protokoll\n• Yttrande\nDärtill kommer ett beslut.'))[0]).toEqual({ items: 2, end: 3 });
    const terms = [stem('beslutsunderlag'), stem('strategi')];
    expect(excerptOf(passage, terms, () => 1, 'count').keySentence).toBe('Beslutsunderlag: 1. Protokoll. Bilaga A. 2. Digital strategi 3. Yttranden');
  });

  it('does not take a paragraph, case number or date for a stated count, but a number word', () => {
    const list = 'Beslutsunderlag\n1. Kommunfullmäktigeskrivelse\n2. Digital strategi';
    const terms = [stem('beslutsunderlag'), stem('strategi')];
    for (const before of ['Enligt § 45 har strategin beslutsunderlag.', 'Ärendet har dnr KS 2019/00123, kom 2 juni och har beslutsunderlag.']) {
      expect(excerptOf(`${before}\n${list}`, terms, () => 1, 'count').keySentence, before).toMatch(/^Beslutsunderlag: 1\./);
    }
    expect(excerptOf(`Totalt tre av strategierna har beslutsunderlag.\n${list}`, terms, () => 1, 'count').keySentence).toBe('Totalt tre av strategierna har beslutsunderlag.');
    // A lead far less telling than the best sentence is not the key.
    expect(excerptOf('Strategi:\n1. Plan\n2. Budget\nBeslutsunderlag för strategin finns.', terms, (t) => (t === stem('beslutsunderlag') ? 5 : 1), 'count').keySentence).toBe('Beslutsunderlag för strategin finns.');
  });

  it('marks nothing in bold when the key sentence is most of the excerpt', () => {
    const single = 'Insatserna inom det fjärde målområdet anses vara omhändertagna inom övriga målområden.';
    const one = excerptOf(single, [stem('insatserna')]);
    expect(one.highlights).toEqual([single]);
    expect(excerptBlocks(one.excerpt, one.highlights)).toEqual([{ text: single, item: false }]);
    const outline = '5.1 Målområde 1: 5.1.1 Samlad analys av portföljer ska genomföras; 5.1.2 Uppföljning och nyckeltal ska utvecklas.\nSe även 5.2.';
    const list = excerptOf(outline, [stem('analys')]);
    expect(list.highlights).toHaveLength(1);
    expect(excerptBlocks(list.excerpt, list.highlights).map((b) => b.text).join('\n')).not.toContain('**');
  });
});

describe('the key sentence of a passage', () => {
  const passage =
    'Uppföljningen har gjorts genom intervjuer och uppgifter i Pios. De flesta förvaltningar saknar koppling till planen. Stadens verktyg Pios används inte av någon förvaltning. Resurserna är svåra att överblicka.';

  it('is the sentence about the word asked for (its topic), not one that only mentions it', () => {
    const { keySentence, highlights } = excerptOf(passage, [stem('pios')]);
    expect(keySentence).toBe('Stadens verktyg Pios används inte av någon förvaltning.');
    expect(highlights[0]).toBe(keySentence);
  });

  it('is the sentence with the kind of fact asked for when the words tie', () => {
    const text = 'Strategin gäller hela kommunen och ska följas upp årligen. Kommunstyrelsen antog strategin i mars 2020 och den gäller tills vidare.';
    expect(excerptOf(text, [stem('strategin')], () => 1, 'when').keySentence).toBe('Kommunstyrelsen antog strategin i mars 2020 och den gäller tills vidare.');
    expect(excerptOf(text, [stem('strategin')], () => 1, 'why').keySentence).toBe('Strategin gäller hela kommunen och ska följas upp årligen.');
  });

  it('comes with the sentence before when it points back to it', () => {
    const text = 'Budgeten är knapp. Ofta saknas en samlad plan. Det här är en av anledningarna till att nyttokalkyler saknas.';
    expect(excerptOf(text, [stem('nyttokalkyler')]).keySentence).toBe('Ofta saknas en samlad plan. Det här är en av anledningarna till att nyttokalkyler saknas.');
  });

  it('is one that refers back with "Dessa …", counting the words of the sentence it refers to, and comes with it', () => {
    const text = 'Förvaltningen berättade om sina system IST och Vklass. Dessa utvecklingsinsatser drevs inledningsvis av Intraservice. Det fanns förstudier.';
    const terms = [stem('ist'), stem('vklass'), stem('drevs')];
    expect(excerptOf(text, terms, () => 1, 'who').keySentence).toBe('Förvaltningen berättade om sina system IST och Vklass. Dessa utvecklingsinsatser drevs inledningsvis av Intraservice.');
    // Without the demonstrative the sentence is about something else: the words of the one before do not count.
    const unrelated = 'Förvaltningen berättade om sina system IST och Vklass. Projekten drevs inledningsvis av Intraservice.';
    expect(excerptOf(unrelated, terms, () => 1, 'who').keySentence).toBe('Förvaltningen berättade om sina system IST och Vklass.');
  });

  it('is not shown again above a passage that opens with it, also after a long run of whitespace', () => {
    const key = 'Nämnden ansvarar för e-arkivet.';
    const card = (excerpt: string): string =>
      JSON.stringify(answerCard({ question: 'vem?', answered: true, answer: excerpt, sources: [{ document: 'a.txt', title: 'A', section: 'B', page: undefined, excerpt, highlights: [key], keySentence: key, score: 1 }] }, { id: '5f0c1a2e-0000-4000-8000-000000000001', pk: '2026-11' }));
    expect(card(`${key} Mer text följer här.`)).not.toContain('Ur texten');
    expect(card(`${'\t'.repeat(420)}${key} Mer text.`)).not.toContain('Ur texten');
    expect(card(`Inledning först. ${key}`)).toContain('Ur texten');
  });

  it('does not take "Det härliga …" for a demonstrative', () => {
    expect(pointsBack('Det härliga med planen är att den är kort.')).toBe(false);
    expect(pointsBack('Det här är en av anledningarna.')).toBe(true);
  });

  it('stands alone when its demonstrative names what it means', () => {
    const text = 'Mölndals stad antog agendan i fullmäktige. Denna digitala agenda ska gälla under åren 2017-2019.';
    expect(excerptOf(text, [stem('agenda'), stem('gälla')]).keySentence).toBe('Denna digitala agenda ska gälla under åren 2017-2019.');
  });

  it('tells a demonstrative that stands alone from one before its noun', () => {
    for (const s of ['Detta är skälet.', 'Detta beror på budgeten.', 'Detta skapas i dialog.', 'Dessa används sällan.', 'Det här försvårar arbetet.', 'Dessa kan återanvändas.', 'Därför behövs en plan.', 'Detta.'])
      expect(pointsBack(s), s).toBe(true);
    for (const s of ['Denna digitala agenda ska gälla till 2019.', 'Detta arbete pågår.', 'Dessa förutsättningar saknas.', 'Den här kategorin är störst.', 'Denna uppföljning visar mycket.', 'Planen gäller.'])
      expect(pointsBack(s), s).toBe(false);
  });

  it('is empty when no sentence has a word of the question', () => {
    expect(excerptOf(passage, ['budget'])).toMatchObject({ keySentence: '', highlights: [], keyScore: 0 });
  });
});
