import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, SqliteStore } from '../../src/storage/sqliteStore.js';

describe('embedded store under kill -9', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('acknowledges a write only after its COMMIT, and every acknowledged write is there after a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-crash-'));
    dirs.push(dir);
    // node itself, not the tsx wrapper: SIGKILL must hit the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/crashWriter.ts', dir]);
    const acknowledged: string[] = [];
    const notCommitted: string[] = [];
    let reader: DatabaseSync | undefined;
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      // Another connection, in another process, must already see what was acknowledged: an
      // acknowledgement before the COMMIT (a write still in a buffer) would show up here.
      reader ??= new DatabaseSync(path.join(dir, DATABASE_FILE), { readOnly: true });
      const seen = reader.prepare('SELECT 1 FROM c_state WHERE id = ?');
      for (const id of lines.filter(Boolean)) {
        acknowledged.push(id);
        if (!seen.get(id)) notCommitted.push(id);
      }
    });
    await expect.poll(() => acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(300);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    reader?.close();
    expect(notCommitted).toEqual([]);

    const store = new SqliteStore(dir);
    const rows = await store.collection<{ id: string; pk: string; text: string }>('state').query(undefined);
    const ids = new Set(rows.map((r) => r.value.id));
    const lost = acknowledged.filter((id) => !ids.has(id));
    expect(lost).toEqual([]);
    for (const r of rows) expect(r.value.text.startsWith(`utkast ${r.value.id} `)).toBe(true);
    await store.close();
  });
});
