/**
 * The storage contract of Planpiloten: named collections of JSON documents, partitioned by
 * `pk`, with optimistic concurrency through ETags. Two implementations: Azure Cosmos DB
 * (cosmosStore.ts) and an embedded append-only log on disk (fileStore.ts). One contract
 * test suite runs against both.
 *
 * Collections (Cosmos containers), each partitioned for the queries the bot makes:
 * - `questions`: every question asked, answered or not, with its feedback. pk = month
 *   ("2026-11"): the knowledge-gap report reads one month's partition; feedback buttons
 *   carry the pk with the question id, so a vote is a point read.
 * - `state`: conversation state such as registration drafts. pk = the conversation's key;
 *   every turn reads and writes only its own partition.
 * - `initiatives`: registered förändringsinsatser. pk = organisation: portfolio views and
 *   similarity checks read one organisation; "mina insatser" is a filtered query.
 */
export type CollectionName = 'questions' | 'state' | 'initiatives';
export const COLLECTIONS: readonly CollectionName[] = ['questions', 'state', 'initiatives'];

export interface StoredDocument {
  id: string;
  pk: string;
}

export interface Stored<T> {
  value: T;
  etag: string;
}

export type Scalar = string | number | boolean | null;

export interface QueryOptions {
  /** Equality filters on top-level fields. */
  where?: Record<string, Scalar>;
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
}

export interface Collection<T extends StoredDocument> {
  /** The document, or undefined when absent (404 is not an error). */
  get(pk: string, id: string): Promise<Stored<T> | undefined>;
  /** Creates a new document. Throws ConflictError when the id exists in the partition. */
  create(doc: T): Promise<Stored<T>>;
  /** Replaces a document if it still has `etag`. Throws StaleWriteError or NotFoundError. */
  replace(doc: T, etag: string): Promise<Stored<T>>;
  /** Creates or overwrites, without a concurrency check. */
  upsert(doc: T): Promise<Stored<T>>;
  /** Deletes if present (and, with `etag`, only if unchanged). */
  delete(pk: string, id: string, etag?: string): Promise<void>;
  /** Documents of one partition, or of all when pk is undefined. */
  query(pk: string | undefined, options?: QueryOptions): Promise<Stored<T>[]>;
}

export interface DocumentStore {
  readonly kind: 'cosmos' | 'file';
  collection<T extends StoredDocument>(name: CollectionName): Collection<T>;
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
