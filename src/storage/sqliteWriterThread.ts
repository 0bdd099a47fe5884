import { DatabaseSync } from 'node:sqlite';
import { parentPort } from 'node:worker_threads';
import type { FromWriterThread, ToWriterThread, WriterFile } from './sqliteWriter.js';
import { applyBatch, WriteApplier, type WriteOutcome } from './sqliteWrites.js';

/**
 * The writer thread (see SqliteWriter): one connection per opened database file, each batch
 * one transaction. The COMMIT's fsync blocks this thread, not the one that answers Teams.
 */
const port = parentPort;
if (!port) throw new Error('sqliteWriterThread runs as a worker thread');
const send = (message: FromWriterThread): void => port.postMessage(message);
const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const connections = new Map<number, { db: DatabaseSync; applier: WriteApplier }>();

/** The file's connection, opened (durable: WAL, synchronous=FULL) if there is none yet. */
function connect(where: WriterFile): { db: DatabaseSync; applier: WriteApplier } {
  const known = connections.get(where.db);
  if (known) return known;
  const db = new DatabaseSync(where.file);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(where.busyTimeoutMs))}`);
    db.exec('PRAGMA journal_mode = WAL');
    // FULL: the WAL is fsynced at every COMMIT, so an acknowledged write survives a power cut.
    db.exec('PRAGMA synchronous = FULL');
  } catch (error) {
    db.close();
    throw error;
  }
  const connection = { db, applier: new WriteApplier(db) };
  connections.set(where.db, connection);
  return connection;
}

port.on('message', (message: ToWriterThread) => {
  if (message.type === 'open') {
    try {
      const { db } = connect(message);
      const journal = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
      const synchronous = db.prepare('PRAGMA synchronous').get() as { synchronous: number };
      send({ type: 'opened', db: message.db, journalMode: journal.journal_mode, synchronous: synchronous.synchronous });
    } catch (error) {
      send({ type: 'open_failed', db: message.db, error: reason(error) });
    }
    return;
  }
  if (message.type === 'close') {
    connections.get(message.db)?.db.close();
    connections.delete(message.db);
    send({ type: 'closed', db: message.db });
    return;
  }
  let outcomes: WriteOutcome[];
  try {
    const { db, applier } = connect(message);
    outcomes = applyBatch(db, applier, message.ops);
  } catch (error) {
    outcomes = message.ops.map(() => ({ ok: false, refusal: { kind: 'failed', message: reason(error) } }));
  }
  send({ type: 'done', batch: message.batch, outcomes });
});
