/** A physical line of extracted text, before mending. */
export interface RawLine {
  text: string;
  /** 1-based page number, when the source has pages. */
  page: number | undefined;
  /** Blank lines between this line and the previous one. */
  gapBefore: number;
  /** First line of a page (a page break precedes it). */
  pageStart: boolean;
}

/** A run of text the reader considers one unit: a paragraph, or a heading when known. */
export interface Block {
  lines: string[];
  page: number | undefined;
  /** Set when the format marks the block as a heading (Markdown #, Word heading style, bold line). */
  headingLevel?: number;
}

/** What a reader returns: the document's own title, if it declares one, and its blocks. */
export interface ReadDocument {
  title?: string;
  blocks: Block[];
  /** Footnotes removed from the running text: their texts by number, in document order. */
  footnotes?: ReadonlyMap<number, readonly string[]>;
}

export interface Section {
  /** "5.1.3" for numbered headings, undefined otherwise. */
  number: string | undefined;
  /** Nesting depth when the format tells it (Markdown #, Word heading, number depth). */
  level: number | undefined;
  /** Heading text without its number ("" before the first heading). */
  title: string;
  page: number | undefined;
  paragraphs: Paragraph[];
}

export interface Paragraph {
  text: string;
  page: number | undefined;
  /** A footnote, resolved to the word it explains ("Pios: Digitalt verktyg ..."). */
  note?: boolean;
}

/** A parsed document: the unit the knowledge base indexes and cites. */
export interface ParsedDocument {
  /** File name, as cited ("goteborg-....txt"). */
  file: string;
  title: string;
  sections: Section[];
}
