import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { DocumentStore } from '../../src/storage/documentStore.js';
import { DATABASE_FILE, SqliteStore } from '../../src/storage/sqliteStore.js';
import { startCosmos } from '../helpers/cosmos.js';

/**
 * `npm run bench:storage`: the embedded store's operations per second (point reads, durable
 * writes, conditional replaces), with the in-process Cosmos DB server measured in the same
 * run as the baseline, and start-up with 1,000,000 stored questions beside an empty
 * database, each in a fresh process. Prints JSON.
 */

interface Doc {
  id: string;
  pk: string;
  n: number;
  text: string;
}

const round = (n: number, d = 0): number => Math.round(n * 10 ** d) / 10 ** d;

async function rate(n: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await op(next++);
    }),
  );
  return round(n / ((performance.now() - started) / 1000));
}

async function operations(store: DocumentStore, n: number, concurrency: number): Promise<Record<string, number>> {
  const c = store.collection<Doc>('state');
  const text = 'x'.repeat(300);
  // One write first: the embedded store starts its writer thread with the first write, once per process.
  await c.upsert({ id: 'warm-up', pk: 'warm-up', n: 0, text });
  const writes = await rate(n, concurrency, (i) => c.create({ id: `d${i}`, pk: `p${i % 50}`, n: i, text }));
  const reads = await rate(n * 5, concurrency, (i) => c.get(`p${i % n % 50}`, `d${i % n}`));
  const replaces = await rate(n, concurrency, async (i) => {
    const current = await c.get(`p${i % 50}`, `d${i}`);
    if (current) await c.replace({ ...current.value, n: current.value.n + 1 }, current.etag);
  });
  const pages = await rate(Math.max(20, n / 100), concurrency, (i) => c.page(`p${i % 50}`, { orderBy: { field: 'n', direction: 'asc' }, pageSize: 20 }));
  return { documents: n, concurrency, durableWritesPerSecond: writes, pointReadsPerSecond: reads, readAndReplacePerSecond: replaces, pagedQueriesPerSecond: pages };
}

/** Fills a database with `count` question documents quickly (direct SQL, in large transactions). */
async function fillQuestions(dir: string, count: number): Promise<void> {
  const store = new SqliteStore(dir);
  await store.ping();
  await store.close();
  const db = new DatabaseSync(path.join(dir, DATABASE_FILE));
  const insert = db.prepare('INSERT INTO c_questions (pk, id, etag, doc, expires_at) VALUES (?, ?, ?, ?, NULL)');
  const batch = 50_000;
  for (let start = 0; start < count; start += batch) {
    db.exec('BEGIN');
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const month = `2026-${String((i % 12) + 1).padStart(2, '0')}`;
      const id = randomUUID();
      const doc = {
        id,
        pk: month,
        type: 'question',
        question: `Hur går det med fråga nummer ${i} om planen för digitalisering?`,
        answered: i % 5 !== 0,
        reason: i % 5 === 0 ? 'not_in_documents' : null,
        sources: [],
        askedAt: `${month}-15T10:00:00.000Z`,
        askerHash: 'a'.repeat(32),
        feedback: null,
        feedbackAt: null,
        generated: false,
        replyActivityId: null,
      };
      insert.run(month, id, randomUUID(), JSON.stringify(doc));
    }
    db.exec('COMMIT');
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Opens the store in a fresh process and reads from it, timing it there. */
function startUp(dir: string): { ms: number; rssMb: number; heapMb: number } {
  const script = `
    const { SqliteStore } = await import(${JSON.stringify(path.resolve('src/storage/sqliteStore.ts'))});
    const started = performance.now();
    const store = new SqliteStore(${JSON.stringify(dir)});
    await store.ping();
    const q = store.collection('questions');
    await q.page('2026-11', { where: { answered: false }, orderBy: { field: 'askedAt', direction: 'desc' }, pageSize: 50 });
    const ms = performance.now() - started;
    const m = process.memoryUsage();
    process.stdout.write(JSON.stringify({ ms, rssMb: m.rss / 1e6, heapMb: m.heapUsed / 1e6 }));
    await store.close();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout) as { ms: number; rssMb: number; heapMb: number };
  return { ms: round(out.ms, 1), rssMb: round(out.rssMb, 1), heapMb: round(out.heapMb, 1) };
}

async function main(): Promise<void> {
  const n = Number(process.env.BENCH_DOCUMENTS ?? 5000);
  const questions = Number(process.env.BENCH_QUESTIONS ?? 1_000_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'pp-bench-store-'));
  try {
    const sqlite = new SqliteStore(path.join(dir, 'ops'));
    const embedded = await operations(sqlite, n, 16);
    await sqlite.close();
    const cosmos = await startCosmos();
    const cosmosOps = await operations(cosmos.store(), Math.min(n, 2000), 16);
    await cosmos.close();

    const empty = path.join(dir, 'empty');
    await fillQuestions(empty, 0);
    const full = path.join(dir, 'full');
    const filled = performance.now();
    await fillQuestions(full, questions);
    const fillSeconds = (performance.now() - filled) / 1000;
    const startEmpty = startUp(empty);
    const startFull = startUp(full);
    process.stdout.write(
      `${JSON.stringify(
        {
          node: process.version,
          embeddedSqlite: embedded,
          cosmosInProcessServerBaseline: cosmosOps,
          startUp: {
            questions,
            fillSeconds: round(fillSeconds, 1),
            empty: startEmpty,
            withQuestions: startFull,
            note: 'fresh process: open, ping, one page of a month\'s unanswered questions; memory beside an empty database',
          },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
