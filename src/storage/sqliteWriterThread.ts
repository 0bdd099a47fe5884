import { DatabaseSync } from 'node:sqlite';
import { parentPort } from 'node:worker_threads';
import type { FromWriterThread, ToWriterThread } from './sqliteWriter.js';
import { applyBatch, WriteApplier } from './sqliteWrites.js';

/**
 * The writer thread (see SqliteWriter): one connection per opened database file, each batch
 * one transaction. The COMMIT's fsync blocks this thread, not the one that answers Teams.
 */
const port = parentPort;
if (!port) throw new Error('sqliteWriterThread runs as a worker thread');
const send = (message: FromWriterThread): void => port.postMessage(message);

const connections = new Map<number, { db: DatabaseSync; applier: WriteApplier }>();

port.on('message', (message: ToWriterThread) => {
  if (message.type === 'open') {
    try {
      const db = new DatabaseSync(message.file);
      db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(message.busyTimeoutMs))}`);
      db.exec('PRAGMA journal_mode = WAL');
      // FULL: the WAL is fsynced at every COMMIT, so an acknowledged write survives a power cut.
      db.exec('PRAGMA synchronous = FULL');
      connections.set(message.db, { db, applier: new WriteApplier(db) });
      const journal = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
      const synchronous = db.prepare('PRAGMA synchronous').get() as { synchronous: number };
      send({ type: 'opened', db: message.db, journalMode: journal.journal_mode, synchronous: synchronous.synchronous });
    } catch (error) {
      send({ type: 'open_failed', db: message.db, error: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (message.type === 'close') {
    connections.get(message.db)?.db.close();
    connections.delete(message.db);
    send({ type: 'closed', db: message.db });
    return;
  }
  const connection = connections.get(message.db);
  const outcomes = connection
    ? applyBatch(connection.db, connection.applier, message.ops)
    : message.ops.map(() => ({ ok: false as const, refusal: { kind: 'failed' as const, message: 'Lagringen är stängd' } }));
  send({ type: 'done', batch: message.batch, outcomes });
});
