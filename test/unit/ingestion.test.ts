import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/knowledge/ingest/loadDocument.js';
import { readText } from '../../src/knowledge/ingest/readText.js';
import { readMarkdown } from '../../src/knowledge/ingest/readMarkdown.js';
import { buildSections } from '../../src/knowledge/ingest/sections.js';
import { joinLines, stripFootnoteMarkers } from '../../src/knowledge/ingest/mending.js';
import type { ParsedDocument } from '../../src/knowledge/ingest/types.js';

const SHARED = path.resolve(process.cwd(), '../shared');
const corpus = (f: string): string => path.join(SHARED, 'corpus', f);
const formats = (f: string): string => path.join(SHARED, 'corpus-formats', f);

const numbered = (d: ParsedDocument): string[] => d.sections.filter((s) => s.number).map((s) => `${s.number} ${s.title}`);
const allText = (d: ParsedDocument): string => d.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n');

describe('mending extraction artefacts', () => {
  it('joins words hyphenated across lines but keeps suspended hyphens and year ranges', () => {
    expect(joinLines('en digitaliserings-', 'workshop med')).toBe('en digitaliseringsworkshop med');
    expect(joinLines('bedömningar av risk-', 'och konsekvensanalyser')).toBe('bedömningar av risk- och konsekvensanalyser');
    expect(joinLines('plan för digitalisering 2023-', '2026')).toBe('plan för digitalisering 2023-2026');
    expect(joinLines('Vi har tre kategorier:', '- upphandlingar')).toBe('Vi har tre kategorier:\n- upphandlingar');
  });

  it('drops footnotes at page feet, strips their markers and keeps them as notes on the word', () => {
    const text = [
      ' Rubrik på sidan ett',
      'Stadens verktyg Pios1 används inte av',
      'förvaltningarna, som ändå',
      '',
      ' ',
      '1 Digitalt verktyg för portföljstyrning',
      'i offentlig sektor',
      ' ska rapportera sina projekt.',
    ].join('\n');
    const read = readText(text);
    const sections = buildSections(read.blocks, read.footnotes);
    const paragraphs = sections.flatMap((s) => s.paragraphs);
    expect(paragraphs.map((p) => p.text)).toContain('Pios: Digitalt verktyg för portföljstyrning i offentlig sektor');
    const body = paragraphs.find((p) => !p.note && p.text.includes('Stadens verktyg'));
    // The page break and the footnote between are mended away: one sentence, no marker.
    expect(body?.text).toBe('Stadens verktyg Pios används inte av förvaltningarna, som ändå ska rapportera sina projekt.');
  });

  it('keeps a footnote whose marker follows the full stop ("medborgarservice.2"), and every footnote of the Göteborg report', async () => {
    const text = [
      ' Rubrik på sidan ett',
      'Det finns tre leverantörer av tjänster; Intraservice och',
      'nämnden för demokrati och medborgarservice.1 Dessa tre',
      '',
      ' ',
      '1 Tidigare var det enbart nämnden för Intraservice',
      ' ansvarar för hela staden.',
    ].join('\n');
    const read = readText(text);
    const paragraphs = buildSections(read.blocks, read.footnotes).flatMap((s) => s.paragraphs);
    expect(paragraphs.filter((p) => p.note).map((p) => p.text)).toEqual(['medborgarservice: Tidigare var det enbart nämnden för Intraservice']);
    expect(paragraphs.find((p) => !p.note)?.text).toBe('Det finns tre leverantörer av tjänster; Intraservice och nämnden för demokrati och medborgarservice. Dessa tre ansvarar för hela staden.');
    // A number after a full stop is a marker only before a new sentence: not "kap.2 §" or "s.1 i".
    expect(stripFootnoteMarkers('Enligt 3 kap.2 § och s.1 i bilagan.', new Set([1, 2]))).toBe('Enligt 3 kap.2 § och s.1 i bilagan.');
    // The file has twelve footnote lines (its parts number theirs anew): none is lost, and no marker stays in the text.
    const doc = await loadDocument(corpus('goteborg-fordjupad-uppfoljning-digitalisering-2024.txt'));
    expect(doc.sections.flatMap((s) => s.paragraphs).filter((p) => p.note)).toHaveLength(12);
    expect(allText(doc)).not.toMatch(/medborgarservice\.2|uppföljningsarbete\.3/);
  });

  it('resolves a footnote marker glued to a year, with the words before it as the label', () => {
    const text = [
      ' Rubrik på sidan ett',
      'Det följer vad stadsrevisionen rekommenderade i den',
      'revisionsrapport som presenterades hösten 20241. Arbetet',
      '',
      ' ',
      '1 Styrning och samordning av digital utveckling, 2024-11-20',
      ' fortsätter under året och kostade 20003 kr.',
    ].join('\n');
    const read = readText(text);
    const paragraphs = buildSections(read.blocks, new Map([...(read.footnotes ?? []), [3, ["En fotnot längre fram."]]])).flatMap((s) => s.paragraphs);
    expect(paragraphs.filter((p) => p.note).map((p) => p.text)).toEqual(['revisionsrapport som presenterades hösten 2024: Styrning och samordning av digital utveckling, 2024-11-20']);
    // "20003": a 3 after a year is no marker while footnote 2 has not come; the number stays.
    expect(paragraphs.find((p) => !p.note)?.text).toBe('Det följer vad stadsrevisionen rekommenderade i den revisionsrapport som presenterades hösten 2024. Arbetet fortsätter under året och kostade 20003 kr.');
  });

  it('reads a Markdown header table as one line of fields, not as headings', () => {
    const read = readMarkdown(['# Digital agenda', '', '<b>Styrdokument</b> Strategi\t<b>Beslutat av</b> Kommunstyrelsen\t<b>Gäller från och med</b>', '<b>Ansvarig</b> IT-chef\t<b>Gäller för</b> Staden', '', '**Sammanfattning**', '', 'Text.'].join('\n'));
    expect(read.blocks.map((b) => [b.headingLevel ?? 'text', b.lines.join(' ')])).toEqual([
      [1, 'Digital agenda'],
      ['text', 'Styrdokument Strategi; Beslutat av Kommunstyrelsen; Ansvarig IT-chef; Gäller för Staden'],
      [4, 'Sammanfattning'],
      ['text', 'Text.'],
    ]);
    const sections = buildSections(read.blocks);
    expect(sections.map((s) => s.title)).toEqual(['Digital agenda', 'Sammanfattning']);
    // A bold heading with a tab stays a heading; a line right after the table is not one of its fields.
    expect(readMarkdown('**1.\tInledning**').blocks[0]?.headingLevel).toBe(4);
    const after = readMarkdown('<b>Ansvarig</b> IT-chef\t<b>Gäller för</b> Staden\nDenna agenda gäller 2017.');
    expect(after.blocks.map((b) => b.lines.join(' '))).toEqual(['Ansvarig IT-chef; Gäller för Staden', 'Denna agenda gäller 2017.']);
  });

  it('counts pages from the extractor page-start marks and knows nothing of pages without them', () => {
    const paged = readText(' Sida ett\ntext\n Sida två\nmer text');
    expect(paged.blocks.map((b) => b.page)).toEqual([1, 2]);
    expect(readText('Utan sidor\ntext').blocks[0]?.page).toBeUndefined();
  });
});

describe('the corpus documents', () => {
  it('reads the Göteborg follow-up with its numbered structure, titles and pages', async () => {
    const doc = await loadDocument(corpus('goteborg-fordjupad-uppfoljning-digitalisering-2024.txt'));
    expect(doc.title).toBe('Yrkande angående Fördjupad uppföljning inom digitaliseringsområdet 2024');
    const sections = numbered(doc);
    expect(sections).toContain('5.1 Målområde 1 - Uppnå balans mellan effektivitet och innovation');
    expect(sections).toContain('5.1.3 För att stärka och kvalitetssäkra arbetet med behovs- och beslutsunderlag ska ett digitalt metodstöd införas för prioritering och värdering (1 C)');
    expect(sections.filter((s) => /^5\.\d\.\d /.test(s))).toHaveLength(17);
    // Footnotes are not chapters: "5 Utbildningsnämnden ..." is a footnote inside 4.2.2.
    expect(sections.some((s) => s.startsWith('5 Utbildningsnämnden'))).toBe(false);
    const s513 = doc.sections.find((s) => s.number === '5.1.3');
    expect(s513?.page).toBe(32);
    expect(allText(doc)).not.toMatch(/Pios1|Dimios10/);
  });

  it('gives the same sections for the same text as .txt and as .pdf', async () => {
    const txt = await loadDocument(corpus('goteborg-fordjupad-uppfoljning-digitalisering-2024.txt'));
    const pdf = await loadDocument(formats('goteborg-fordjupad-uppfoljning-digitalisering-2024.pdf'));
    expect(numbered(pdf)).toEqual(numbered(txt));
    expect(numbered(pdf).length).toBeGreaterThan(50);
    // PDF pages are the PDF's own: ascending, within the page count.
    const pages = pdf.sections.map((s) => s.page ?? 0);
    expect(pages.every((p, i) => p >= (pages[i - 1] ?? 0) && p >= 1 && p <= 33)).toBe(true);
    const words = (d: ParsedDocument): Set<string> => new Set(allText(d).toLowerCase().match(/\p{L}{4,}/gu));
    const a = words(txt);
    const b = words(pdf);
    const shared = [...a].filter((w) => b.has(w)).length;
    expect(shared / Math.max(a.size, b.size)).toBeGreaterThan(0.97);
  });

  it('reads the DOCX copies like their text originals', async () => {
    for (const [docx, original] of [
      ['molndal-digital-agenda-2017-2019.docx', 'molndal-digital-agenda-2017-2019.md'],
      ['alingsas-remissvar-digital-malbild-2018.docx', 'alingsas-remissvar-digital-malbild-2018.txt'],
    ] as const) {
      const a = await loadDocument(formats(docx));
      const b = await loadDocument(corpus(original));
      expect(a.title).toBe(b.title);
      const titles = (d: ParsedDocument): string[] => d.sections.map((s) => s.title).filter((t) => t.length > 0 && !/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(t));
      expect(titles(a)).toEqual(titles(b));
    }
    const molndal = await loadDocument(formats('molndal-digital-agenda-2017-2019.docx'));
    expect(numbered(molndal)).toEqual(['1 Extern service', '2 Intern effektivitet', '3 Informationssäkerhet', '4 Bredband', '5 E-hälsa', '6 Utbildning', '7 Grön IT', '8 E-arkiv', '9 Öppna data']);
    expect(allText(molndal)).not.toContain('<b>');
  });

  it('heads each body’s bulleted points with its name, Symbol-font bullets too (Borås)', async () => {
    const doc = await loadDocument(corpus('boras-digital-strategi-2020.txt'));
    const section = (title: string): string => doc.sections.filter((s) => s.title === title).flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n');
    expect(section('Grundskolenämnden')).toContain('beslutsstödsystem (Business intelligence)');
    expect(section('Förskolenämnden')).toContain('Barn- och utbildningsperspektiven utvecklas');
    expect(section('Gymnasie- och vuxenutbildningsnämnden')).toContain('Definition av strategiska vägval');
    expect(section('Kulturnämnden')).not.toContain('Barn- och utbildningsperspektiven');
  });

  it('mends a word hyphenated across a blank line (Borås)', async () => {
    const doc = await loadDocument(corpus('boras-digital-strategi-2020.txt'));
    expect(allText(doc)).toContain('digitaliseringsworkshop med politiker');
  });

  it('reports an unreadable file instead of returning nothing', async () => {
    await expect(loadDocument(path.join(process.cwd(), 'package.json'))).rejects.toThrow(/stöds inte/);
  });
});

describe('readText', () => {
  it('takes a short line before a bulleted list for its heading, and keeps each point apart', () => {
    const read = readText(['Förskolenämnden', '', '\uF0B7 Prioriterade områden tydliggörs.', '', '\uF0B7 Strategin vidgar begreppet.', '', 'Avstår från yttrande', '', 'Valnämnden'].join('\n'));
    const sections = buildSections(read.blocks);
    const heads = sections.find((s) => s.title === 'Förskolenämnden');
    // The symbol font's bullet is shown as a bullet.
    expect(heads?.paragraphs.slice(0, 2).map((p) => p.text)).toEqual(['• Prioriterade områden tydliggörs.', '• Strategin vidgar begreppet.']);
    // A short line before another short line is not a heading.
    expect(sections.some((s) => s.title === 'Avstår från yttrande')).toBe(false);
  });

  it('takes a short line before one whole sentence for its heading, not one before a fragment', () => {
    const read = readText(['Förslag till beslut', '', 'Miljöskyddsnämnden antar förvaltningens yttrande som sitt eget.', '', 'Beslutet ska skickas till', '', 'KS'].join('\n'));
    const sections = buildSections(read.blocks);
    expect(sections.find((s) => s.title === 'Förslag till beslut')?.paragraphs[0]?.text).toBe('Miljöskyddsnämnden antar förvaltningens yttrande som sitt eget.');
    expect(sections.some((s) => s.title === 'Beslutet ska skickas till')).toBe(false);
    // After a line that leads into a list, a short line is an item of it.
    const items = buildSections(readText(['Staden använder två plattformar för möten och dokument:', '', 'Microsoft Teams', '', 'Den används av alla förvaltningar sedan flera år tillbaka.'].join('\n')).blocks);
    expect(items.some((s) => s.title === 'Microsoft Teams')).toBe(false);
  });

  it('handles form feeds as page breaks', () => {
    const read = readText('Första sidan\n\fAndra sidan');
    expect(read.blocks.map((b) => b.page)).toEqual([1, 2]);
    expect(readFileSync(corpus('timra-fardplan-digitalisera.txt'), 'utf8').length).toBeGreaterThan(1000);
  });
});
