import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Pseudonyms } from '../../src/qa/pseudonyms.js';
import { QuestionLog } from '../../src/qa/questionLog.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { localDate, today } from '../../src/time/clock.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('dates in Europe/Stockholm', () => {
  it('are the Swedish calendar date, not UTC: a day later between midnight and 01:00/02:00', () => {
    expect(localDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(localDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(localDate(new Date('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
    expect(today({ now: () => new Date('2026-12-31T23:00:00Z') })).toBe('2027-01-01');
  });

  it('put a question asked at 00:30 Swedish time on the 1st in the new month', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-month-'));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    const log = new QuestionLog(store, { clock: { now: () => new Date('2026-11-30T23:30:00Z') } });
    expect(log.newRef().pk).toBe('2026-12');
    await store.close();
  });
});

describe('pseudonyms in the question log', () => {
  it('are a keyed hash: not the plain SHA-256 anyone with the directory can compute', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-pseudo-'));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    const p = await Pseudonyms.load(store);
    const id = '6a1b2c3d-0000-4000-8000-000000000001';
    expect(p.of(id)).toMatch(/^[0-9a-f]{32}$/);
    expect(p.of(id)).not.toBe(createHash('sha256').update(id).digest('hex').slice(0, 32));
    expect(p.of(id)).toBe(p.of(id));
    expect(p.of(id)).not.toBe(p.of(`${id}x`));
    // The same key after a restart and for a second instance: pseudonyms stay comparable.
    const again = await Pseudonyms.load(new SqliteStore(dir));
    expect(again.of(id)).toBe(p.of(id));
    const configured = await Pseudonyms.load(store, 'a-key-the-deployment-owns-0123456789');
    expect(configured.of(id)).not.toBe(p.of(id));
    // Kept for the people seen last; after many others it is computed again, the same.
    const first = p.of(id);
    const others = Array.from({ length: 1500 }, (_, i) => p.of(`person-${i}`));
    expect(new Set(others).size).toBe(1500);
    expect(p.of(id)).toBe(first);
    expect(p.of('person-0')).toBe(others[0]);
    await store.close();
  });
});
