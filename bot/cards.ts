import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Answer, Source } from '../src/knowledge/answerer.js';
import type { FeedbackValue, QuestionRef } from '../src/qa/questionLog.js';
import { flatStart, furtherPreview, furtherSources, previewOf } from '../src/knowledge/sourcePreview.js';

/** Card action verbs, shared by templates, routes and tests. */
export const VERBS = { feedback: 'feedback' } as const;

/** An Adaptive Card as JSON. */
export type CardJson = Record<string, unknown>;

function findCardsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'cards');
    try {
      readFileSync(path.join(candidate, 'answer.json'));
      return candidate;
    } catch {
      dir = path.dirname(dir);
    }
  }
  throw new Error('Hittar inte mappen cards/ med kortmallarna');
}

const CARDS_DIR = findCardsDir();
const templates = new Map<string, ACData.Template>();

/** Expands the template cards/<name>.json with data (adaptivecards-templating). */
export function expandCard(name: string, data: Record<string, unknown>): CardJson {
  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as object);
    templates.set(name, template);
  }
  return template.expand({ $root: data }) as CardJson;
}

/**
 * Escapes text for an Adaptive Card TextBlock, whose markdown would otherwise turn a
 * user's or a document's "*", "_" or "[x](y)" into formatting or links.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|~#])/g, '\\$1')
    .replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

const LIST_ITEM = /^\s*(?:[-–•*]|\d{1,2}[.)])\s+/;

/** Bold only stands out against plain text: highlights that make up most of the excerpt are not marked. */
const MAX_HIGHLIGHTED_SHARE = 0.6;

/** A numbered list item's number ("2." or "2)"), kept in the card as "2.". */
const NUMBERED = /^(\d{1,2})[.)]\s/;

function standsOut(excerpt: string, highlights: readonly string[]): boolean {
  const letters = (text: string): number => text.replace(/\s+/g, '').length;
  const highlighted = highlights.filter((h) => excerpt.includes(h)).reduce((sum, h) => sum + letters(h), 0);
  return highlighted <= MAX_HIGHLIGHTED_SHARE * letters(excerpt);
}

/**
 * The excerpt as blocks a card shows one under the other: paragraphs, and list items as
 * "•" lines (the source's "- " would otherwise be escaped, or flattened into the paragraph).
 * A numbered item keeps its number ("2. Digital strategi"), so "hur många …" can be read off.
 * Line breaks inside a TextBlock are not kept alike by every client; separate blocks are.
 * Highlights are in bold unless they are most of the excerpt.
 */
export function excerptBlocks(excerpt: string, highlights: readonly string[] = []): { text: string; item: boolean }[] {
  const blocks: { text: string; item: boolean }[] = [];
  const marked = (standsOut(excerpt, highlights) ? highlights : []).map((sentence) => escapeMarkdown(sentence.replace(LIST_ITEM, ''))).filter(Boolean);
  for (const line of excerpt.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const item = LIST_ITEM.test(line);
    let text = escapeMarkdown(item ? line.replace(LIST_ITEM, '') : line);
    for (const escaped of marked) {
      if (text.includes(escaped)) text = text.replace(escaped, `**${escaped}**`);
    }
    const number = item ? NUMBERED.exec(line)?.[1] : undefined;
    blocks.push({ text: number ? `${number}\\. ${text}` : item ? `• ${text}` : text, item });
  }
  return blocks;
}

function heading(source: Source): string {
  const page = source.page !== undefined ? `, s. ${source.page}` : '';
  const section = source.section && source.section !== source.title ? ` – ${source.section}` : '';
  return escapeMarkdown(`${source.title}${section}${page}`);
}

/** Whether an excerpt opens with its key sentence, so it needs no lead of its own. */
function opensWith(excerpt: string, sentence: string): boolean {
  // The key sentence of a numbered list reads "Beslutsunderlag: 1. …" where the excerpt has no colon.
  const flat = (text: string): string => text.replace(LIST_ITEM, '').replace(/:(?=\s)/g, '').replace(/\s+/g, ' ').trim();
  const start = flat(sentence).slice(0, 60);
  return flatStart(excerpt, start.length, flat).startsWith(start);
}

/** The payload of a 👍/👎 button; features/questions.ts validates it when it comes back. */
function feedbackData(ref: QuestionRef, value: FeedbackValue): Record<string, string> {
  return { verb: VERBS.feedback, questionId: ref.id, pk: ref.pk, value };
}

/** A footnote's "Term: explanation" with the term in bold. */
function definitionText(definition: string): string {
  const at = definition.indexOf(': ');
  if (at <= 0 || at > 60) return escapeMarkdown(definition);
  return `**${escapeMarkdown(definition.slice(0, at))}:** ${escapeMarkdown(definition.slice(at + 2))}`;
}

/**
 * The answer card: a footnote's definition if one explains the word asked about, the key
 * sentence first when the passage does not open with it, then the passage as context with
 * the footnotes to its words, its source, further sources and 👍/👎.
 */
export function answerCard(answer: Answer, ref: QuestionRef, feedback?: FeedbackValue): CardJson {
  const [first, ...rest] = answer.sources;
  if (!first) throw new Error('answerCard needs an answered question');
  const thanks = feedback === 'up' ? 'Tack! Du tyckte att svaret hjälpte.' : feedback === 'down' ? 'Tack! Du tyckte inte att svaret hjälpte – det hjälper oss att förbättra underlaget.' : '';
  const lead = first.keySentence && !opensWith(first.excerpt, first.keySentence) ? escapeMarkdown(first.keySentence.replace(LIST_ITEM, '')) : '';
  // Further sources are a pointer, not a second answer: their start is enough.
  const more = furtherSources(first, rest).map((s) => ({ heading: heading(s), excerpt: escapeMarkdown(furtherPreview(s)) }));
  // The template only reads fields and flags: an expression such as "x != ''" costs a
  // turn several times what a field lookup does.
  return expandCard('answer', {
    definition: first.definition ? definitionText(first.definition) : '',
    hasDefinition: Boolean(first.definition),
    lead,
    hasLead: lead !== '',
    blocks: excerptBlocks(first.excerpt, first.highlights).map((block) => ({ text: block.text, spacing: block.item ? 'Small' : 'Default' })),
    notes: (first.notes ?? []).map((note) => ({ text: `Fotnot – ${definitionText(note)}` })),
    source: {
      title: escapeMarkdown(first.title),
      document: escapeMarkdown(first.document),
      section: escapeMarkdown(first.section || 'Inledning'),
      page: first.page !== undefined ? String(first.page) : '',
    },
    hasPage: first.page !== undefined,
    more,
    hasMore: more.length > 0,
    moreCount: more.length,
    feedback: { up: feedbackData(ref, 'up'), down: feedbackData(ref, 'down') },
    canGiveFeedback: thanks === '',
    feedbackText: thanks,
    hasFeedback: thanks !== '',
  });
}

/**
 * The card for a question the documents do not answer. With `nearest` (a fact the
 * documents lack) it shows the closest passage under "Närmast i dokumenten", marked as not
 * being the answer.
 */
export function noAnswerCard(message: string, hint = '', nearest?: Source): CardJson {
  return expandCard('noAnswer', {
    message: escapeMarkdown(message),
    hint: escapeMarkdown(hint),
    nearestHeading: nearest ? heading(nearest) : '',
    nearestExcerpt: nearest ? escapeMarkdown(previewOf(nearest.excerpt)) : '',
  });
}

/**
 * The welcome card. `questions` are suggestions the loaded documents answer; its buttons
 * send them, and "Registrera insats", as if typed (see features/typedButtons.ts).
 */
export function welcomeCard(questions: readonly string[]): CardJson {
  return expandCard('welcome', {
    title: 'Hej! Jag är Planpiloten',
    intro: 'Jag hjälper dig med kommunens plan för digitalisering, direkt här i Teams.',
    abilities: [
      'Svarar på frågor om planen och styrdokumenten, med källa: dokument, avsnitt och sida.',
      'Säger ärligt till när dokumenten inte svarar på frågan.',
      'Tar emot din återkoppling på svaren med 👍 eller 👎.',
      'Hjälper dig registrera en digital förändringsinsats i några korta steg, och visar "mina insatser".',
      'Frågar dig som äger en insats, då och då, hur det går med nyttorna: svara direkt i kortet, eller skriv "påminn mig om en vecka".',
    ],
    footer: 'Skriv din fråga som ett vanligt meddelande. Skriv "hjälp" för att se detta igen. I en kanal eller gruppchatt: nämn mig med @Planpiloten.',
    examples: [...questions, 'Registrera insats'],
  });
}

export function toAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
