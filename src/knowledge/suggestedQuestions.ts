import type { ParsedDocument, Section } from './ingest/types.js';
import type { Answer } from './answerer.js';
import { escapeRegExp } from './text/escapeRegExp.js';

/**
 * Headings that name a part of any report rather than a topic: a question about them
 * ("Vad står det om sammanfattning?") reads badly and answers nothing in particular.
 */
const GENERIC_HEADINGS = new Set(
  [
    'sammanfattning', 'bakgrund', 'inledning', 'bilaga', 'bilagor', 'ärendet', 'ärendebeskrivning', 'beskrivning av ärendet',
    'ärendet i sin helhet', 'handläggare', 'yrkande', 'yrkandet', 'förslag till beslut', 'beslut', 'syfte', 'syfte och mål',
    'metod', 'avgränsning', 'övrigt', 'slutsatser', 'innehåll', 'tjänsteutlåtande', 'referenser', 'källor', 'handlingsplan',
  ],
);

const INTERROGATIVE = /^(vad|var|hur|när|varför|vem|vilka|vilken|vilket)$/i;
/** A question fits one button line on a phone (about 320 px). */
const MAX_QUESTION = 40;
const MIN_SECTION_TEXT = 120;

function sectionText(section: Section): string {
  return section.paragraphs.map((p) => p.text).join(' ');
}

/** The topic a heading names: before a dash or colon ("Målområde 1 – Uppnå ..." → "Målområde 1"); "Om X" → X. */
function topicOf(title: string): string {
  return title.split(/\s+[–—-]\s+|:\s+/)[0]?.replace(/^Om\s+/, '').trim() ?? '';
}

/**
 * A heading that is an indirect question ("Vad Planpiloten gör", "Var svaren kommer ifrån")
 * as a direct one: the verb moves before the subject. Only for a one-word subject, the case
 * the word order can be read from without a parser.
 */
function invertedQuestion(title: string): string | undefined {
  const words = title.split(/\s+/);
  const [interrogative, subject, verb, ...rest] = words;
  if (!interrogative || !subject || !verb || !INTERROGATIVE.test(interrogative) || words.length > 4) return undefined;
  return `${[interrogative, verb, subject, ...rest].join(' ')}?`;
}

/**
 * "Kommunernas utmaningar" → "kommunernas utmaningar" inside a question, unless the
 * document writes the first word capitalised inside a sentence too (a name: "Göteborgs Stad").
 */
function inRunningText(topic: string, documentText: string): string {
  const [first = '', ...rest] = topic.split(' ');
  const lower = first.toLowerCase();
  if (first === lower || /^\p{Lu}{2,}/u.test(first) || new RegExp(`[\\p{Ll},] ${escapeRegExp(first)}(?![\\p{L}])`, 'u').test(documentText)) return topic;
  return [lower, ...rest].join(' ');
}

interface Candidate {
  question: string;
  /** The section the question was made from, as a source names it. */
  section: string;
  /** What the question asks about, when a passage elsewhere may answer it by naming it. */
  topic: string | undefined;
}

/** Whether the answer is about what the candidate asks: its own section, or a passage of the document that names the topic. */
function answersCandidate(answer: Answer, document: ParsedDocument, candidate: Candidate): boolean {
  const [first] = answer.sources;
  if (!answer.answered || first?.document !== document.file) return false;
  return first.section === candidate.section || (candidate.topic !== undefined && first.excerpt.toLowerCase().includes(candidate.topic.toLowerCase()));
}

/** The questions one document's headings suggest, shortest first. */
function candidatesOf(document: ParsedDocument): Candidate[] {
  const documentText = document.sections.map(sectionText).join(' ');
  const out: Candidate[] = [];
  for (const section of document.sections) {
    const title = section.title.trim();
    if (!title || sectionText(section).length < MIN_SECTION_TEXT) continue;
    const sectionLabel = section.number ? `${section.number} ${title}` : title;
    const inverted = invertedQuestion(title);
    if (inverted) {
      out.push({ question: inverted, section: sectionLabel, topic: undefined });
      continue;
    }
    const topic = topicOf(title);
    const words = topic.split(/\s+/);
    // A name ("Maria Jacobsson", "Got Event AB") is not a topic to ask about.
    const allCapitalised = words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w));
    if (!topic || words.length > 4 || allCapitalised || GENERIC_HEADINGS.has(topic.toLowerCase())) continue;
    out.push({ question: `Vad står det om ${inRunningText(topic, documentText)}?`, section: sectionLabel, topic });
  }
  // Short questions first: they fit a button on a phone.
  return out.filter((c) => c.question.length <= MAX_QUESTION).sort((a, b) => a.question.length - b.question.length);
}

/**
 * Questions to suggest to a newcomer, made from the headings of the documents that are
 * loaded, and kept only when `answer` answers them from the document they came from: a
 * suggestion the bot then cannot answer is worse than none. One per document, from the
 * documents with the most text first, at most `max`.
 */
export function suggestQuestions(documents: readonly ParsedDocument[], answer: (question: string) => Answer, max = 2): string[] {
  const bySize = [...documents].sort((a, b) => b.sections.map(sectionText).join('').length - a.sections.map(sectionText).join('').length);
  const chosen: string[] = [];
  for (const document of bySize) {
    if (chosen.length >= max) break;
    for (const candidate of candidatesOf(document)) {
      if (answersCandidate(answer(candidate.question), document, candidate)) {
        chosen.push(candidate.question);
        break;
      }
    }
  }
  return chosen;
}
