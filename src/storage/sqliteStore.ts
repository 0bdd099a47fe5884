import { randomUUID } from 'node:crypto';
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
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const table = (name: CollectionName): string => `c_${name}`;
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
 * Writes are conditional operations decided inside a write transaction (BEGIN IMMEDIATE):
 * the check (exists? same etag?) and the write are one atomic step, also across processes.
 * Writes that arrive together share one transaction and so one fsync (group commit); each
 * is acknowledged only after that COMMIT returned, i.e. after SQLite made it durable.
 */
export class SqliteStore implements DocumentStore {
  readonly kind = 'sqlite' as const;
  private db: DatabaseSync | undefined;
  private opening: Promise<DatabaseSync> | undefined;
  private readonly statements = new Map<string, StatementSync>();
  private queue: PendingWrite[] = [];
  private flushScheduled = false;
  private purgeTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly collections = new Map<CollectionName, SqliteCollection<StoredDocument>>();

  constructor(
    readonly dir: string,
    private readonly options: { clock?: Clock; purgeIntervalMs?: number; busyTimeoutMs?: number } = {},
  ) {}

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
      db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(this.options.busyTimeoutMs ?? 5000))}`);
      db.exec('PRAGMA journal_mode = WAL');
      // FULL: the WAL is fsynced at every COMMIT, so an acknowledged write survives a power cut.
      db.exec('PRAGMA synchronous = FULL');
      db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      for (const name of COLLECTIONS) {
        db.exec(
          `CREATE TABLE IF NOT EXISTS ${table(name)} (pk TEXT NOT NULL, id TEXT NOT NULL, etag TEXT NOT NULL, doc TEXT NOT NULL, expires_at INTEGER, PRIMARY KEY (pk, id))`,
        );
        db.exec(`CREATE INDEX IF NOT EXISTS ${table(name)}_expires ON ${table(name)} (expires_at) WHERE expires_at IS NOT NULL`);
        for (const field of INDEXED_FIELDS[name]) {
          db.exec(`CREATE INDEX IF NOT EXISTS ${table(name)}_${field} ON ${table(name)} (${json(field)})`);
        }
      }
      await migrateLegacyLogs(db, this.dir, (name) => table(name));
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    const interval = this.options.purgeIntervalMs ?? 10 * 60_000;
    if (interval > 0) {
      this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), interval);
      this.purgeTimer.unref();
    }
    return db;
  }

  statement(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      if (!this.db) throw new Error('Lagringen är inte öppnad');
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /**
   * Runs `run` inside the next write transaction. Operations queued in the same turn of the
   * event loop share the transaction; each one's result or error is its own, and none is
   * resolved before the COMMIT returned.
   */
  async write<R>(run: () => R): Promise<R> {
    await this.ready();
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const db = this.db;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0) return;
    if (!db) {
      for (const w of batch) w.reject(new Error('Lagringen är stängd'));
      return;
    }
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    for (const w of batch) {
      try {
        outcomes.push({ ok: true, value: w.run() });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // SQLite may already have rolled back; the COMMIT error is what the writers get.
      }
      for (const w of batch) w.reject(error);
      return;
    }
    outcomes.forEach((o, i) => {
      const w = batch[i];
      if (!w) return;
      if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  }

  /** Deletes expired documents, a bounded batch per collection per call. */
  async purgeExpired(): Promise<number> {
    let removed = 0;
    for (const name of COLLECTIONS) {
      removed += await this.write(() => {
        const result = this.statement(
          `DELETE FROM ${table(name)} WHERE rowid IN (SELECT rowid FROM ${table(name)} WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ${PURGE_BATCH})`,
        ).run(this.now());
        return Number(result.changes);
      });
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
    while (this.queue.length > 0 || this.flushScheduled) await new Promise((r) => setImmediate(r));
    this.closed = true;
    clearInterval(this.purgeTimer);
    this.statements.clear();
    this.db?.close();
    this.db = undefined;
  }
}

class SqliteCollection<T extends StoredDocument> implements Collection<T> {
  private readonly t: string;

  constructor(
    private readonly store: SqliteStore,
    name: CollectionName,
  ) {
    this.t = table(name);
  }

  private expiresAt(doc: T): number | null {
    return typeof doc.ttl === 'number' && doc.ttl > 0 ? this.store.now() + doc.ttl * 1000 : null;
  }

  /** The current row, expired ones counting as absent. Call inside a read or a write. */
  private current(pk: string, id: string): Row | undefined {
    return this.store
      .statement(`SELECT pk, id, etag, doc FROM ${this.t} WHERE pk = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)`)
      .get(pk, id, this.store.now()) as unknown as Row | undefined;
  }

  private put(doc: T): Stored<T> {
    const text = JSON.stringify(doc);
    const etag = randomUUID();
    this.store
      .statement(`INSERT INTO ${this.t} (pk, id, etag, doc, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (pk, id) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, expires_at = excluded.expires_at`)
      .run(doc.pk, doc.id, etag, text, this.expiresAt(doc));
    return { value: JSON.parse(text) as T, etag };
  }

  async get(pk: string, id: string): Promise<Stored<T> | undefined> {
    await this.store.ready();
    const row = this.current(pk, id);
    return row ? parse<T>(row) : undefined;
  }

  create(doc: T): Promise<Stored<T>> {
    return this.store.write(() => {
      if (this.current(doc.pk, doc.id)) throw new ConflictError(doc.id);
      return this.put(doc);
    });
  }

  replace(doc: T, etag: string): Promise<Stored<T>> {
    return this.store.write(() => {
      const row = this.current(doc.pk, doc.id);
      if (!row) throw new NotFoundError(doc.id);
      if (row.etag !== etag) throw new StaleWriteError(doc.id);
      return this.put(doc);
    });
  }

  upsert(doc: T): Promise<Stored<T>> {
    return this.store.write(() => this.put(doc));
  }

  delete(pk: string, id: string, etag?: string): Promise<void> {
    return this.store.write(() => {
      const row = this.current(pk, id);
      if (!row) return;
      if (etag !== undefined && row.etag !== etag) throw new StaleWriteError(id);
      this.store.statement(`DELETE FROM ${this.t} WHERE pk = ? AND id = ?`).run(pk, id);
    });
  }

  async patch(pk: string, id: string, operations: readonly PatchOperation[], options: { etag?: string } = {}): Promise<Stored<T>> {
    for (const o of operations) assertField(o.field);
    return await this.store.write(() => {
      const row = this.current(pk, id);
      if (!row) throw new NotFoundError(id);
      if (options.etag !== undefined && row.etag !== options.etag) throw new StaleWriteError(id);
      const doc = JSON.parse(row.doc) as Record<string, unknown>;
      for (const o of operations) {
        if (o.field === 'id' || o.field === 'pk') throw new Error('id och pk kan inte ändras');
        if (o.op === 'set') doc[o.field] = o.value;
        else {
          const before = doc[o.field] ?? 0;
          if (typeof before !== 'number') throw new Error(`${o.field} är inget tal`);
          doc[o.field] = before + o.value;
        }
      }
      return this.put(doc as T);
    });
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
