import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { PreparedStatements } from './preparedStatements.js';
import { COLLECTIONS, type CollectionName, type PatchOperation } from './documentStore.js';

/**
 * A write to the embedded store as data, so that the writer thread can apply it: every
 * conditional check (exists? same etag?) happens where the write happens, inside the
 * writer's transaction. `now` is the store's clock at the call (expiry is counted from it).
 */
export type WriteOp =
  | { kind: 'create' | 'upsert'; collection: CollectionName; pk: string; id: string; doc: string; ttl: number | undefined; now: number }
  | { kind: 'replace'; collection: CollectionName; pk: string; id: string; doc: string; ttl: number | undefined; now: number; etag: string }
  | { kind: 'delete'; collection: CollectionName; pk: string; id: string; now: number; etag: string | undefined }
  | { kind: 'patch'; collection: CollectionName; pk: string; id: string; now: number; etag: string | undefined; operations: string }
  | { kind: 'purge'; collection: CollectionName; now: number; limit: number };

/** Why a write was refused: the store turns it back into its error class. */
export type WriteRefusal = { kind: 'conflict' | 'not_found' | 'stale'; id: string } | { kind: 'failed'; message: string };

/** A write's outcome: the new etag (and the document as written, for a patch), or why not. */
export type WriteOutcome = { ok: true; etag?: string; doc?: string; removed?: number } | { ok: false; refusal: WriteRefusal };

export const tableOf = (name: CollectionName): string => `c_${name}`;

interface Row {
  etag: string;
  doc: string;
}

/** Applies write operations on one connection, with its prepared statements. */
export class WriteApplier {
  private readonly statements: PreparedStatements;

  constructor(db: DatabaseSync) {
    this.statements = new PreparedStatements(db);
  }

  private statement(sql: string): StatementSync {
    return this.statements.get(sql);
  }

  private table(name: CollectionName): string {
    if (!COLLECTIONS.includes(name)) throw new Error(`Okänd samling ${String(name)}`);
    return tableOf(name);
  }

  /** The current row, expired ones counting as absent. */
  private current(name: CollectionName, pk: string, id: string, now: number): Row | undefined {
    return this.statement(`SELECT etag, doc FROM ${this.table(name)} WHERE pk = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)`).get(pk, id, now) as unknown as
      | Row
      | undefined;
  }

  private put(name: CollectionName, pk: string, id: string, doc: string, ttl: number | undefined, now: number): string {
    const etag = randomUUID();
    const expiresAt = typeof ttl === 'number' && ttl > 0 ? now + ttl * 1000 : null;
    this.statement(
      `INSERT INTO ${this.table(name)} (pk, id, etag, doc, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (pk, id) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, expires_at = excluded.expires_at`,
    ).run(pk, id, etag, doc, expiresAt);
    return etag;
  }

  /** One operation inside the caller's transaction; a refusal or error is its outcome alone. */
  apply(op: WriteOp): WriteOutcome {
    try {
      return this.run(op);
    } catch (error) {
      return { ok: false, refusal: { kind: 'failed', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  private run(op: WriteOp): WriteOutcome {
    const refuse = (kind: 'conflict' | 'not_found' | 'stale'): WriteOutcome => ({ ok: false, refusal: { kind, id: op.kind === 'purge' ? '' : op.id } });
    switch (op.kind) {
      case 'create':
        if (this.current(op.collection, op.pk, op.id, op.now)) return refuse('conflict');
        return { ok: true, etag: this.put(op.collection, op.pk, op.id, op.doc, op.ttl, op.now) };
      case 'upsert':
        return { ok: true, etag: this.put(op.collection, op.pk, op.id, op.doc, op.ttl, op.now) };
      case 'replace': {
        const row = this.current(op.collection, op.pk, op.id, op.now);
        if (!row) return refuse('not_found');
        if (row.etag !== op.etag) return refuse('stale');
        return { ok: true, etag: this.put(op.collection, op.pk, op.id, op.doc, op.ttl, op.now) };
      }
      case 'delete': {
        const row = this.current(op.collection, op.pk, op.id, op.now);
        if (!row) return { ok: true };
        if (op.etag !== undefined && row.etag !== op.etag) return refuse('stale');
        this.statement(`DELETE FROM ${this.table(op.collection)} WHERE pk = ? AND id = ?`).run(op.pk, op.id);
        return { ok: true };
      }
      case 'patch': {
        const row = this.current(op.collection, op.pk, op.id, op.now);
        if (!row) return refuse('not_found');
        if (op.etag !== undefined && row.etag !== op.etag) return refuse('stale');
        const doc = JSON.parse(row.doc) as Record<string, unknown>;
        for (const o of JSON.parse(op.operations) as PatchOperation[]) {
          if (o.field === 'id' || o.field === 'pk') throw new Error('id och pk kan inte ändras');
          if (o.op === 'set') doc[o.field] = o.value;
          else {
            const before = doc[o.field] ?? 0;
            if (typeof before !== 'number') throw new Error(`${o.field} är inget tal`);
            doc[o.field] = before + o.value;
          }
        }
        const text = JSON.stringify(doc);
        const ttl = typeof doc.ttl === 'number' ? doc.ttl : undefined;
        return { ok: true, etag: this.put(op.collection, op.pk, op.id, text, ttl, op.now), doc: text };
      }
      case 'purge': {
        const t = this.table(op.collection);
        const result = this.statement(
          `DELETE FROM ${t} WHERE rowid IN (SELECT rowid FROM ${t} WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ${Math.max(1, Math.floor(op.limit))})`,
        ).run(op.now);
        return { ok: true, removed: Number(result.changes) };
      }
    }
  }
}

/**
 * Runs a batch as one transaction (group commit: one fsync for all of them). Each
 * operation's outcome is its own; if the transaction itself fails, every one fails with it.
 */
export function applyBatch(db: DatabaseSync, applier: WriteApplier, ops: readonly WriteOp[]): WriteOutcome[] {
  const failAll = (error: unknown): WriteOutcome[] =>
    ops.map(() => ({ ok: false, refusal: { kind: 'failed', message: error instanceof Error ? error.message : String(error) } }));
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    return failAll(error);
  }
  const outcomes = ops.map((op) => applier.apply(op));
  try {
    db.exec('COMMIT');
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // SQLite may already have rolled back; the COMMIT error is what the writers get.
    }
    return failAll(error);
  }
  return outcomes;
}
