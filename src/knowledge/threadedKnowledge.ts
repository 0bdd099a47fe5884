import type { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import type { Logger } from '../logger.js';
import { startThread } from '../workerThreads.js';
import type { Answer, AnswerOptions } from './answerer.js';
import type { FromKnowledgeThread, Knowledge, KnowledgeFolder, LoadedIndex, ToKnowledgeThread } from './knowledge.js';
import type { LoadReport } from './knowledgeBase.js';

interface Pending {
  question: string;
  options: AnswerOptions;
  /** Sent to a thread that then stopped: asked once more of the next, never a third time. */
  retried: boolean;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

/** A thread that stops again this soon after being started is not started a third time. */
const CRASH_LOOP_MS = 30_000;

/**
 * The one knowledge thread of the process, shared by every opened folder (normally one; a
 * test process opens many), so the 100 MB dictionary is loaded once. Started with the first
 * folder, it stays for the next, keeping the process alive only while someone waits for
 * it (a first load, a question). If it stops it is
 * started again, the folders are opened again and the questions it held are asked once more.
 */
class KnowledgeThread {
  private worker: Worker | undefined;
  private readonly folders = new Map<number, ThreadedKnowledge>();
  private nextFolder = 1;
  private startedAt = 0;
  private restarted = false;
  private waiting = 0;

  open(folder: ThreadedKnowledge): number {
    const id = this.nextFolder++;
    this.folders.set(id, folder);
    if (!this.worker) this.spawn();
    else this.post({ type: 'open', folder: id, options: folder.options });
    return id;
  }

  close(id: number): void {
    if (this.folders.delete(id)) this.post({ type: 'close', folder: id });
  }

  /** Stops the thread as a crash would (the tests' way to see that nothing is lost). */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  post(message: ToKnowledgeThread): void {
    this.worker?.postMessage(message);
  }

  private spawn(): void {
    const worker = startThread(import.meta.url, 'knowledgeThread');
    this.worker = worker;
    this.startedAt = Date.now();
    worker.on('message', (message: FromKnowledgeThread) => this.folders.get(message.folder)?.receive(message));
    worker.on('error', (error) => {
      for (const folder of this.folders.values()) folder.log.error({ err: error }, 'knowledge thread failed');
    });
    worker.on('exit', (code) => {
      if (worker === this.worker) this.stopped(code);
    });
    for (const [id, folder] of this.folders) this.post({ type: 'open', folder: id, options: folder.options });
    this.holdProcess();
  }

  /** Something waits for the thread (a first load, a question): the process stays up for it. */
  hold(): void {
    this.waiting++;
    this.holdProcess();
  }

  release(): void {
    this.waiting = Math.max(0, this.waiting - 1);
    this.holdProcess();
  }

  // Idle, the thread does not keep the process alive (set after the listeners, which ref it).
  private holdProcess(): void {
    if (this.waiting > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private stopped(code: number): void {
    this.worker = undefined;
    const looping = this.restarted && Date.now() - this.startedAt < CRASH_LOOP_MS;
    for (const folder of this.folders.values()) folder.threadStopped(code, looping);
    if (looping) {
      this.folders.clear();
      return;
    }
    this.restarted = true;
    // Folders still on their first load have closed themselves in threadStopped: their start failed.
    if (this.folders.size > 0) {
      this.spawn();
      for (const folder of this.folders.values()) folder.resend();
    }
  }
}

const thread = new KnowledgeThread();

/** Stops the knowledge thread as a crash would; it is started again. For tests. */
export const crashKnowledgeThread = (): Promise<void> => thread.crash();

/**
 * A folder's index on the knowledge thread. A search takes a fraction of a millisecond on
 * the corpus but tens of milliseconds on a folder a hundred times larger; on the main
 * thread every other turn (a card submission, a follow-up answer) would wait for it, on its
 * own thread it also runs on the second core. The thread loads and watches the folder and
 * answers in order; a thread that stopped costs a reload, not a lost question.
 */
export class ThreadedKnowledge implements Knowledge {
  private readonly id: number;
  private readonly pending = new Map<number, Pending>();
  private nextQuestion = 1;
  private index: LoadedIndex | undefined;
  private closed = false;
  private firstLoad!: { resolve(report: LoadReport): void; reject(error: Error): void };
  private readonly ready: Promise<LoadReport>;

  private constructor(
    readonly options: KnowledgeFolder,
    readonly log: Logger,
  ) {
    this.ready = new Promise<LoadReport>((resolve, reject) => {
      this.firstLoad = { resolve, reject };
    });
    this.waitFor(this.ready);
    this.id = thread.open(this);
  }

  /** Opens the folder and waits for its first load; rejects when it cannot be read. */
  static async start(options: Omit<KnowledgeFolder, 'logLevel'>, log: Logger): Promise<{ knowledge: ThreadedKnowledge; report: LoadReport }> {
    const knowledge = new ThreadedKnowledge({ ...options, logLevel: log.level }, log);
    return { knowledge, report: await knowledge.ready };
  }

  get files(): readonly string[] {
    return this.index?.files ?? [];
  }

  suggestedQuestions(): readonly string[] {
    return this.index?.suggestions ?? [];
  }

  answer(question: string, options: AnswerOptions = {}): Promise<Answer> {
    if (this.closed) return Promise.reject(new Error('knowledge closed'));
    const answered = new Promise<Answer>((resolve, reject) => {
      const id = this.nextQuestion++;
      this.pending.set(id, { question, options, retried: false, resolve, reject });
      thread.post({ type: 'answer', folder: this.id, id, question, options });
    });
    this.waitFor(answered);
    return answered;
  }

  /** The process stays up until `promise` settles. */
  private waitFor(promise: Promise<unknown>): void {
    thread.hold();
    const release = (): void => thread.release();
    promise.then(release, release);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.rejectAll('knowledge closed');
      thread.close(this.id);
    }
    return Promise.resolve();
  }

  /** From the thread. */
  receive(message: FromKnowledgeThread): void {
    switch (message.type) {
      case 'loaded': {
        const first = !this.index;
        this.index = message.index;
        if (first) this.firstLoad.resolve(message.index.report);
        return;
      }
      case 'load_failed':
        if (!this.index) this.fail(new Error(message.error));
        return;
      case 'answer':
      case 'answer_failed': {
        const p = this.pending.get(message.id);
        if (!p) return;
        this.pending.delete(message.id);
        if (message.type === 'answer') p.resolve(message.answer);
        else p.reject(new Error(message.error));
        return;
      }
      case 'log':
        this.relay(message.line);
        return;
    }
  }

  /** The thread stopped: before the first load the start fails; a crash loop ends answering. */
  threadStopped(code: number, looping: boolean): void {
    if (!this.index) {
      this.fail(new Error(`knowledge thread stopped (exit code ${code}) before the documents were loaded`));
      return;
    }
    this.log.error({ code, pending: this.pending.size, restarting: !looping }, 'knowledge thread stopped');
    if (looping) {
      // Nothing answers any more: /ready reports no documents, so the platform restarts the app.
      this.closed = true;
      this.index = undefined;
      this.rejectAll('knowledge thread keeps stopping');
    }
  }

  /** Asks the new thread what the one that stopped held, each question at most twice in all. */
  resend(): void {
    for (const [id, p] of this.pending) {
      if (p.retried) {
        this.pending.delete(id);
        p.reject(new Error('knowledge thread stopped twice on this question'));
      } else {
        p.retried = true;
        thread.post({ type: 'answer', folder: this.id, id, question: p.question, options: p.options });
      }
    }
  }

  private fail(error: Error): void {
    this.closed = true;
    this.rejectAll(error.message);
    this.firstLoad.reject(error);
    thread.close(this.id);
  }

  private rejectAll(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  /** A log line from the thread, written by this folder's logger (its fields, level and message). */
  private relay(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const { level, msg } = record;
    // The main thread's logger adds its own time, pid, host and name.
    for (const key of ['level', 'msg', 'time', 'pid', 'hostname', 'name']) delete record[key];
    const label = (typeof level === 'number' ? pino.levels.labels[level] : undefined) ?? 'info';
    this.log[label as pino.Level](record, typeof msg === 'string' ? msg : '');
  }
}
