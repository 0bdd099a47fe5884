import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { systemClock, type Clock } from '../time/clock.js';
import {
  COLLECTIONS,
  ConflictError,
  filtersOf,
  NotFoundError,
  StaleWriteError,
  assertField,
  type Collection,
  type CollectionName,
  type DocumentStore,
  type Page,
  type PatchOperation,
  type QueryOptions,
  type Stored,
  type StoredDocument,
} from './documentStore.js';
import { migrateLegacyLogs } from './legacyLogMigration.js';
import { PreparedStatements } from './preparedStatements.js';
import { openWriter, type WriterConnection, type WriterSettings } from './sqliteWriter.js';
import { tableOf, type WriteOp, type WriteOutcome, type WriteRefusal } from './sqliteWrites.js';

/** The database file under DATA_DIR. */
export const DATABASE_FILE = 'planpiloten.db';

/**
 * Fields read by queries, indexed per collection (an expression index is used when the
 * query names the same expression). Adding a query on a new field: add the field here.
 */
const INDEXED_FIELDS: Record<CollectionName, readonly string[]> = {
  questions: ['askedAt', 'answered', 'replyActivityId'],
  state: [],
  initiatives: ['ownerId', 'registeredById', 'updatedAt', 'createdAt'],
  conversations: ['status', 'teamId'],
  outbox: ['dueAt', 'status', 'initiativeId'],
  followups: ['answeredAt'],
  subscriptions: ['status'],
};

const MAX_BATCH = 256;
const PURGE_BATCH = 1000;

interface Row {
  pk: string;
  id: string;
  etag: string;
  doc: string;
}

interface PendingWrite {
  op: WriteOp;
  resolve: (outcome: WriteOutcome & { ok: true }) => void;
  reject: (error: Error) => void;
}


function writtenEtag(outcome: WriteOutcome & { ok: true }): string {
  if (outcome.etag === undefined) throw new Error('Skrivtråden skickade ingen etag');
  return outcome.etag;
}

function refusalError(refusal: WriteRefusal): Error {
  switch (refusal.kind) {
    case 'conflict':
      return new ConflictError(refusal.id);
    case 'not_found':
      return new NotFoundError(refusal.id);
    case 'stale':
      return new StaleWriteError(refusal.id);
    case 'failed':
      return new Error(refusal.message);
  }
}
const json = (field: string): string => `json_extract(doc, '$.${assertField(field)}')`;

function parse<T>(row: Row): Stored<T> {
  return { value: JSON.parse(row.doc) as T, etag: row.etag };
}

function bindable(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as SQLInputValue;
}

function encodeContinuation(key: { v: unknown; pk: string; id: string }): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeContinuation(token: string): { v: unknown; pk: string; id: string } {
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v: unknown; pk: unknown; id: unknown };
    if (typeof key.pk === 'string' && typeof key.id === 'string') return { v: key.v, pk: key.pk, id: key.id };
  } catch {
    // falls through to the error below
  }
  throw new Error('Ogiltig fortsättningsmarkör');
}

/**
 * The embedded store: one SQLite database file under DATA_DIR (node:sqlite, WAL mode,
 * synchronous=FULL), one table per collection. Several processes may use the file at once
 * (the bot, `npm run export`, a second bot): SQLite's locks keep them consistent, and
 * nothing is cached in memory, so every read sees the last committed write of any process.
 *
 * Reads run here; writes run on the process's writer thread (sqliteWriter.ts), so that a
 * COMMIT's fsync never holds up the thread that answers Teams. Writes are conditional
 * operations decided inside a write transaction (BEGIN IMMEDIATE): the check (exists? same
 * etag?) and the write are one atomic step, also across processes. Writes that arrive while
 * a transaction is under way share the next one and so one fsync (group commit); each is
 * acknowledged only after that COMMIT returned, i.e. after SQLite made it durable.
 */
export class SqliteStore implements DocumentStore {
  readonly kind = 'sqlite' as const;
  private db: DatabaseSync | undefined;
  private opening: Promise<DatabaseSync> | undefined;
  private statements: PreparedStatements | undefined;
  private writerOpening: Promise<WriterConnection> | undefined;
  private queue: PendingWrite[] = [];
  private writing = false;
  private flushScheduled = false;
  private idleWaiters: (() => void)[] = [];
  private purgeTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly collections = new Map<CollectionName, SqliteCollection<StoredDocument>>();

  constructor(
    readonly dir: string,
    private readonly options: { clock?: Clock; purgeIntervalMs?: number; busyTimeoutMs?: number } = {},
  ) {}

  private get busyTimeoutMs(): number {
    return Math.max(0, Math.floor(this.options.busyTimeoutMs ?? 5000));
  }

  /** The writer connection's journal mode and synchronous level, as SQLite reports them. */
  async writerSettings(): Promise<WriterSettings> {
    return (await this.writerConnection()).settings;
  }

  /** The writer thread's connection, opened with the first write; a failed attempt is retried on the next. */
  private writerConnection(): Promise<WriterConnection> {
    this.writerOpening ??= this.ready()
      .then(() => openWriter(this.file, this.busyTimeoutMs))
      .catch((error: unknown) => {
        this.writerOpening = undefined;
        throw error;
      });
    return this.writerOpening;
  }

  get file(): string {
    return path.join(this.dir, DATABASE_FILE);
  }

  now(): number {
    return (this.options.clock ?? systemClock).now().getTime();
  }

  /** Opens the database once; a failed attempt is retried on the next call. */
  ready(): Promise<DatabaseSync> {
    if (this.closed) return Promise.reject(new Error('Lagringen är stängd'));
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async open(): Promise<DatabaseSync> {
    mkdirSync(this.dir, { recursive: true });
    const db = new DatabaseSync(this.file);
    try {
      db.exec(`PRAGMA busy_timeout = ${this.busyTimeoutMs}`);
      db.exec('PRAGMA journal_mode = WAL');
      // FULL: the WAL is fsynced at every COMMIT, so an acknowledged write survives a power cut.
      db.exec('PRAGMA synchronous = FULL');
      db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      for (const name of COLLECTIONS) {
        db.exec(
          `CREATE TABLE IF NOT EXISTS ${tableOf(name)} (pk TEXT NOT NULL, id TEXT NOT NULL, etag TEXT NOT NULL, doc TEXT NOT NULL, expires_at INTEGER, PRIMARY KEY (pk, id))`,
        );
        db.exec(`CREATE INDEX IF NOT EXISTS ${tableOf(name)}_expires ON ${tableOf(name)} (expires_at) WHERE expires_at IS NOT NULL`);
        for (const field of INDEXED_FIELDS[name]) {
          db.exec(`CREATE INDEX IF NOT EXISTS ${tableOf(name)}_${field} ON ${tableOf(name)} (${json(field)})`);
        }
      }
      await migrateLegacyLogs(db, this.dir, (name) => tableOf(name));
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    this.statements = new PreparedStatements(db);
    const interval = this.options.purgeIntervalMs ?? 10 * 60_000;
    if (interval > 0) {
      this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), interval);
      this.purgeTimer.unref();
    }
    return db;
  }

  statement(sql: string): StatementSync {
    if (!this.statements) throw new Error('Lagringen är inte öppnad');
    return this.statements.get(sql);
  }

  /**
   * Queues `op` for the next write transaction. Operations queued while one is under way
   * share the next; each one's result or error is its own, and none is resolved before the
   * COMMIT returned.
   */
  write(op: WriteOp): Promise<WriteOutcome & { ok: true }> {
    if (this.closed) return Promise.reject(new Error('Lagringen är stängd'));
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** The next transaction starts on the next turn of the event loop, so that writes made together share it. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.writing || this.queue.length === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.writing || this.queue.length === 0) {
      this.settleIdle();
      return;
    }
    this.writing = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.writerConnection()
      .then((writer) => writer.run(batch.map((w) => w.op)))
      .then(
        (outcomes) =>
          batch.forEach((w, i) => {
            const outcome = outcomes[i];
            if (outcome?.ok) w.resolve(outcome);
            else w.reject(outcome ? refusalError(outcome.refusal) : new Error('Skrivningen fick inget svar'));
          }),
        (error: unknown) => {
          for (const w of batch) w.reject(error instanceof Error ? error : new Error(String(error)));
        },
      )
      .finally(() => {
        this.writing = false;
        this.scheduleFlush();
        this.settleIdle();
      });
  }

  /** Lets close() go on once no write is queued or under way. */
  private settleIdle(): void {
    if (this.writing || this.flushScheduled || this.queue.length > 0) return;
    for (const done of this.idleWaiters.splice(0)) done();
  }

  private whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.settleIdle();
    });
  }

  /** Deletes expired documents, a bounded batch per collection per call. */
  async purgeExpired(): Promise<number> {
    let removed = 0;
    for (const name of COLLECTIONS) {
      removed += (await this.write({ kind: 'purge', collection: name, now: this.now(), limit: PURGE_BATCH })).removed ?? 0;
    }
    return removed;
  }

  collection<T extends StoredDocument>(name: CollectionName): Collection<T> {
    if (!COLLECTIONS.includes(name)) throw new Error(`Okänd samling ${String(name)}`);
    let c = this.collections.get(name);
    if (!c) {
      c = new SqliteCollection(this, name);
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    await this.ready();
    this.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    await this.whenIdle();
    this.closed = true;
    clearInterval(this.purgeTimer);
    const writer = await this.writerOpening?.catch(() => undefined);
    await writer?.close();
    this.writerOpening = undefined;
    this.statements = undefined;
    this.db?.close();
    this.db = undefined;
  }
}

class SqliteCollection<T extends StoredDocument> implements Collection<T> {
  private readonly t: string;

  constructor(
    private readonly store: SqliteStore,
    private readonly name: CollectionName,
  ) {
    this.t = tableOf(name);
  }

  async get(pk: string, id: string): Promise<Stored<T> | undefined> {
    await this.store.ready();
    const row = this.store
      .statement(`SELECT pk, id, etag, doc FROM ${this.t} WHERE pk = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)`)
      .get(pk, id, this.store.now()) as unknown as Row | undefined;
    return row ? parse<T>(row) : undefined;
  }

  /** A whole document written: the caller gets it back as stored (a copy, as read back). */
  private async put(kind: 'create' | 'upsert' | 'replace', doc: T, etag?: string): Promise<Stored<T>> {
    const text = JSON.stringify(doc);
    const base = { collection: this.name, pk: doc.pk, id: doc.id, doc: text, ttl: doc.ttl, now: this.store.now() };
    const outcome = await this.store.write(kind === 'replace' ? { kind, ...base, etag: etag ?? '' } : { kind, ...base });
    return { value: JSON.parse(text) as T, etag: writtenEtag(outcome) };
  }

  create(doc: T): Promise<Stored<T>> {
    return this.put('create', doc);
  }

  replace(doc: T, etag: string): Promise<Stored<T>> {
    return this.put('replace', doc, etag);
  }

  upsert(doc: T): Promise<Stored<T>> {
    return this.put('upsert', doc);
  }

  async delete(pk: string, id: string, etag?: string): Promise<void> {
    await this.store.write({ kind: 'delete', collection: this.name, pk, id, now: this.store.now(), etag });
  }

  async patch(pk: string, id: string, operations: readonly PatchOperation[], options: { etag?: string } = {}): Promise<Stored<T>> {
    for (const o of operations) assertField(o.field);
    // As JSON, as the document is stored: a value's toJSON counts, as before the thread.
    const outcome = await this.store.write({ kind: 'patch', collection: this.name, pk, id, now: this.store.now(), etag: options.etag, operations: JSON.stringify(operations) });
    if (outcome.doc === undefined) throw new Error('Skrivtråden skickade inte tillbaka dokumentet');
    return { value: JSON.parse(outcome.doc) as T, etag: writtenEtag(outcome) };
  }

  /**
   * Every match in one statement: paging a query that cannot use an index for its order
   * would make SQLite find and sort the matches again for every page.
   */
  async query(pk: string | undefined, options: QueryOptions = {}): Promise<Stored<T>[]> {
    await this.store.ready();
    const { clauses, params, orderSql } = this.where(pk, options);
    const limit = options.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(options.limit))}` : '';
    const rows = this.store.statement(`SELECT pk, id, etag, doc FROM ${this.t} WHERE ${clauses.join(' AND ')} ORDER BY ${orderSql}${limit}`).all(...params) as unknown as Row[];
    return rows.map((r) => parse<T>(r));
  }

  /** The WHERE clauses and ORDER BY of a query, with their parameters. */
  private where(pk: string | undefined, options: QueryOptions): { clauses: string[]; params: SQLInputValue[]; orderSql: string } {
    const clauses = ['(expires_at IS NULL OR expires_at > ?)'];
    const params: SQLInputValue[] = [this.store.now()];
    if (pk !== undefined) {
      clauses.push('pk = ?');
      params.push(pk);
    }
    for (const f of filtersOf(options)) {
      const expr = json(f.field);
      if (f.value === null) {
        clauses.push(`${expr} IS ${f.op === '=' ? '' : 'NOT '}NULL`);
        continue;
      }
      if (f.op !== '=' && f.op !== '!=') {
        // As in Cosmos DB, a range comparison only matches values of the same type.
        clauses.push(`json_type(doc, '$.${f.field}') IN (${typeof f.value === 'string' ? "'text'" : typeof f.value === 'boolean' ? "'true', 'false'" : "'integer', 'real'"})`);
      }
      clauses.push(`${expr} ${f.op} ?`);
      params.push(bindable(f.value));
    }
    const order = options.orderBy;
    const direction = order?.direction === 'desc' ? 'DESC' : 'ASC';
    if (order) clauses.push(`${json(order.field)} IS NOT NULL`);
    const orderSql = order ? `${json(order.field)} ${direction}, pk ${direction}, id ${direction}` : 'pk, id';
    return { clauses, params, orderSql };
  }

  async page(pk: string | undefined, options: QueryOptions & { pageSize: number; continuation?: string | undefined }): Promise<Page<T>> {
    await this.store.ready();
    const { clauses, params, orderSql } = this.where(pk, options);
    const order = options.orderBy;
    const cmp = order?.direction === 'desc' ? '<' : '>';
    if (options.continuation) {
      const key = decodeContinuation(options.continuation);
      if (order) {
        clauses.push(`(${json(order.field)}, pk, id) ${cmp} (?, ?, ?)`);
        params.push(bindable(key.v), key.pk, key.id);
      } else {
        clauses.push('(pk, id) > (?, ?)');
        params.push(key.pk, key.id);
      }
    }
    const pageSize = Math.max(1, Math.floor(options.pageSize));
    const limit = options.limit !== undefined ? Math.min(pageSize, Math.max(0, Math.floor(options.limit))) : pageSize;
    if (limit === 0) return { items: [], continuation: undefined };
    const sql = `SELECT pk, id, etag, doc${order ? `, ${json(order.field)} AS sortKey` : ''} FROM ${this.t} WHERE ${clauses.join(' AND ')} ORDER BY ${orderSql} LIMIT ${limit + 1}`;
    const rows = this.store.statement(sql).all(...params) as unknown as (Row & { sortKey?: unknown })[];
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => parse<T>(r)),
      continuation: more && last ? encodeContinuation({ v: last.sortKey ?? null, pk: last.pk, id: last.id }) : undefined,
    };
  }
}
