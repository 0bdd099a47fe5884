import { mkdtemp, readFile, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, StaleWriteError, type DocumentStore } from '../../src/storage/documentStore.js';
import { FileStore } from '../../src/storage/fileStore.js';
import { startCosmos, type LocalCosmos } from '../helpers/cosmos.js';

interface Item {
  id: string;
  pk: string;
  name: string;
  n: number;
  tag?: string | null;
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

    it('upserts and deletes, with and without an etag', async () => {
      const up = await items().upsert({ id: 'u1', pk: 'p4', name: 'u', n: 1 });
      await items().upsert({ ...up.value, name: 'u2' });
      expect((await items().get('p4', 'u1'))?.value.name).toBe('u2');
      await expect(items().delete('p4', 'u1', up.etag)).rejects.toBeInstanceOf(StaleWriteError);
      await items().delete('p4', 'u1');
      expect(await items().get('p4', 'u1')).toBeUndefined();
      await items().delete('p4', 'u1');
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
      await expect(items().query('q', { where: { 'n = 1 OR 1': 1 } })).rejects.toThrow(/Ogiltigt fältnamn/);
    });

    it('keeps 200 concurrent creates, none lost or mixed up', async () => {
      await Promise.all(Array.from({ length: 200 }, (_, i) => items().create({ id: `c${i}`, pk: `c${i % 7}`, name: `namn ${i}`, n: i })));
      const all = await items().query(undefined, {});
      const mine = all.filter((r) => r.value.id.startsWith('c'));
      expect(mine).toHaveLength(200);
      for (const r of mine) expect(r.value.name).toBe(`namn ${r.value.n}`);
    });
  });
}

let cosmos: LocalCosmos;
contract('Cosmos DB (in-process server)', async () => {
  cosmos = await startCosmos();
  return cosmos.store();
});
afterAll(async () => {
  await cosmos.close();
});

const dirs: string[] = [];
contract('embedded log store', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pp-store-'));
  dirs.push(dir);
  return new FileStore(dir);
});

describe('embedded log store: durability', () => {
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('survives a reopen and ignores a torn last line from a crash', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-durable-'));
    dirs.push(dir);
    const first = new FileStore(dir);
    const c = first.collection<Item>('state');
    const v1 = await c.create({ id: 'd1', pk: 'x', name: 'utkast', n: 1 });
    await c.replace({ ...v1.value, name: 'utkast 2' }, v1.etag);
    await c.create({ id: 'd2', pk: 'x', name: 'borttagen', n: 2 });
    await c.delete('x', 'd2');
    await first.close();
    await appendFile(path.join(dir, 'state.jsonl'), '{"op":"put","pk":"x","id":"half');

    const second = new FileStore(dir);
    const again = second.collection<Item>('state');
    expect((await again.get('x', 'd1'))?.value.name).toBe('utkast 2');
    expect(await again.get('x', 'd2')).toBeUndefined();
    await again.create({ id: 'd3', pk: 'x', name: 'efter krasch', n: 3 });
    await second.close();
    const log = await readFile(path.join(dir, 'state.jsonl'), 'utf8');
    expect(log).not.toContain('half');

    const third = new FileStore(dir);
    expect((await third.collection<Item>('state').get('x', 'd3'))?.value.name).toBe('efter krasch');
    await third.close();
  });
});
