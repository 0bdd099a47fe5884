import type { Worker } from 'node:worker_threads';
import { startThread } from '../workerThreads.js';
import type { WriteOp, WriteOutcome } from './sqliteWrites.js';

export type ToWriterThread =
  | { type: 'open'; db: number; file: string; busyTimeoutMs: number }
  | { type: 'close'; db: number }
  | { type: 'batch'; db: number; batch: number; ops: readonly WriteOp[] };

export type FromWriterThread =
  | { type: 'opened'; db: number; journalMode: string; synchronous: number }
  | { type: 'open_failed'; db: number; error: string }
  | { type: 'closed'; db: number }
  | { type: 'done'; batch: number; outcomes: WriteOutcome[] };

/** How the writer's connection is set up, as SQLite reports it (journal mode, synchronous level). */
export interface WriterSettings {
  journalMode: string;
  synchronous: number;
}

/** One database file's connection on the writer thread. */
export interface WriterConnection {
  readonly settings: WriterSettings;
  /** Applies the operations as one transaction; resolves after the COMMIT returned. */
  run(ops: readonly WriteOp[]): Promise<WriteOutcome[]>;
  /** Resolves when the connection is closed (so another process may take the file at once). */
  close(): Promise<void>;
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/**
 * The one writer thread of the process, shared by every open embedded store. It keeps the
 * process alive only while a write, an open or a close is under way. If it stops, the writes it
 * held fail (none of them was acknowledged, so the callers know) and the next write starts
 * it again, with every store's connection opened anew.
 */
class WriterThread {
  private worker: Worker | undefined;
  private readonly files = new Map<number, { file: string; busyTimeoutMs: number }>();
  private readonly opening = new Map<number, Waiting<WriterSettings>>();
  private readonly batches = new Map<number, Waiting<WriteOutcome[]>>();
  private readonly closing = new Map<number, Waiting<void>>();
  private nextDb = 1;
  private nextBatch = 1;

  open(file: string, busyTimeoutMs: number): Promise<WriterConnection> {
    const db = this.nextDb++;
    this.files.set(db, { file, busyTimeoutMs });
    const opened = new Promise<WriterSettings>((resolve, reject) => this.opening.set(db, { resolve, reject }));
    if (this.worker) this.post({ type: 'open', db, file, busyTimeoutMs });
    else this.spawn();
    this.holdProcess();
    return opened.then(
      (settings) => ({
        settings,
        run: (ops) => this.run(db, ops),
        close: () => this.close(db),
      }),
      (error: unknown) => {
        this.files.delete(db);
        throw error;
      },
    );
  }

  private run(db: number, ops: readonly WriteOp[]): Promise<WriteOutcome[]> {
    if (!this.files.has(db)) return Promise.reject(new Error('Lagringen är stängd'));
    if (!this.worker) this.spawn();
    const batch = this.nextBatch++;
    const done = new Promise<WriteOutcome[]>((resolve, reject) => this.batches.set(batch, { resolve, reject }));
    this.post({ type: 'batch', db, batch, ops });
    this.holdProcess();
    return done;
  }

  private close(db: number): Promise<void> {
    if (!this.files.delete(db) || !this.worker) return Promise.resolve();
    const closed = new Promise<void>((resolve, reject) => this.closing.set(db, { resolve, reject }));
    this.post({ type: 'close', db });
    this.holdProcess();
    return closed;
  }

  private post(message: ToWriterThread): void {
    this.worker?.postMessage(message);
  }

  private spawn(): void {
    const worker = startThread(import.meta.url, 'sqliteWriterThread');
    this.worker = worker;
    worker.on('message', (message: FromWriterThread) => this.receive(message));
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (worker === this.worker) this.stopped();
    });
    for (const [db, { file, busyTimeoutMs }] of this.files) this.post({ type: 'open', db, file, busyTimeoutMs });
  }

  private receive(message: FromWriterThread): void {
    if (message.type === 'done') {
      const waiting = this.batches.get(message.batch);
      this.batches.delete(message.batch);
      waiting?.resolve(message.outcomes);
    } else if (message.type === 'closed') {
      this.closing.get(message.db)?.resolve();
      this.closing.delete(message.db);
    } else {
      const waiting = this.opening.get(message.db);
      this.opening.delete(message.db);
      if (message.type === 'opened') waiting?.resolve({ journalMode: message.journalMode, synchronous: message.synchronous });
      else waiting?.reject(new Error(message.error));
    }
    this.holdProcess();
  }

  private stopped(): void {
    this.worker = undefined;
    const error = new Error('Lagringens skrivtråd stannade');
    for (const waiting of [...this.batches.values(), ...this.opening.values()]) waiting.reject(error);
    // A stopped thread closed its connections with it.
    for (const waiting of this.closing.values()) waiting.resolve();
    this.batches.clear();
    this.opening.clear();
    this.closing.clear();
  }

  // Idle, the thread does not keep the process alive (set after the listeners, which ref it).
  private holdProcess(): void {
    if (this.batches.size > 0 || this.opening.size > 0 || this.closing.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  /** Stops the thread as a crash would (the tests' way to see what the callers get). */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }
}

const thread = new WriterThread();

/** Opens `file` on the process's writer thread (started with the first store). */
export function openWriter(file: string, busyTimeoutMs: number): Promise<WriterConnection> {
  return thread.open(file, busyTimeoutMs);
}

/** For tests: stops the writer thread as a crash would. */
export function crashWriterThread(): Promise<void> {
  return thread.crash();
}
