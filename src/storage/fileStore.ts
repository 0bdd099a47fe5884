import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  assertField,
  ConflictError,
  NotFoundError,
  StaleWriteError,
  type Collection,
  type CollectionName,
  type DocumentStore,
  type QueryOptions,
  type Stored,
  type StoredDocument,
} from './documentStore.js';

interface LogRecord {
  op: 'put' | 'del';
  pk: string;
  id: string;
  etag?: string;
  doc?: unknown;
}

/**
 * One collection as an append-only JSON-lines log. Every write is appended and flushed to
 * disk (fdatasync) before it is acknowledged; writes arriving together share one flush
 * (group commit). On open the log is replayed; a torn last line from a crash is ignored,
 * and a log with much dead history is compacted (written anew, then renamed over).
 */
class LogCollection<T extends StoredDocument> implements Collection<T> {
  private readonly docs = new Map<string, Stored<T>>();
  private handle: FileHandle | undefined;
  private opening: Promise<void> | undefined;
  private pending: { line: string; done: (error?: Error) => void }[] = [];
  private flushing = false;

  constructor(private readonly file: string) {}

  private key(pk: string, id: string): string {
    return `${pk}\u0000${id}`;
  }

  private ready(): Promise<void> {
    this.opening ??= this.openLog().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async openLog(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    let content = '';
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = content.split('\n');
    let records = 0;
    for (const line of lines) {
      if (!line.trim()) continue;
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        // Only the last line can be torn (a crash mid-write); anything after it is not there.
        continue;
      }
      records++;
      const key = this.key(record.pk, record.id);
      if (record.op === 'del') this.docs.delete(key);
      else this.docs.set(key, { value: record.doc as T, etag: record.etag ?? randomUUID() });
    }
    if (records > 1000 && records > this.docs.size * 2) await this.compact();
    else if (content && !content.endsWith('\n')) {
      // Cut a torn last line away, so the next record starts on a line of its own.
      await truncate(this.file, Buffer.byteLength(content.slice(0, content.lastIndexOf('\n') + 1)));
    }
    this.handle = await open(this.file, 'a');
  }

  private async compact(): Promise<void> {
    const temp = `${this.file}.compact`;
    const out = await open(temp, 'w');
    try {
      const body = [...this.docs.values()]
        .map((s) => JSON.stringify({ op: 'put', pk: s.value.pk, id: s.value.id, etag: s.etag, doc: s.value } satisfies LogRecord))
        .join('\n');
      await out.writeFile(body ? `${body}\n` : '');
      await out.datasync();
    } finally {
      await out.close();
    }
    await rename(temp, this.file);
  }

  private append(record: LogRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(record)}\n`, done: (error) => (error ? reject(error) : resolve()) });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          if (!this.handle) throw new Error('Lagringen är stängd');
          await this.handle.write(batch.map((b) => b.line).join(''));
          await this.handle.datasync();
          for (const b of batch) b.done();
        } catch (error) {
          for (const b of batch) b.done(error as Error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Appends the document and makes it the current version. The store keeps its own copy
   * (`copy`), so the caller may go on changing the object it passed in.
   */
  private async write(doc: T, copy: T, etag: string): Promise<Stored<T>> {
    await this.append({ op: 'put', pk: copy.pk, id: copy.id, etag, doc: copy });
    this.docs.set(this.key(copy.pk, copy.id), { value: copy, etag });
    return { value: doc, etag };
  }

  async get(pk: string, id: string): Promise<Stored<T> | undefined> {
    await this.ready();
    const found = this.docs.get(this.key(pk, id));
    return found ? { value: structuredClone(found.value), etag: found.etag } : undefined;
  }

  async create(doc: T): Promise<Stored<T>> {
    await this.ready();
    if (this.docs.has(this.key(doc.pk, doc.id))) throw new ConflictError(doc.id);
    // Reserve the key before the await, so a concurrent create of the same id conflicts.
    const etag = randomUUID();
    const copy = structuredClone(doc);
    this.docs.set(this.key(doc.pk, doc.id), { value: copy, etag });
    try {
      return await this.write(doc, copy, etag);
    } catch (error) {
      this.docs.delete(this.key(doc.pk, doc.id));
      throw error;
    }
  }

  async replace(doc: T, etag: string): Promise<Stored<T>> {
    await this.ready();
    const current = this.docs.get(this.key(doc.pk, doc.id));
    if (!current) throw new NotFoundError(doc.id);
    if (current.etag !== etag) throw new StaleWriteError(doc.id);
    const next = randomUUID();
    const copy = structuredClone(doc);
    // Claim the new version now: a second replace with the old etag must fail.
    this.docs.set(this.key(doc.pk, doc.id), { value: copy, etag: next });
    try {
      return await this.write(doc, copy, next);
    } catch (error) {
      this.docs.set(this.key(doc.pk, doc.id), current);
      throw error;
    }
  }

  async upsert(doc: T): Promise<Stored<T>> {
    await this.ready();
    return this.write(doc, structuredClone(doc), randomUUID());
  }

  async delete(pk: string, id: string, etag?: string): Promise<void> {
    await this.ready();
    const current = this.docs.get(this.key(pk, id));
    if (!current) return;
    if (etag !== undefined && current.etag !== etag) throw new StaleWriteError(id);
    this.docs.delete(this.key(pk, id));
    await this.append({ op: 'del', pk, id });
  }

  async query(pk: string | undefined, options: QueryOptions = {}): Promise<Stored<T>[]> {
    await this.ready();
    const where = Object.entries(options.where ?? {}).map(([f, v]) => [assertField(f), v] as const);
    let rows = [...this.docs.values()].filter((s) => {
      if (pk !== undefined && s.value.pk !== pk) return false;
      const record = s.value as unknown as Record<string, unknown>;
      return where.every(([f, v]) => (record[f] ?? null) === v);
    });
    if (options.orderBy) {
      const field = assertField(options.orderBy.field);
      const sign = options.orderBy.direction === 'desc' ? -1 : 1;
      rows = rows.sort((a, b) => {
        const x = (a.value as unknown as Record<string, string | number>)[field] ?? '';
        const y = (b.value as unknown as Record<string, string | number>)[field] ?? '';
        return x < y ? -sign : x > y ? sign : 0;
      });
    }
    if (options.limit !== undefined) rows = rows.slice(0, options.limit);
    return rows.map((s) => ({ value: structuredClone(s.value), etag: s.etag }));
  }

  async close(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    while (this.flushing || this.pending.length) await new Promise((r) => setTimeout(r, 1));
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** The embedded default store: one log file per collection under `dir`. */
export class FileStore implements DocumentStore {
  readonly kind = 'file' as const;
  private readonly collections = new Map<CollectionName, LogCollection<StoredDocument>>();

  constructor(private readonly dir: string) {}

  collection<T extends StoredDocument>(name: CollectionName): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new LogCollection(path.join(this.dir, `${name}.jsonl`));
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }

  async close(): Promise<void> {
    await Promise.all([...this.collections.values()].map((c) => c.close()));
  }
}
