import type { Worker } from 'node:worker_threads';
import { startThread } from '../workerThreads.js';
import type { WriteOp, WriteOutcome } from './sqliteWrites.js';

/** Where a connection's database is; the thread opens it when it has no connection for it yet. */
export interface WriterFile {
  db: number;
  file: string;
  busyTimeoutMs: number;
}

export type ToWriterThread =
  | ({ type: 'open' } & WriterFile)
  | { type: 'close'; db: number }
  | ({ type: 'batch'; batch: number; ops: readonly WriteOp[] } & WriterFile);

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
 * process alive only while a write, an open or a close is under way. If it stops, the writes
 * it held fail: none was acknowledged, though the thread may have committed some before it
 * stopped. The next write starts it again; every batch names its file, so the thread opens a
 * connection it lacks (again after a failed attempt) before it writes.
 */
class WriterThread {
  private worker: Worker | undefined;
  /** Why the thread stopped, when it said (an uncaught error in it). */
  private failure: Error | undefined;
  private readonly files = new Map<number, WriterFile>();
  private readonly opening = new Map<number, Waiting<WriterSettings>>();
  private readonly batches = new Map<number, Waiting<WriteOutcome[]>>();
  private readonly closing = new Map<number, Waiting<void>>();
  private nextDb = 1;
  private nextBatch = 1;

  open(file: string, busyTimeoutMs: number): Promise<WriterConnection> {
    const where: WriterFile = { db: this.nextDb++, file, busyTimeoutMs };
    this.files.set(where.db, where);
    const opened = new Promise<WriterSettings>((resolve, reject) => this.opening.set(where.db, { resolve, reject }));
    this.send({ type: 'open', ...where });
    return opened.then(
      (settings) => ({
        settings,
        run: (ops) => this.run(where.db, ops),
        close: () => this.close(where.db),
      }),
      (error: unknown) => {
        this.files.delete(where.db);
        throw error;
      },
    );
  }

  private run(db: number, ops: readonly WriteOp[]): Promise<WriteOutcome[]> {
    const where = this.files.get(db);
    if (!where) return Promise.reject(new Error('Lagringen är stängd'));
    const batch = this.nextBatch++;
    const done = new Promise<WriteOutcome[]>((resolve, reject) => this.batches.set(batch, { resolve, reject }));
    this.send({ type: 'batch', batch, ops, ...where });
    return done;
  }

  private close(db: number): Promise<void> {
    if (!this.files.delete(db) || !this.worker) return Promise.resolve();
    const closed = new Promise<void>((resolve, reject) => this.closing.set(db, { resolve, reject }));
    this.send({ type: 'close', db });
    return closed;
  }

  /** Posts to the thread, started if need be; a message it cannot take fails what waits for it. */
  private send(message: ToWriterThread): void {
    try {
      this.worker ??= this.spawn();
      this.worker.postMessage(message);
    } catch (error) {
      const failed = error instanceof Error ? error : new Error(String(error));
      if (message.type === 'batch') this.settle(this.batches, message.batch)?.reject(failed);
      else if (message.type === 'open') this.settle(this.opening, message.db)?.reject(failed);
      else this.settle(this.closing, message.db)?.resolve();
    }
    this.holdProcess();
  }

  private spawn(): Worker {
    const worker = startThread(import.meta.url, 'sqliteWriterThread');
    this.failure = undefined;
    worker.on('message', (message: FromWriterThread) => this.receive(message));
    worker.on('error', (error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
    worker.on('exit', () => {
      if (worker === this.worker) this.stopped();
    });
    return worker;
  }

  private settle<T>(waiting: Map<number, Waiting<T>>, key: number): Waiting<T> | undefined {
    const w = waiting.get(key);
    waiting.delete(key);
    return w;
  }

  private receive(message: FromWriterThread): void {
    if (message.type === 'done') this.settle(this.batches, message.batch)?.resolve(message.outcomes);
    else if (message.type === 'closed') this.settle(this.closing, message.db)?.resolve();
    else if (message.type === 'opened') this.settle(this.opening, message.db)?.resolve({ journalMode: message.journalMode, synchronous: message.synchronous });
    else this.settle(this.opening, message.db)?.reject(new Error(message.error));
    this.holdProcess();
  }

  private stopped(): void {
    this.worker = undefined;
    const error = new Error('Lagringens skrivtråd stannade', this.failure ? { cause: this.failure } : undefined);
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
