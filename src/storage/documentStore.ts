/**
 * The storage contract of Planpiloten: named collections of JSON documents, partitioned by
 * `pk`, with optimistic concurrency through ETags. Two implementations, one contract test
 * suite: Azure Cosmos DB (cosmosStore.ts) and an embedded SQLite database (sqliteStore.ts).
 * Only what both can do honestly is in the contract: point reads, conditional writes,
 * conditional patch of top-level fields, equality and range filters, ordering on one field,
 * paging with a continuation token, and expiry per document (Cosmos' `ttl`).
 *
 * Collections (Cosmos containers), each partitioned for the reads the bot makes:
 * - `questions`: every question asked, answered or not, with its feedback. pk = month
 *   ("2026-11"): the knowledge-gap report reads one month's partition; feedback buttons
 *   carry the pk with the question id, so a vote is a point read. Expires (ttl).
 * - `state`: per-person state such as registration drafts. pk = the person's id; every turn
 *   reads and writes only its own partition. Abandoned drafts expire (ttl).
 * - `initiatives`: registered förändringsinsatser. pk = the initiative's id, so the id is
 *   unique across organisations and moving an initiative to another organisation is one
 *   conditional write of one document (never two copies). Portfolio reads are queries.
 * - `conversations`: where the bot reaches each person on its own initiative. pk = the
 *   person's Entra object id; a send reads one document.
 * - `outbox`: proactive messages to send (follow-up prompts, reminders, summaries), one
 *   document per message with a deterministic id, so the same prompt is created once.
 *   pk = the id; due items are found with a range query on `dueAt`. Sent items expire.
 * - `followups`: the answers to follow-up prompts, a time series per initiative. pk = the
 *   initiative's id, so its history is one partition.
 * - `subscriptions`: team channels that get the weekly portfolio summary. pk = the channel's
 *   key; the planner reads the few active ones.
 */
export type CollectionName = 'questions' | 'state' | 'initiatives' | 'conversations' | 'outbox' | 'followups' | 'subscriptions';
export const COLLECTIONS: readonly CollectionName[] = ['questions', 'state', 'initiatives', 'conversations', 'outbox', 'followups', 'subscriptions'];

export interface StoredDocument {
  id: string;
  pk: string;
  /** Seconds until the document expires, counted from its last write (Cosmos' per-item ttl). */
  ttl?: number;
}

export interface Stored<T> {
  value: T;
  etag: string;
}

export type Scalar = string | number | boolean | null;

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A filter on a top-level field. `null` with '=' matches a missing or null field. */
export interface Filter {
  field: string;
  op: Comparison;
  value: Scalar;
}

export interface QueryOptions {
  /** Equality filters on top-level fields (shorthand), and/or explicit comparisons. */
  where?: Record<string, Scalar> | readonly Filter[];
  /** Documents without the field are not returned (as in Cosmos DB). */
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
}

export interface Page<T> {
  items: Stored<T>[];
  /** Pass back to get the next page; undefined when there is none. */
  continuation: string | undefined;
}

/** A change to one top-level field, applied by the store without reading the document first. */
export type PatchOperation = { op: 'set'; field: string; value: unknown } | { op: 'incr'; field: string; value: number };

export interface Collection<T extends StoredDocument> {
  /** The document, or undefined when absent or expired (404 is not an error). */
  get(pk: string, id: string): Promise<Stored<T> | undefined>;
  /** Creates a new document. Throws ConflictError when the id exists in the partition. */
  create(doc: T): Promise<Stored<T>>;
  /** Replaces a document if it still has `etag`. Throws StaleWriteError or NotFoundError. */
  replace(doc: T, etag: string): Promise<Stored<T>>;
  /** Creates or overwrites, without a concurrency check. */
  upsert(doc: T): Promise<Stored<T>>;
  /** Deletes if present (and, with `etag`, only if unchanged: StaleWriteError otherwise). */
  delete(pk: string, id: string, etag?: string): Promise<void>;
  /**
   * Changes top-level fields in place; with `etag`, only if unchanged. Throws NotFoundError
   * or StaleWriteError.
   */
  patch(pk: string, id: string, operations: readonly PatchOperation[], options?: { etag?: string }): Promise<Stored<T>>;
  /** Documents of one partition, or of all when pk is undefined (every page, up to `limit`). */
  query(pk: string | undefined, options?: QueryOptions): Promise<Stored<T>[]>;
  /** One page of a query; pass `continuation` from the previous page to go on. */
  page(pk: string | undefined, options: QueryOptions & { pageSize: number; continuation?: string | undefined }): Promise<Page<T>>;
}

export interface DocumentStore {
  readonly kind: 'cosmos' | 'sqlite';
  collection<T extends StoredDocument>(name: CollectionName): Collection<T>;
  /** Ready to serve: the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class ConflictError extends Error {
  constructor(id: string) {
    super(`Dokumentet ${id} finns redan`);
    this.name = 'ConflictError';
  }
}

/** A write based on an old version: someone else changed the document in between. */
export class StaleWriteError extends Error {
  constructor(id: string) {
    super(`Dokumentet ${id} har ändrats av någon annan`);
    this.name = 'StaleWriteError';
  }
}

export class NotFoundError extends Error {
  constructor(id: string) {
    super(`Dokumentet ${id} finns inte`);
    this.name = 'NotFoundError';
  }
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Field names in queries come from code, but are checked so they can never inject SQL. */
export function assertField(field: string): string {
  if (!FIELD.test(field)) throw new Error(`Ogiltigt fältnamn i fråga: ${field}`);
  return field;
}

const COMPARISONS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** The filters of a query, as a list, checked. */
export function filtersOf(options: QueryOptions): Filter[] {
  const where = options.where;
  if (!where) return [];
  const list: Filter[] = Array.isArray(where)
    ? [...(where as readonly Filter[])]
    : Object.entries(where as Record<string, Scalar>).map(([field, value]) => ({ field, op: '=' as const, value }));
  for (const f of list) {
    assertField(f.field);
    if (!COMPARISONS.has(f.op)) throw new Error(`Ogiltig jämförelse i fråga: ${String(f.op)}`);
    if (f.value === null && f.op !== '=' && f.op !== '!=') throw new Error(`null kan bara jämföras med = eller !=`);
  }
  return list;
}

/** Every page of a query, up to its limit: how Cosmos DB answers `query` from `page`. */
export async function readAllPages<T>(
  page: (options: QueryOptions & { pageSize: number; continuation?: string | undefined }) => Promise<Page<T>>,
  options: QueryOptions,
): Promise<Stored<T>[]> {
  const out: Stored<T>[] = [];
  let continuation: string | undefined;
  do {
    const remaining = options.limit === undefined ? 1000 : Math.min(1000, options.limit - out.length);
    if (remaining <= 0) break;
    const next = await page({ ...options, limit: undefined, pageSize: remaining, continuation });
    out.push(...next.items);
    continuation = next.continuation;
  } while (continuation);
  return out;
}
