import { parentPort } from 'node:worker_threads';
import { createLogger } from '../logger.js';
import type { FromKnowledgeThread, KnowledgeFolder, ToKnowledgeThread } from './knowledge.js';
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

interface Opened {
  knowledge: KnowledgeBase;
  /** Settles when the first load is done (or failed): answers wait for it. */
  loaded: Promise<void>;
}

const folders = new Map<number, Opened>();

function open(folder: number, options: KnowledgeFolder): void {
  const log = createLogger(options.logLevel, 'planpiloten', { write: (line: string) => send({ type: 'log', folder, line }) });
  const knowledge = new KnowledgeBase(options.dir, log);
  knowledge.onLoaded((report) => {
    send({ type: 'loaded', folder, index: { report, files: knowledge.documents.map((d) => d.file), suggestions: knowledge.suggestedQuestions() } });
  });
  const loaded = knowledge.load().then(
    () => {
      if (folders.get(folder)?.knowledge === knowledge) knowledge.watch(options.debounceMs, options.pollMs);
    },
    (error: unknown) => send({ type: 'load_failed', folder, error: reason(error) }),
  );
  folders.set(folder, { knowledge, loaded });
}

port.on('message', (message: ToKnowledgeThread) => {
  switch (message.type) {
    case 'open':
      open(message.folder, message.options);
      return;
    case 'close':
      folders.get(message.folder)?.knowledge.close();
      folders.delete(message.folder);
      return;
    case 'answer': {
      const { folder, id } = message;
      const opened = folders.get(folder);
      if (!opened) {
        send({ type: 'answer_failed', folder, id, error: 'folder not open' });
        return;
      }
      void opened.loaded.then(() => {
        try {
          send({ type: 'answer', folder, id, answer: opened.knowledge.answer(message.question, undefined, message.options) });
        } catch (error) {
          send({ type: 'answer_failed', folder, id, error: reason(error) });
        }
      });
    }
  }
});
