import type { Agent } from 'node:https';
import { CosmosClient, ErrorResponse, type Container, type Database, type SqlParameter } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import {
  assertField,
  COLLECTIONS,
  ConflictError,
  filtersOf,
  readAllPages,
  NotFoundError,
  StaleWriteError,
  type Collection,
  type CollectionName,
  type DocumentStore,
  type Page,
  type PatchOperation,
  type QueryOptions,
  type Stored,
  type StoredDocument,
} from './documentStore.js';

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'];

function strip<T>(resource: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...resource };
  for (const f of SYSTEM_FIELDS) delete copy[f];
  return copy as T;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof ErrorResponse ? error.code as number | undefined : (error as { code?: number }).code;
}

/**
 * A collection as a Cosmos DB container partitioned on /pk. Every query names its
 * partition in the WHERE clause as well as in the request options, because the local test
 * server does not scope queries by the partition key option (Azure does).
 */
class CosmosCollection<T extends StoredDocument> implements Collection<T> {
  constructor(private readonly container: () => Promise<Container>) {}

  async get(pk: string, id: string): Promise<Stored<T> | undefined> {
    const c = await this.container();
    try {
      const { resource, etag, statusCode } = await c.item(id, pk).read<Record<string, unknown>>();
      if (statusCode === 404 || !resource) return undefined;
      return { value: strip<T>(resource), etag: etag ?? String(resource._etag) };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async create(doc: T): Promise<Stored<T>> {
    const c = await this.container();
    try {
      const { resource, etag } = await c.items.create(doc);
      return { value: strip<T>(resource as unknown as Record<string, unknown>), etag };
    } catch (error) {
      if (statusOf(error) === 409) throw new ConflictError(doc.id);
      throw error;
    }
  }

  async replace(doc: T, etag: string): Promise<Stored<T>> {
    const c = await this.container();
    try {
      const { resource, etag: next } = await c
        .item(doc.id, doc.pk)
        .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      if (!resource) throw new NotFoundError(doc.id);
      return { value: strip<T>(resource), etag: next };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412) throw new StaleWriteError(doc.id);
      if (status === 404) throw new NotFoundError(doc.id);
      throw error;
    }
  }

  async upsert(doc: T): Promise<Stored<T>> {
    const c = await this.container();
    const { resource, etag } = await c.items.upsert(doc);
    return { value: strip<T>(resource as unknown as Record<string, unknown>), etag };
  }

  async delete(pk: string, id: string, etag?: string): Promise<void> {
    const c = await this.container();
    try {
      await c.item(id, pk).delete(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : {});
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return;
      if (status === 412) throw new StaleWriteError(id);
      throw error;
    }
  }

  async patch(pk: string, id: string, operations: readonly PatchOperation[], options: { etag?: string } = {}): Promise<Stored<T>> {
    const c = await this.container();
    for (const o of operations) {
      assertField(o.field);
      if (o.field === 'id' || o.field === 'pk') throw new Error('id och pk kan inte ändras');
    }
    try {
      const { resource, etag } = await c.item(id, pk).patch<Record<string, unknown>>(
        operations.map((o) => (o.op === 'set' ? { op: 'set' as const, path: `/${o.field}`, value: o.value } : { op: 'incr' as const, path: `/${o.field}`, value: o.value })),
        options.etag ? { accessCondition: { type: 'IfMatch', condition: options.etag } } : {},
      );
      if (!resource) throw new NotFoundError(id);
      return { value: strip<T>(resource), etag };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412) throw new StaleWriteError(id);
      if (status === 404) throw new NotFoundError(id);
      throw error;
    }
  }

  private querySpec(pk: string | undefined, options: QueryOptions): { query: string; parameters: SqlParameter[] } {
    const clauses: string[] = [];
    const parameters: SqlParameter[] = [];
    if (pk !== undefined) {
      clauses.push('c.pk = @pk');
      parameters.push({ name: '@pk', value: pk });
    }
    filtersOf(options).forEach((f, i) => {
      if (f.value === null) {
        clauses.push(f.op === '=' ? `(NOT IS_DEFINED(c.${f.field}) OR IS_NULL(c.${f.field}))` : `(IS_DEFINED(c.${f.field}) AND NOT IS_NULL(c.${f.field}))`);
        return;
      }
      clauses.push(`c.${f.field} ${f.op} @p${i}`);
      parameters.push({ name: `@p${i}`, value: f.value });
    });
    const order = options.orderBy;
    if (order) clauses.push(`IS_DEFINED(c.${assertField(order.field)}) AND NOT IS_NULL(c.${order.field})`);
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    const orderSql = order ? ` ORDER BY c.${order.field} ${order.direction === 'desc' ? 'DESC' : 'ASC'}` : '';
    return { query: `SELECT * FROM c${where}${orderSql}`, parameters };
  }

  query(pk: string | undefined, options: QueryOptions = {}): Promise<Stored<T>[]> {
    return readAllPages((o) => this.page(pk, o), options);
  }

  async page(pk: string | undefined, options: QueryOptions & { pageSize: number; continuation?: string | undefined }): Promise<Page<T>> {
    const c = await this.container();
    const pageSize = Math.max(1, Math.floor(Math.min(options.pageSize, options.limit ?? options.pageSize)));
    const iterator = c.items.query<Record<string, unknown>>(this.querySpec(pk, options), {
      ...(pk !== undefined ? { partitionKey: pk } : {}),
      maxItemCount: pageSize,
      ...(options.continuation ? { continuationToken: options.continuation } : {}),
    });
    const response = await iterator.fetchNext();
    const items = response.resources.map((r) => ({ value: strip<T>(r), etag: String(r._etag) }));
    return { items, continuation: response.hasMoreResults && response.continuationToken ? response.continuationToken : undefined };
  }
}

export interface CosmosStoreOptions {
  endpoint: string;
  database: string;
  /** An account key, for local emulators only; in Azure use `credential` (Entra ID). */
  key?: string;
  credential?: TokenCredential;
  /** Own HTTPS agent, e.g. trusting a local emulator's self-signed certificate. */
  agent?: Agent;
}

/**
 * Azure Cosmos DB through @azure/cosmos. The database and containers are created on first
 * use, once; a failed attempt is retried on the next call instead of leaving the store
 * broken.
 */
export class CosmosStore implements DocumentStore {
  readonly kind = 'cosmos' as const;
  private readonly client: CosmosClient;
  private database: Promise<Database> | undefined;
  private readonly containers = new Map<CollectionName, Promise<Container>>();

  constructor(private readonly options: CosmosStoreOptions) {
    if (!options.key && !options.credential) throw new Error('Cosmos DB kräver en Entra ID-identitet eller (lokalt) en nyckel');
    this.client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.key ? { key: options.key } : { aadCredentials: options.credential }),
      ...(options.agent ? { agent: options.agent } : {}),
      connectionPolicy: { enableEndpointDiscovery: !options.agent },
    });
  }

  private db(): Promise<Database> {
    this.database ??= this.client.databases
      .createIfNotExists({ id: this.options.database })
      .then((r) => r.database)
      .catch((error: unknown) => {
        this.database = undefined;
        throw error;
      });
    return this.database;
  }

  private container(name: CollectionName): Promise<Container> {
    let c = this.containers.get(name);
    if (!c) {
      c = this.db()
        // defaultTtl -1: documents live forever unless they carry their own `ttl`.
        .then((db) => db.containers.createIfNotExists({ id: name, partitionKey: { paths: ['/pk'] }, defaultTtl: -1 }))
        .then((r) => r.container)
        .catch((error: unknown) => {
          this.containers.delete(name);
          throw error;
        });
      this.containers.set(name, c);
    }
    return c;
  }

  collection<T extends StoredDocument>(name: CollectionName): Collection<T> {
    if (!COLLECTIONS.includes(name)) throw new Error(`Okänd samling ${String(name)}`);
    return new CosmosCollection<T>(() => this.container(name));
  }

  async ping(): Promise<void> {
    await this.db();
  }

  async close(): Promise<void> {
    this.client.dispose();
    return Promise.resolve();
  }
}
