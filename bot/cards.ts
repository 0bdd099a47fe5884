import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Answer, Source } from '../src/knowledge/answerer.js';
import type { FeedbackValue, QuestionRef } from '../src/qa/questionLog.js';

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

const MORE_EXCERPT = 300;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40)).trimEnd()} …`;
}

function highlighted(source: Source): string {
  let text = escapeMarkdown(source.excerpt);
  for (const sentence of source.highlights) {
    const escaped = escapeMarkdown(sentence);
    text = text.replace(escaped, `**${escaped}**`);
  }
  return text;
}

function heading(source: Source): string {
  const page = source.page !== undefined ? `, s. ${source.page}` : '';
  return escapeMarkdown(`${source.title} – ${source.section || 'inledning'}${page}`);
}

/** The answer card: best passage, its source, further sources and 👍/👎. */
export function answerCard(answer: Answer, ref: QuestionRef, feedback?: FeedbackValue): CardJson {
  const [first, ...rest] = answer.sources;
  if (!first) throw new Error('answerCard needs an answered question');
  const thanks = feedback === 'up' ? 'Tack! Du tyckte att svaret hjälpte.' : feedback === 'down' ? 'Tack! Du tyckte inte att svaret hjälpte – det hjälper oss att förbättra underlaget.' : '';
  return expandCard('answer', {
    excerpt: highlighted(first),
    source: {
      title: escapeMarkdown(first.title),
      document: escapeMarkdown(first.document),
      section: escapeMarkdown(first.section || 'Inledning'),
      page: first.page !== undefined ? String(first.page) : '',
    },
    // Further sources are a pointer, not a second answer: their start is enough.
    more: rest.map((s) => ({ heading: heading(s), excerpt: escapeMarkdown(shorten(s.excerpt, MORE_EXCERPT)) })),
    questionId: ref.id,
    pk: ref.pk,
    feedbackText: thanks,
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
    nearestExcerpt: nearest ? escapeMarkdown(shorten(nearest.excerpt, MORE_EXCERPT)) : '',
  });
}

export function welcomeCard(): CardJson {
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
    examples: ['Vilka är målområdena i planen?', 'Vad är Pios?', 'Registrera insats'],
  });
}

export function toAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
