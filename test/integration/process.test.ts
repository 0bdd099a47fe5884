import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../helpers/botHarness.js';

const TSX = path.resolve('node_modules/.bin/tsx');
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info' };

describe('the bot as a process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'pp-proc-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on a malformed setting, naming it', () => {
    const r = spawnSync(TSX, ['bot/main.ts'], { env: { ...baseEnv, PORT: 'inte-ett-tal' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('PORT');
  });

  it('says at start that local mode accepts anonymous requests, and stops cleanly on SIGTERM', async () => {
    const child = spawn(TSX, ['bot/main.ts'], { env: { ...baseEnv, PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_DIR: CORPUS_DIR, DATA_DIR: dataDir } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await expect.poll(() => stderr.includes('Planpiloten is listening'), { timeout: 60_000 }).toBe(true);
    expect(stderr).toContain('local mode');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('npm run ask -- --json writes exactly one JSON object per question on stdout', () => {
    const r = spawnSync(TSX, ['src/cli/ask.ts', '--json'], {
      env: { ...baseEnv, KNOWLEDGE_DIR: CORPUS_DIR },
      input: 'Vad är Pios?\n\nVilka öppettider har stadsbiblioteket?\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l) as { question: string; answered: boolean; sources: { document: string; section: string; page: number | null; excerpt: string; score: number }[] });
    expect(first?.answered).toBe(true);
    expect(first?.sources[0]?.document).toBe('goteborg-fordjupad-uppfoljning-digitalisering-2024.txt');
    expect(Object.keys(first?.sources[0] ?? {}).sort()).toEqual(['document', 'excerpt', 'page', 'score', 'section', 'title']);
    expect(second).toMatchObject({ question: 'Vilka öppettider har stadsbiblioteket?', answered: false, sources: [] });
  });
});
