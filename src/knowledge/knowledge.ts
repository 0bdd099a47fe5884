import type { Answer, AnswerOptions } from './answerer.js';
import type { LoadReport } from './knowledgeBase.js';

/**
 * The documents as the bot sees them: answers are asynchronous, because the index lives on
 * its own thread (see ThreadedKnowledge) so that a search never holds up other turns.
 */
export interface Knowledge {
  answer(question: string, options?: AnswerOptions): Promise<Answer>;
  /** File names of the indexed documents, relative to the folder. */
  readonly files: readonly string[];
  /** Questions the documents answer, made from their headings, for the welcome card. */
  suggestedQuestions(): readonly string[];
  close(): Promise<void>;
}

/** A folder opened on the knowledge thread. */
export interface KnowledgeFolder {
  dir: string;
  debounceMs: number;
  /** 0: no polling (see KnowledgeBase.watch). */
  pollMs: number;
  logLevel: string;
}

/** A folder's state after each (re)load. */
export interface LoadedIndex {
  report: LoadReport;
  files: string[];
  suggestions: string[];
}

/** For tests: a question that stops the thread (as a crash would) and one it never finishes. */
export interface ThreadFaults {
  stopOn?: string;
  hangOn?: string;
}

/** Messages to the knowledge thread; `folder` names an opened folder. */
export type ToKnowledgeThread =
  | { type: 'open'; folder: number; options: KnowledgeFolder }
  | { type: 'close'; folder: number }
  | { type: 'answer'; folder: number; id: number; question: string; options: AnswerOptions }
  | { type: 'faults'; faults: ThreadFaults };

export type FromKnowledgeThread =
  | { type: 'loaded'; folder: number; index: LoadedIndex }
  | { type: 'load_failed'; folder: number; error: string }
  | { type: 'answer'; folder: number; id: number; answer: Answer }
  | { type: 'answer_failed'; folder: number; id: number; error: string }
  /** One pino log line, written again by the folder's logger on the main thread. */
  | { type: 'log'; folder: number; line: string };
