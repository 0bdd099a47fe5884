import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { checkKnowledge, formatKnowledgeCheck, type KnowledgeCheck } from '../../src/knowledge/knowledgeCheck.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kcheck-'));
  await writeFile(path.join(dir, 'strategi.md'), '# Digital strategi\n\n## Mål\n\nVi ska erbjuda e-tjänster dygnet runt.\n');
  await writeFile(path.join(dir, 'trasig.pdf'), 'det här är ingen pdf');
  await writeFile(path.join(dir, 'plan.md'), '## Målområde 1 – Service\n- 1A: E-tjänster\n- 2A: fel nummer\n');
  await writeFile(path.join(dir, 'bra-plan.md'), '## Målområde 1 – Service\n- 1A: E-tjänster\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('knowledge:check', () => {
  it('reports what was indexed, what failed and the plan\'s problems with file and line', async () => {
    const check = await checkKnowledge(dir, path.join(dir, 'plan.md'));
    expect(check.ok).toBe(false);
    expect(check.documents.map((d) => d.file)).toContain('strategi.md');
    expect(check.failed.map((f) => f.file)).toEqual(['trasig.pdf']);
    expect(check.plan.problems).toEqual([`${path.join(dir, 'plan.md')}:3: insatsen 2A står under målområde 1; koden ska börja med 1`]);
    const text = formatKnowledgeCheck(check);
    expect(text).toContain('indexerat: strategi.md – "Digital strategi"');
    expect(text).toContain('FEL: trasig.pdf kunde inte läsas');
    expect(text).toContain('Något gick inte att läsa');
  });

  it('a missing folder is a failure, not a crash', async () => {
    const check = await checkKnowledge(path.join(dir, 'saknas'), path.join(dir, 'bra-plan.md'));
    expect(check).toMatchObject({ ok: false, folderError: 'ENOENT', documents: [] });
    expect(formatKnowledgeCheck(check)).toContain('mappen kunde inte läsas (ENOENT)');
  });

  it('the command exits 1 with --json on failure and 0 when everything reads', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const env = { ...process.env, KNOWLEDGE_DIR: dir, PLAN_FILE: path.join(dir, 'plan.md') };
    const failed = await run(tsx, ['src/cli/knowledgeCheck.ts', '--json'], { env }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect((JSON.parse(failed?.stdout ?? '{}') as KnowledgeCheck).failed).toHaveLength(1);

    const clean = await mkdtemp(path.join(os.tmpdir(), 'kcheck-ok-'));
    try {
      await writeFile(path.join(clean, 'a.txt'), 'Ett dokument om digitalisering.\n');
      const ok = await run(tsx, ['src/cli/knowledgeCheck.ts'], { env: { ...process.env, KNOWLEDGE_DIR: clean, PLAN_FILE: path.join(dir, 'bra-plan.md') } });
      expect(ok.stdout).toContain('1 målområden, 1 insatser');
      expect(ok.stdout).toContain('Allt gick att läsa.');
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  });

  it('polling notices a document added by someone else (what an Azure Files share needs) and reloads', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kpoll-'));
    const kb = new KnowledgeBase(folder);
    try {
      await writeFile(path.join(folder, 'a.txt'), 'Första dokumentet.\n');
      await kb.load();
      expect(await kb.changedSinceLoad()).toBe(false);
      await writeFile(path.join(folder, 'b.txt'), 'Andra dokumentet.\n');
      expect(await kb.changedSinceLoad()).toBe(true);
      kb.watch(10_000, 30);
      await expect.poll(() => kb.documents.length, { timeout: 5000, interval: 30 }).toBe(2);
    } finally {
      kb.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
