import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, openSync, closeSync, fsyncSync, renameSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DatabaseSync } from 'node:sqlite';
import { COLLECTIONS, type CollectionName } from './documentStore.js';

interface LogRecord {
  op?: unknown;
  pk?: unknown;
  id?: unknown;
  etag?: unknown;
  doc?: unknown;
}

/** What a migrated log file is renamed to: kept as a backup, never read again. */
export const MIGRATED_SUFFIX = '.migrated';

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves the append-only logs of earlier versions (`<collection>.jsonl` under DATA_DIR) into
 * the database, once. Each log is streamed line by line (a log of any size fits), replayed
 * in one transaction together with a marker in `meta`, and renamed to `.migrated` after the
 * commit. A crash before the commit leaves the log as it was, to be migrated at the next
 * start; a crash after it finds the marker and only renames. A torn line (a crash of the old
 * store mid-write) is skipped, as the old store did.
 */
export async function migrateLegacyLogs(db: DatabaseSync, dir: string, tableOf: (name: CollectionName) => string): Promise<void> {
  for (const name of COLLECTIONS) {
    const file = path.join(dir, `${name}.jsonl`);
    if (!existsSync(file)) continue;
    const marker = `migrated:${name}.jsonl`;
    const done = db.prepare('SELECT 1 FROM meta WHERE key = ?').get(marker);
    if (!done) await replay(db, file, tableOf(name), marker);
    renameSync(file, `${file}${MIGRATED_SUFFIX}`);
    fsyncDir(dir);
  }
}

async function replay(db: DatabaseSync, file: string, table: string, marker: string): Promise<void> {
  db.exec('BEGIN IMMEDIATE');
  try {
    // Another process may have migrated it while this one waited for the lock.
    if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(marker)) {
      db.exec('ROLLBACK');
      return;
    }
    const put = db.prepare(
      `INSERT INTO ${table} (pk, id, etag, doc, expires_at) VALUES (?, ?, ?, ?, NULL) ON CONFLICT (pk, id) DO UPDATE SET etag = excluded.etag, doc = excluded.doc`,
    );
    const del = db.prepare(`DELETE FROM ${table} WHERE pk = ? AND id = ?`);
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        continue;
      }
      if (typeof record.pk !== 'string' || typeof record.id !== 'string') continue;
      if (record.op === 'del') del.run(record.pk, record.id);
      else if (record.op === 'put' && record.doc && typeof record.doc === 'object') {
        put.run(record.pk, record.id, typeof record.etag === 'string' ? record.etag : randomUUID(), JSON.stringify(record.doc));
      }
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(marker, new Date().toISOString());
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
