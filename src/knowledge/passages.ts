import type { ParsedDocument, Section } from './ingest/types.js';
import { sentenceSpans } from './text/sentences.js';

/** A citable stretch of a document: what the index searches and the answer quotes. */
export interface Passage {
  id: number;
  document: ParsedDocument;
  sectionIndex: number;
  /** "5.1.3 För att stärka ..." or the unnumbered heading; "" before the first heading. */
  section: string;
  page: number | undefined;
  text: string;
  /** Running text, a section's outline (its subsection headings), or a footnote. */
  kind: PassageKind;
}

export type PassageKind = 'text' | 'outline' | 'note';

const TARGET = 700;
const HARD_MAX = 1000;

function splitSentences(text: string): string[] {
  const spans = sentenceSpans(text);
  return spans.length ? spans.map((s) => text.slice(s.start, s.end)) : [text];
}

function label(section: Section): string {
  return section.number ? `${section.number} ${section.title}` : section.title;
}

/**
 * The subsections directly under section `index`: by numbering where there is one
 * ("5" → "5.1", "5.2", ...), otherwise by heading level.
 */
export function childSections(sections: readonly Section[], index: number): Section[] {
  const parent = sections[index];
  if (!parent || parent.level === undefined) return [];
  const descendants: Section[] = [];
  for (const section of sections.slice(index + 1)) {
    if (section.level !== undefined && section.level <= parent.level) break;
    descendants.push(section);
  }
  const numbered = descendants.filter((d) => d.number !== undefined);
  if (numbered.length > 0) {
    const depth = (s: Section): number => (s.number ?? '').split('.').length;
    const want = parent.number ? depth(parent) + 1 : Math.min(...numbered.map(depth));
    return numbered.filter((d) => depth(d) === want);
  }
  const levels = descendants.map((d) => d.level).filter((l): l is number => l !== undefined);
  const top = Math.min(...levels);
  return descendants.filter((d) => d.level === top);
}

/**
 * Cuts a document into passages: consecutive paragraphs of one section up to about 700
 * characters; a longer paragraph is cut at sentence ends. Passages never cross sections,
 * so every passage cites one section and the page where it starts.
 */
export function toPassages(document: ParsedDocument, firstId: number): Passage[] {
  const passages: Passage[] = [];
  document.sections.forEach((section, sectionIndex) => {
    const sectionLabel = label(section);
    let text = '';
    let page = section.page;
    const flush = (kind: PassageKind = 'text'): void => {
      if (text.trim()) {
        passages.push({ id: firstId + passages.length, document, sectionIndex, section: sectionLabel, page, text: text.trim(), kind });
      }
      text = '';
    };
    for (const paragraph of section.paragraphs) {
      if (paragraph.note) {
        // A footnote stands alone: it is a definition, and short passages rank well for it.
        flush();
        text = paragraph.text;
        page = paragraph.page ?? section.page;
        flush('note');
        continue;
      }
      const pieces = paragraph.text.length > HARD_MAX ? splitSentences(paragraph.text) : [paragraph.text];
      for (const piece of pieces) {
        if (text && text.length + piece.length > TARGET) flush();
        if (!text) page = paragraph.page ?? section.page;
        text = text ? `${text}${pieces.length > 1 ? '' : '\n'}${piece}` : piece;
      }
      if (pieces.length > 1) text = `${text.trimEnd()}`;
    }
    flush();
    // A section with subsections also gets its outline as a passage: "which are the four
    // målområden?" is answered by the headings under the chapter, not by any paragraph.
    const children = childSections(document.sections, sectionIndex);
    if (children.length >= 2) {
      text = `${sectionLabel}: ${children.map((c) => label(c)).join('; ')}.`;
      page = section.page;
      flush('outline');
    }
  });
  return passages;
}
