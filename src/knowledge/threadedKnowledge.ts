import type { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import type { Logger } from '../logger.js';
import { startThread } from '../workerThreads.js';
import type { Answer, AnswerOptions } from './answerer.js';
import type { FromKnowledgeThread, Knowledge, KnowledgeFolder, LoadedIndex, ThreadFaults, ToKnowledgeThread } from './knowledge.js';
import type { LoadReport } from './knowledgeBase.js';

interface Pending {
  folder: ThreadedKnowledge;
  question: string;
  options: AnswerOptions;
  /** When the thread was asked, or became ready again after a restart. */
  askedAt: number;
  /** Times the thread stopped while this was the oldest question it held (the one it worked on). */
  strikes: number;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

/** A question the thread stopped on twice is answered with an error; the others are asked again. */
const MAX_STRIKES = 2;
/** Stops that no question explains (while loading, say): this many within the window end answering. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 5 * 60_000;
/**
 * A search takes milliseconds, a hundred times the corpus tens of them; a question the
 * thread has not answered in this time has hung it, so the thread is stopped and started
 * again without it. A folder's reload also holds the thread, for seconds, not this long.
 */
const ANSWER_TIMEOUT_MS = 30_000;
const WATCHDOG_MS = 1_000;

/** For tests: questions that stop or hang the thread, and a shorter answer timeout. */
let testing: { faults?: ThreadFaults; answerTimeoutMs?: number } = {};

/**
 * The one knowledge thread of the process, shared by every opened folder (normally one; a
 * test process opens many), so the 100 MB dictionary is loaded once. Started with the first
 * folder, it stays for the next, keeping the process alive only while someone waits for
 * it (a first load, a question). It answers in the order it is asked. If it stops it is
 * started again, the folders are opened again and the questions it held are asked once
 * more, except the one it stopped on twice; one it hangs on is given up at once.
 */
class KnowledgeThread {
  private worker: Worker | undefined;
  private readonly folders = new Map<number, ThreadedKnowledge>();
  /** Every question the thread holds, oldest first. */
  private readonly pending = new Map<number, Pending>();
  /** Folders opened on the current thread that have not loaded (or failed to) yet. */
  private readonly loading = new Set<number>();
  private nextFolder = 1;
  private nextQuestion = 1;
  private crashes: number[] = [];
  private waiting = 0;
  private watchdog: NodeJS.Timeout | undefined;
  /** Set when the watchdog stopped the thread: that stop is no crash. */
  private stoppedOnPurpose = false;

  open(folder: ThreadedKnowledge): number {
    const id = this.nextFolder++;
    this.folders.set(id, folder);
    if (!this.worker) this.spawn();
    else {
      this.loading.add(id);
      this.post({ type: 'open', folder: id, options: folder.options });
    }
    return id;
  }

  close(id: number, reason: string): void {
    this.rejectWhere((p) => p.folder.id === id, reason);
    this.loading.delete(id);
    if (this.folders.delete(id)) this.post({ type: 'close', folder: id });
  }

  ask(folder: ThreadedKnowledge, question: string, options: AnswerOptions): Promise<Answer> {
    const answered = new Promise<Answer>((resolve, reject) => {
      const id = this.nextQuestion++;
      this.pending.set(id, { folder, question, options, askedAt: Date.now(), strikes: 0, resolve, reject });
      this.post({ type: 'answer', folder: folder.id, id, question, options });
    });
    this.waitFor(answered);
    return answered;
  }

  /** The process stays up until `promise` settles. */
  waitFor(promise: Promise<unknown>): void {
    this.waiting++;
    this.holdProcess();
    const release = (): void => {
      this.waiting = Math.max(0, this.waiting - 1);
      this.holdProcess();
    };
    promise.then(release, release);
  }

  /** Stops the thread as a crash would (the tests' way to see that nothing is lost). */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  /** For tests: tells the thread which questions stop or hang it. */
  setFaults(faults: ThreadFaults): void {
    this.post({ type: 'faults', faults });
  }

  private post(message: ToKnowledgeThread): void {
    this.worker?.postMessage(message);
  }

  private spawn(): void {
    const worker = startThread(import.meta.url, 'knowledgeThread');
    this.worker = worker;
    if (testing.faults) this.post({ type: 'faults', faults: testing.faults });
    worker.on('message', (message: FromKnowledgeThread) => this.receive(message));
    worker.on('error', (error) => {
      for (const folder of this.folders.values()) folder.log.error({ err: error }, 'knowledge thread failed');
    });
    worker.on('exit', (code) => {
      if (worker === this.worker) this.stopped(code);
    });
    for (const [id, folder] of this.folders) {
      this.loading.add(id);
      this.post({ type: 'open', folder: id, options: folder.options });
    }
    this.watchdog = setInterval(() => this.watch(), WATCHDOG_MS);
    this.watchdog.unref();
    this.holdProcess();
  }

  private receive(message: FromKnowledgeThread): void {
    if (message.type === 'answer' || message.type === 'answer_failed') {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.type === 'answer') p.resolve(message.answer);
      else p.reject(new Error(message.error));
      return;
    }
    if ((message.type === 'loaded' || message.type === 'load_failed') && this.loading.delete(message.folder) && this.loading.size === 0) {
      // Ready again: the questions held through the reload get their full time from now.
      const now = Date.now();
      for (const p of this.pending.values()) p.askedAt = now;
    }
    this.folders.get(message.folder)?.receive(message);
  }

  /** Stops a thread that has not answered its oldest question in time, and gives that question up. */
  private watch(): void {
    const oldest = this.pending.entries().next().value;
    if (!oldest || this.loading.size > 0 || !this.worker) return;
    const [id, p] = oldest;
    if (Date.now() - p.askedAt < (testing.answerTimeoutMs ?? ANSWER_TIMEOUT_MS)) return;
    this.pending.delete(id);
    p.folder.log.error({ pending: this.pending.size }, 'knowledge thread did not answer in time: stopped and started again');
    p.reject(new Error('knowledge thread did not answer in time'));
    this.stoppedOnPurpose = true;
    void this.worker.terminate();
  }

  // Idle, the thread does not keep the process alive (set after the listeners, which ref it).
  private holdProcess(): void {
    if (this.waiting > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private stopped(code: number): void {
    this.worker = undefined;
    clearInterval(this.watchdog);
    const wasLoading = this.loading.size > 0;
    this.loading.clear();
    let looping = false;
    if (this.stoppedOnPurpose) this.stoppedOnPurpose = false;
    else {
      // Answers come in order, so a thread that stopped while ready was working on the oldest question.
      const suspect = wasLoading ? undefined : this.pending.entries().next().value;
      if (suspect) {
        const [id, p] = suspect;
        if (++p.strikes >= MAX_STRIKES) {
          this.pending.delete(id);
          p.reject(new Error('knowledge thread stopped twice on this question'));
        }
      } else {
        const now = Date.now();
        this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
        looping = this.crashes.length >= MAX_CRASHES;
      }
    }
    for (const folder of this.folders.values()) folder.threadStopped(code, looping, this.pending.size);
    if (looping) {
      this.rejectWhere(() => true, 'knowledge thread keeps stopping');
      this.folders.clear();
      return;
    }
    // Folders still on their first load have closed themselves in threadStopped: their start failed.
    if (this.folders.size === 0) return;
    this.spawn();
    for (const [id, p] of this.pending) this.post({ type: 'answer', folder: p.folder.id, id, question: p.question, options: p.options });
  }

  private rejectWhere(match: (p: Pending) => boolean, reason: string): void {
    for (const [id, p] of this.pending) {
      if (!match(p)) continue;
      this.pending.delete(id);
      p.reject(new Error(reason));
    }
  }
}

const thread = new KnowledgeThread();

/** Stops the knowledge thread as a crash would; it is started again. For tests. */
export const crashKnowledgeThread = (): Promise<void> => thread.crash();

/**
 * For tests: questions that stop or hang the thread, and a shorter answer timeout. Called
 * without arguments it puts the defaults back.
 */
export function testKnowledgeThread(settings: { faults?: ThreadFaults; answerTimeoutMs?: number } = {}): void {
  testing = settings;
  thread.setFaults(settings.faults ?? {});
}

/**
 * A folder's index on the knowledge thread. A search takes a fraction of a millisecond on
 * the corpus but tens of milliseconds on a folder a hundred times larger; on the main
 * thread every other turn (a card submission, a follow-up answer) would wait for it, on its
 * own thread it also runs on the second core. The thread loads and watches the folder and
 * answers in order; a thread that stopped costs a reload, not a lost question.
 */
export class ThreadedKnowledge implements Knowledge {
  readonly id: number;
  /** The current index; none while a reload after a restart fails (then /health fails too). */
  private index: LoadedIndex | undefined;
  private started = false;
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
    thread.waitFor(this.ready);
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
    return thread.ask(this, question, options);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      thread.close(this.id, 'knowledge closed');
    }
    return Promise.resolve();
  }

  /** From the thread: loads and log lines (answers go straight to the question). */
  receive(message: FromKnowledgeThread): void {
    switch (message.type) {
      case 'loaded':
        this.index = message.index;
        if (!this.started) {
          this.started = true;
          this.firstLoad.resolve(message.index.report);
        }
        return;
      case 'load_failed':
        if (!this.started) {
          this.fail(new Error(message.error));
          return;
        }
        // Only after a restart: the new thread could not read the folder. It tries again;
        // until then nothing is indexed, and /health says so.
        this.index = undefined;
        this.log.error({ reason: message.error }, 'knowledge reload after restart failed: trying again');
        return;
      case 'log':
        this.relay(message.line);
        return;
      default:
    }
  }

  /** The thread stopped: before the first load the start fails; a crash loop ends answering. */
  threadStopped(code: number, looping: boolean, pending: number): void {
    if (!this.started) {
      this.fail(new Error(`knowledge thread stopped (exit code ${code}) before the documents were loaded`));
      return;
    }
    this.log.error({ code, pending, restarting: !looping }, 'knowledge thread stopped');
    if (looping) {
      // Nothing answers any more: /health reports no documents, so the platform restarts the app.
      this.closed = true;
      this.index = undefined;
    }
  }

  private fail(error: Error): void {
    this.closed = true;
    thread.close(this.id, error.message);
    this.firstLoad.reject(error);
  }

  /** A log line from the thread, written by this folder's logger (its fields, level and message). */
  private relay(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const { level, msg, err } = record;
    // The main thread's logger adds its own time, pid, host and name.
    for (const key of ['level', 'msg', 'time', 'pid', 'hostname', 'name']) delete record[key];
    if (isSerializedError(err)) record.err = Object.assign(new Error(err.message), { name: err.type, stack: err.stack });
    const label = (typeof level === 'number' ? pino.levels.labels[level] : undefined) ?? 'info';
    this.log[label as pino.Level](record, typeof msg === 'string' ? msg : '');
  }
}

/** An error as pino writes it: rebuilt into an Error, pino writes it the same way again. */
function isSerializedError(value: unknown): value is { type: string; message: string; stack?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string' && typeof (value as { type?: unknown }).type === 'string';
}
