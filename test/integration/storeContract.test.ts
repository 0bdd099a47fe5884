import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, ConflictError, NotFoundError, StaleWriteError, type DocumentStore, type Stored } from '../../src/storage/documentStore.js';
import { SqliteStore, DATABASE_FILE } from '../../src/storage/sqliteStore.js';
import { crashWriterThread } from '../../src/storage/sqliteWriter.js';
import type { Clock } from '../../src/time/clock.js';
import { startCosmos, type LocalCosmos } from '../helpers/cosmos.js';

interface Item {
  id: string;
  pk: string;
  name: string;
  n: number;
  tag?: string | null;
  dueAt?: string;
  ttl?: number;
}

/** The contract every store must keep; run against both implementations below. */
function contract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`${name}: storage contract`, () => {
    let store: DocumentStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });
    const items = () => store.collection<Item>('initiatives');

    it('creates, reads and reports absence as undefined', async () => {
      const created = await items().create({ id: 'a1', pk: 'p1', name: 'Första', n: 1 });
      expect(created.etag).toBeTruthy();
      expect((await items().get('p1', 'a1'))?.value).toEqual({ id: 'a1', pk: 'p1', name: 'Första', n: 1 });
      expect(await items().get('p1', 'saknas')).toBeUndefined();
      expect(await items().get('annan', 'a1')).toBeUndefined();
      await store.ping();
    });

    it('refuses a second create of the same id', async () => {
      await items().create({ id: 'dup', pk: 'p1', name: 'x', n: 0 });
      await expect(items().create({ id: 'dup', pk: 'p1', name: 'y', n: 0 })).rejects.toBeInstanceOf(ConflictError);
      expect((await items().get('p1', 'dup'))?.value.name).toBe('x');
    });

    it('replaces only with the current etag; a stale edit fails and changes nothing', async () => {
      const v1 = await items().create({ id: 'r1', pk: 'p2', name: 'v1', n: 1 });
      const v2 = await items().replace({ ...v1.value, name: 'v2' }, v1.etag);
      expect(v2.etag).not.toBe(v1.etag);
      await expect(items().replace({ ...v1.value, name: 'stale' }, v1.etag)).rejects.toBeInstanceOf(StaleWriteError);
      expect((await items().get('p2', 'r1'))?.value.name).toBe('v2');
      await expect(items().replace({ id: 'nope', pk: 'p2', name: '', n: 0 }, v2.etag)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lets exactly one of two concurrent edits from the same version win', async () => {
      const base = await items().create({ id: 'race', pk: 'p3', name: 'base', n: 0 });
      const results = await Promise.allSettled([
        items().replace({ ...base.value, name: 'A' }, base.etag),
        items().replace({ ...base.value, name: 'B' }, base.etag),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(StaleWriteError);
    });

    it('never loses a confirmed replace in a chain: create, A, B, C in a row, each on the last etag', async () => {
      for (let run = 0; run < 20; run++) {
        const id = `chain${run}`;
        let v: Stored<Item> = await items().create({ id, pk: 'chain', name: 'start', n: 0 });
        const seen: string[] = [];
        for (const step of ['A', 'B', 'C']) {
          // A writer with the etag before this step must now fail.
          const stale = v.etag;
          v = await items().replace({ ...v.value, name: step, n: v.value.n + 1 }, v.etag);
          seen.push(step);
          await expect(items().replace({ ...v.value, name: 'stale' }, stale)).rejects.toBeInstanceOf(StaleWriteError);
        }
        const final = await items().get('chain', id);
        expect(final?.value).toMatchObject({ name: 'C', n: 3 });
        expect(final?.etag).toBe(v.etag);
        expect(seen).toEqual(['A', 'B', 'C']);
      }
    });

    it('of 20 concurrent read-modify-writes of one document, every acknowledged one counts exactly once', async () => {
      await items().create({ id: 'counter', pk: 'cnt', name: 'räknare', n: 0 });
      let acknowledged = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          for (let round = 0; round < 5; round++) {
            const current = await items().get('cnt', 'counter');
            if (!current) throw new Error('borta');
            try {
              await items().replace({ ...current.value, n: current.value.n + 1 }, current.etag);
              acknowledged++;
            } catch (error) {
              if (!(error instanceof StaleWriteError)) throw error;
            }
          }
        }),
      );
      expect(acknowledged).toBeGreaterThan(0);
      expect((await items().get('cnt', 'counter'))?.value.n).toBe(acknowledged);
    });

    it('upserts and deletes, with and without an etag', async () => {
      const up = await items().upsert({ id: 'u1', pk: 'p4', name: 'u', n: 1 });
      await items().upsert({ ...up.value, name: 'u2' });
      expect((await items().get('p4', 'u1'))?.value.name).toBe('u2');
      await expect(items().delete('p4', 'u1', up.etag)).rejects.toBeInstanceOf(StaleWriteError);
      await items().delete('p4', 'u1');
      expect(await items().get('p4', 'u1')).toBeUndefined();
      await items().delete('p4', 'u1');
    });

    it('patches top-level fields, conditionally on the etag', async () => {
      const v1 = await items().create({ id: 'pa', pk: 'p5', name: 'före', n: 1 });
      const v2 = await items().patch('p5', 'pa', [
        { op: 'set', field: 'name', value: 'efter' },
        { op: 'incr', field: 'n', value: 2 },
      ]);
      expect(v2.value).toMatchObject({ id: 'pa', name: 'efter', n: 3 });
      expect(v2.etag).not.toBe(v1.etag);
      await expect(items().patch('p5', 'pa', [{ op: 'set', field: 'name', value: 'gammal' }], { etag: v1.etag })).rejects.toBeInstanceOf(StaleWriteError);
      const v3 = await items().patch('p5', 'pa', [{ op: 'set', field: 'tag', value: 'ny' }], { etag: v2.etag });
      expect((await items().get('p5', 'pa'))?.value).toMatchObject({ name: 'efter', n: 3, tag: 'ny' });
      expect(v3.etag).not.toBe(v2.etag);
      await expect(items().patch('p5', 'saknas', [{ op: 'set', field: 'name', value: 'x' }])).rejects.toBeInstanceOf(NotFoundError);
      await expect(items().patch('p5', 'pa', [{ op: 'set', field: 'name = 1', value: 'x' }])).rejects.toThrow(/Ogiltigt fältnamn/);
    });

    it('queries one partition with filters, order and limit, and all partitions', async () => {
      for (let i = 0; i < 5; i++) await items().create({ id: `q${i}`, pk: 'q', name: i % 2 ? 'udda' : 'jämn', n: i, tag: i === 4 ? null : 't' });
      await items().create({ id: 'q-other', pk: 'q-annan', name: 'udda', n: 99 });
      const odd = await items().query('q', { where: { name: 'udda' }, orderBy: { field: 'n', direction: 'desc' } });
      expect(odd.map((r) => r.value.n)).toEqual([3, 1]);
      const top2 = await items().query('q', { orderBy: { field: 'n', direction: 'asc' }, limit: 2 });
      expect(top2.map((r) => r.value.id)).toEqual(['q0', 'q1']);
      const everywhere = await items().query(undefined, { where: { name: 'udda' } });
      expect(everywhere.map((r) => r.value.id).sort()).toEqual(['q-other', 'q1', 'q3']);
      expect(everywhere.every((r) => typeof r.etag === 'string' && r.etag.length > 0)).toBe(true);
      const untagged = await items().query('q', { where: { tag: null } });
      expect(untagged.map((r) => r.value.id)).toEqual(['q4']);
      await expect(items().query('q', { where: { 'n = 1 OR 1': 1 } })).rejects.toThrow(/Ogiltigt fältnamn/);
    });

    it('filters on ranges (dueAt <= now), comparing only values of the same type', async () => {
      const due = ['2026-11-01T08:00:00Z', '2026-11-20T08:00:00Z', '2026-12-01T08:00:00Z'];
      for (const [i, d] of due.entries()) await items().create({ id: `due${i}`, pk: 'due', name: 'x', n: i, dueAt: d });
      await items().create({ id: 'due-none', pk: 'due', name: 'x', n: 9 });
      const now = '2026-11-22T00:00:00Z';
      const ready = await items().query('due', { where: [{ field: 'dueAt', op: '<=', value: now }], orderBy: { field: 'dueAt', direction: 'asc' } });
      expect(ready.map((r) => r.value.id)).toEqual(['due0', 'due1']);
      const later = await items().query('due', { where: [{ field: 'dueAt', op: '>', value: now }] });
      expect(later.map((r) => r.value.id)).toEqual(['due2']);
      const numeric = await items().query('due', { where: [{ field: 'n', op: '>=', value: 1 }, { field: 'n', op: '<', value: 9 }] });
      expect(numeric.map((r) => r.value.id).sort()).toEqual(['due1', 'due2']);
      const notFirst = await items().query('due', { where: [{ field: 'n', op: '!=', value: 0 }] });
      expect(notFirst.map((r) => r.value.id).sort()).toEqual(['due-none', 'due1', 'due2']);
    });

    it('leaves out documents without the ordering field, as Cosmos DB does', async () => {
      const ordered = await items().query('due', { orderBy: { field: 'dueAt', direction: 'desc' } });
      expect(ordered.map((r) => r.value.id)).toEqual(['due2', 'due1', 'due0']);
    });

    it('pages with a continuation: every document once, in order, none twice', async () => {
      for (let i = 0; i < 23; i++) await items().create({ id: `pg${String(i).padStart(2, '0')}`, pk: i % 2 ? 'pg-a' : 'pg-b', name: 'page', n: i });
      const seen: number[] = [];
      let continuation: string | undefined;
      let pages = 0;
      do {
        const page = await items().page(undefined, { where: { name: 'page' }, orderBy: { field: 'n', direction: 'asc' }, pageSize: 5, continuation });
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((r) => r.value.n));
        continuation = page.continuation;
        pages++;
      } while (continuation && pages < 20);
      expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i));
      expect(pages).toBeGreaterThanOrEqual(5);
      const inOne = await items().page('pg-a', { pageSize: 100 });
      expect(inOne.items).toHaveLength(11);
      expect(inOne.continuation).toBeUndefined();
    });

    it('keeps 200 concurrent creates, none lost or mixed up', async () => {
      await Promise.all(Array.from({ length: 200 }, (_, i) => items().create({ id: `c${i}`, pk: `c${i % 7}`, name: `namn ${i}`, n: i })));
      const all = await items().query(undefined, {});
      const mine = all.filter((r) => /^c\d+$/.test(r.value.id));
      expect(mine).toHaveLength(200);
      for (const r of mine) expect(r.value.name).toBe(`namn ${r.value.n}`);
    });

    it('every collection the bot uses keeps the same contract (outbox, conversations and follow-ups included)', async () => {
      for (const name of COLLECTIONS) {
        const c = store.collection<Item>(name);
        const v1 = await c.create({ id: `all-${name}`, pk: `p-${name}`, name, n: 1, dueAt: '2026-11-01T00:00:00Z' });
        await expect(c.create({ id: `all-${name}`, pk: `p-${name}`, name, n: 2 })).rejects.toBeInstanceOf(ConflictError);
        const v2 = await c.patch(`p-${name}`, `all-${name}`, [{ op: 'incr', field: 'n', value: 1 }], { etag: v1.etag });
        expect(v2.value.n).toBe(2);
        const due = await c.page(undefined, { where: [{ field: 'dueAt', op: '<=', value: '2026-11-22T00:00:00Z' }, { field: 'name', op: '=', value: name }], pageSize: 10 });
        expect(due.items.map((r) => r.value.id)).toEqual([`all-${name}`]);
        await expect(c.replace({ ...v1.value, n: 9 }, v1.etag)).rejects.toBeInstanceOf(StaleWriteError);
        await c.delete(`p-${name}`, `all-${name}`, v2.etag);
        expect(await c.get(`p-${name}`, `all-${name}`)).toBeUndefined();
      }
    });

    it('stores a per-document ttl as given', async () => {
      await items().create({ id: 'ttl1', pk: 'ttl', name: 'går ut', n: 0, ttl: 3600 });
      expect((await items().get('ttl', 'ttl1'))?.value.ttl).toBe(3600);
    });
  });
}

let cosmos: LocalCosmos;
contract('Cosmos DB (in-process server)', async () => {
  cosmos = await startCosmos();
  return cosmos.store();
});

describe('Cosmos DB: expiry is Azure\'s job', () => {
  it('creates every container with defaultTtl -1, so a document\'s own ttl applies', async () => {
    const store = cosmos.store('ttlcheck');
    await store.collection('questions').create({ id: 'x', pk: 'p' });
    const { CosmosClient } = await import('@azure/cosmos');
    const client = new CosmosClient({ endpoint: cosmos.endpoint, key: 'x', agent: cosmos.agent, connectionPolicy: { enableEndpointDiscovery: false } });
    const { resource } = await client.database('ttlcheck').container('questions').read();
    expect(resource?.defaultTtl).toBe(-1);
    client.dispose();
  });
});

afterAll(async () => {
  await cosmos.close();
});

const dirs: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

contract('embedded SQLite store', async () => new SqliteStore(await tempDir('pp-store-')));

describe('embedded SQLite store', () => {
  it('durably commits in WAL mode with synchronous=FULL (fsync at every commit)', async () => {
    const dir = await tempDir('pp-pragma-');
    const store = new SqliteStore(dir);
    await store.ping();
    expect(store.statement('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(store.statement('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    // Writes go through the writer thread's own connection: it must be as durable.
    expect(await store.writerSettings()).toEqual({ journalMode: 'wal', synchronous: 2 });
    await store.close();
  });

  it('a write waiting for another process\'s lock holds up neither reads nor the thread that answers', async () => {
    const dir = await tempDir('pp-lock-');
    const store = new SqliteStore(dir);
    const c = store.collection<Item>('initiatives');
    await c.create({ id: 'l1', pk: 'l', name: 'före', n: 1 });
    // Another process (here a plain connection) holds the write lock.
    const other = new DatabaseSync(path.join(dir, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const waiting = c.create({ id: 'l2', pk: 'l', name: 'väntar', n: 2 }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect((await c.get('l', 'l1'))?.value.name).toBe('före');
    expect(await c.get('l', 'l2')).toBeUndefined();
    expect(settled).toBe(false);
    other.exec('COMMIT');
    other.close();
    await waiting;
    expect((await c.get('l', 'l2'))?.value.name).toBe('väntar');
    await store.close();
  });

  it('writes from a `node -e` script too (its thread does not inherit the script\'s options)', async () => {
    const dir = await tempDir('pp-eval-');
    const script = `
      const { SqliteStore } = await import(${JSON.stringify(path.resolve('src/storage/sqliteStore.ts'))});
      const store = new SqliteStore(${JSON.stringify(dir)});
      await store.collection('state').create({ id: 'e1', pk: 'e', name: 'från -e', n: 1 });
      await store.close();`;
    // A V8 option beside the script: the thread gets only the loader, as V8's may not be given to it.
    const child = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const store = new SqliteStore(dir);
    expect((await store.collection<Item>('state').get('e', 'e1'))?.value.name).toBe('från -e');
    await store.close();
  });

  it('keeps a write made just before close, and a patch value as JSON writes it', async () => {
    const dir = await tempDir('pp-close-');
    const store = new SqliteStore(dir);
    const c = store.collection<Item>('initiatives');
    const made = c.create({ id: 'c1', pk: 'c', name: 'sist', n: 1 });
    await store.close();
    await made;
    const again = new SqliteStore(dir);
    const items = again.collection<Item>('initiatives');
    expect((await items.get('c', 'c1'))?.value.name).toBe('sist');
    const stamp = { toJSON: (): string => 'som JSON' };
    await items.patch('c', 'c1', [{ op: 'set', field: 'tag', value: stamp }]);
    expect((await items.get('c', 'c1'))?.value.tag).toBe('som JSON');
    await again.close();
  });

  it('opens its connection again on the next write after the writer thread failed to', async () => {
    const dir = await tempDir('pp-reopen-');
    const store = new SqliteStore(dir);
    const c = store.collection<Item>('initiatives');
    await c.create({ id: 'r1', pk: 'r', name: 'först', n: 1 });
    await crashWriterThread();
    // The file is gone for a moment (a share that went away): the restarted thread cannot open it.
    await rename(dir, `${dir}-borta`);
    await expect(c.create({ id: 'r2', pk: 'r', name: 'borta', n: 2 })).rejects.toThrow();
    await rename(`${dir}-borta`, dir);
    await c.create({ id: 'r3', pk: 'r', name: 'tillbaka', n: 3 });
    expect((await c.query('r')).map((r) => r.value.id)).toEqual(['r1', 'r3']);
    await store.close();
  });

  it('if the writer thread stops, the writes it held fail (none acknowledged) and the next ones work', async () => {
    const dir = await tempDir('pp-writer-');
    // The held write waits for the lock in SQLite; the thread stops when that wait ends.
    const store = new SqliteStore(dir, { busyTimeoutMs: 1000 });
    const c = store.collection<Item>('initiatives');
    await c.create({ id: 'w1', pk: 'w', name: 'först', n: 1 });
    const other = new DatabaseSync(path.join(dir, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE');
    const held = c.create({ id: 'w2', pk: 'w', name: 'hålls', n: 2 });
    await new Promise((r) => setTimeout(r, 50));
    await crashWriterThread();
    await expect(held).rejects.toThrow('skrivtråd stannade');
    other.exec('ROLLBACK');
    other.close();
    expect(await c.get('w', 'w2')).toBeUndefined();
    await c.create({ id: 'w3', pk: 'w', name: 'efter', n: 3 });
    expect((await c.query('w')).map((r) => r.value.id)).toEqual(['w1', 'w3']);
    await store.close();
  });

  it('expires documents by their ttl: absent from reads at once, purged from the file later', async () => {
    const dir = await tempDir('pp-ttl-');
    let now = Date.parse('2026-11-22T10:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const store = new SqliteStore(dir, { clock, purgeIntervalMs: 0 });
    const c = store.collection<Item>('questions');
    await c.create({ id: 'short', pk: 'm', name: 'x', n: 1, ttl: 60 });
    await c.create({ id: 'forever', pk: 'm', name: 'x', n: 2 });
    now += 61_000;
    expect(await c.get('m', 'short')).toBeUndefined();
    expect((await c.query('m')).map((r) => r.value.id)).toEqual(['forever']);
    // An expired id is free again, as in Cosmos DB.
    await c.create({ id: 'short', pk: 'm', name: 'ny', n: 3, ttl: 60 });
    now += 61_000;
    expect(await store.purgeExpired()).toBe(1);
    expect(store.statement('SELECT count(*) AS n FROM c_questions').get()).toEqual({ n: 1 });
    await store.close();
  });

  it('two stores on one file (two processes) see each other\'s writes at once and never both win', async () => {
    const dir = await tempDir('pp-shared-');
    const a = new SqliteStore(dir);
    const b = new SqliteStore(dir);
    const ca = a.collection<Item>('initiatives');
    const cb = b.collection<Item>('initiatives');
    const v = await ca.create({ id: 's1', pk: 's', name: 'a', n: 0 });
    expect((await cb.get('s', 's1'))?.value.name).toBe('a');
    const results = await Promise.allSettled([ca.replace({ ...v.value, name: 'från a' }, v.etag), cb.replace({ ...v.value, name: 'från b' }, v.etag)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await expect(cb.create({ id: 's1', pk: 's', name: 'dubbel', n: 0 })).rejects.toBeInstanceOf(ConflictError);
    await a.close();
    await b.close();
  });

  it('migrates the logs of the old embedded store once, torn last line skipped, nothing lost', async () => {
    const dir = await tempDir('pp-migrate-');
    const lines = [
      { op: 'put', pk: 'x', id: 'd1', etag: 'e1', doc: { id: 'd1', pk: 'x', name: 'utkast', n: 1 } },
      { op: 'put', pk: 'x', id: 'd1', etag: 'e2', doc: { id: 'd1', pk: 'x', name: 'utkast 2', n: 1 } },
      { op: 'put', pk: 'x', id: 'd2', etag: 'e3', doc: { id: 'd2', pk: 'x', name: 'borttagen', n: 2 } },
      { op: 'del', pk: 'x', id: 'd2' },
    ];
    await writeFile(path.join(dir, 'state.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"op":"put","pk":"x","id":"half`);
    const many = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ op: 'put', pk: '2026-11', id: `q${i}`, etag: `e${i}`, doc: { id: `q${i}`, pk: '2026-11', name: 'fråga', n: i } }));
    await writeFile(path.join(dir, 'questions.jsonl'), `${many.join('\n')}\n`);

    const first = new SqliteStore(dir);
    const state = first.collection<Item>('state');
    expect((await state.get('x', 'd1'))?.value.name).toBe('utkast 2');
    expect((await state.get('x', 'd1'))?.etag).toBe('e2');
    expect(await state.get('x', 'd2')).toBeUndefined();
    expect(await first.collection<Item>('questions').query('2026-11')).toHaveLength(5000);
    await state.replace({ id: 'd1', pk: 'x', name: 'efter flytt', n: 1 }, 'e2');
    await first.close();
    const files = await readdir(dir);
    expect(files).toContain('state.jsonl.migrated');
    expect(files).not.toContain('state.jsonl');
    expect(files).toContain(DATABASE_FILE);

    // The next start does not migrate again (which would undo the change made since).
    const second = new SqliteStore(dir);
    expect((await second.collection<Item>('state').get('x', 'd1'))?.value.name).toBe('efter flytt');
    await second.close();
  });

  it('is a plain SQLite file an administrator can open with standard tools', async () => {
    const dir = await tempDir('pp-open-');
    const store = new SqliteStore(dir);
    await store.collection<Item>('initiatives').create({ id: 'i1', pk: 'i1', name: 'Läsbar', n: 1 });
    const db = new DatabaseSync(path.join(dir, DATABASE_FILE), { readOnly: true });
    expect(db.prepare("SELECT json_extract(doc, '$.name') AS name FROM c_initiatives WHERE id = 'i1'").get()).toEqual({ name: 'Läsbar' });
    db.close();
    await store.close();
  });
});
