import { parentPort } from 'node:worker_threads';
import { routeConsoleToLog } from '../consoleToLog.js';
import { createLogger } from '../logger.js';
import type { FromKnowledgeThread, KnowledgeFolder, ThreadFaults, ToKnowledgeThread } from './knowledge.js';
import { KnowledgeBase } from './knowledgeBase.js';

/**
 * The knowledge thread (see ThreadedKnowledge): each opened folder is loaded and watched
 * here, questions are answered in the order they come, and log lines go to the main
 * thread, which writes them. The Swedish dictionary is loaded once for all folders.
 */
const port = parentPort;
if (!port) throw new Error('knowledgeThread runs as a worker thread');
const send = (message: FromKnowledgeThread): void => port.postMessage(message);
const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
let faults: ThreadFaults = {};

/** A folder that could not be read is tried again after this long, doubling up to the most. */
const RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

interface Opened {
  knowledge: KnowledgeBase;
  /** Settles when the first load is done (or failed): answers wait for it. */
  loaded: Promise<void>;
  retry?: NodeJS.Timeout;
}

const folders = new Map<number, Opened>();

function open(folder: number, options: KnowledgeFolder): void {
  const log = createLogger(options.logLevel, 'planpiloten', { write: (line: string) => send({ type: 'log', folder, line }) });
  // Document parsers that print go to the log, as on the main thread.
  if (folders.size === 0) routeConsoleToLog(log);
  const knowledge = new KnowledgeBase(options.dir, log);
  knowledge.onLoaded((report) => {
    send({ type: 'loaded', folder, index: { report, files: knowledge.documents.map((d) => d.file), suggestions: knowledge.suggestedQuestions() } });
  });
  const opened: Opened = { knowledge, loaded: Promise.resolve() };
  // A folder that cannot be read now (a file share gone for a moment) is tried again until it
  // can, then watched; the main thread gives up at once if this was the folder's first start.
  const loadAndWatch = (wait: number): Promise<void> =>
    knowledge.load().then(
      () => {
        if (folders.get(folder) === opened) knowledge.watch(options.debounceMs, options.pollMs);
      },
      (error: unknown) => {
        send({ type: 'load_failed', folder, error: reason(error) });
        if (folders.get(folder) === opened) opened.retry = setTimeout(() => void loadAndWatch(Math.min(wait * 2, MAX_RETRY_MS)), wait);
      },
    );
  folders.set(folder, opened);
  opened.loaded = loadAndWatch(RETRY_MS);
}

function answer(message: Extract<ToKnowledgeThread, { type: 'answer' }>): void {
  const { folder, id, question } = message;
  const opened = folders.get(folder);
  if (!opened) {
    send({ type: 'answer_failed', folder, id, error: 'folder not open' });
    return;
  }
  void opened.loaded.then(() => {
    if (question === faults.stopOn) process.exit(1);
    while (question === faults.hangOn) {
      // Hangs the thread, as a runaway search would.
    }
    try {
      send({ type: 'answer', folder, id, answer: opened.knowledge.answer(question, undefined, message.options) });
    } catch (error) {
      send({ type: 'answer_failed', folder, id, error: reason(error) });
    }
  });
}

port.on('message', (message: ToKnowledgeThread) => {
  switch (message.type) {
    case 'open':
      open(message.folder, message.options);
      return;
    case 'close': {
      const opened = folders.get(message.folder);
      clearTimeout(opened?.retry);
      opened?.knowledge.close();
      folders.delete(message.folder);
      return;
    }
    case 'answer':
      answer(message);
      return;
    case 'faults':
      faults = message.faults;
  }
});
