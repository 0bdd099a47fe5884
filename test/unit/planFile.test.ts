import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_PLAN_FILE } from '../../src/plan/planDefinition.js';
import { parsePlanFile } from '../../src/plan/planFile.js';
import { describePlanProblems, PlanSource } from '../../src/plan/planSource.js';

const GOOD = `# Plan för digitalisering i Exempelby

Inledande text om planen, som också kan besvara frågor.
- 2024 var ett år med många beslut.

## Målområde 1 – Effektivitet
- 1A: Inventera utvecklingsportföljen.
- 1b: Inför nyckeltal.

## Målområde 2 - Data som resurs
Text mellan insatserna.
* 2A: Tydliggör dataägarskap.
`;

describe('the plan file format', () => {
  it('reads title, goal areas and actions, ignoring prose and accepting - or – and lower-case codes', () => {
    const { plan, problems } = parsePlanFile(GOOD);
    expect(problems).toEqual([]);
    expect(plan.title).toBe('Plan för digitalisering i Exempelby');
    expect(plan.goalAreas.map((a) => [a.number, a.title, a.actions.map((x) => x.code)])).toEqual([
      [1, 'Effektivitet', ['1A', '1B']],
      [2, 'Data som resurs', ['2A']],
    ]);
  });

  it('the bundled Göteborg plan is valid: 4 goal areas, 17 actions', async () => {
    const { plan, problems } = parsePlanFile(await readFile(BUNDLED_PLAN_FILE, 'utf8'));
    expect(problems).toEqual([]);
    expect(plan.goalAreas).toHaveLength(4);
    expect(plan.goalAreas.flatMap((a) => a.actions)).toHaveLength(17);
  });

  it.each([
    ['a duplicate code', '## Målområde 1 – A\n- 1A: x\n- 1A: y\n', 3, /koden 1A finns redan på rad 2/],
    ['a code under the wrong goal area', '## Målområde 1 – A\n- 1A: x\n## Målområde 2 – B\n- 3A: y\n', 4, /ska börja med 2/],
    ['an empty goal area', '## Målområde 1 – A\n- 1A: x\n## Målområde 2 – B\ntext\n', 3, /målområde 2 har inga insatser/],
    ['a duplicate goal area', '## Målområde 1 – A\n- 1A: x\n## Målområde 1 – B\n- 1B: y\n', 3, /målområde 1 finns redan på rad 1/],
    ['a heading without title', '## Målområde 1\n- 1A: x\n', 1, /rubriken ska se ut som/],
    ['an action before any goal area', '- 1A: x\n## Målområde 1 – A\n- 1B: y\n', 1, /före första/],
    ['an action without text', '## Målområde 1 – A\n- 1A:\n', 2, /saknar text/],
    ['an action without colon', '## Målområde 1 – A\n- 1A: x\n- 1B Inför nyckeltal\n', 3, /skrivs "- 1A: text"/],
    ['no goal areas at all', '# Bara en rubrik\nText.\n', 1, /inga målområden/],
  ])('reports %s with its line', (_name, text, line, message) => {
    const { problems } = parsePlanFile(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.find((p) => p.line === line && message.test(p.message)), JSON.stringify(problems)).toBeDefined();
  });

  it('Windows line endings and a byte-order mark count lines the same', () => {
    const { problems } = parsePlanFile('\uFEFF## Målområde 1 – A\r\n- 1A: x\r\n- 1A: y\r\n');
    expect(problems).toEqual([{ line: 3, message: 'koden 1A finns redan på rad 2' }]);
  });
});

describe('PlanSource', () => {
  let dir: string;
  let source: PlanSource | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'plan-'));
  });
  afterEach(async () => {
    source?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a missing file is reported by name and leaves an empty plan', async () => {
    source = new PlanSource(path.join(dir, 'saknas.md'));
    const report = await source.load();
    expect(report.ok).toBe(false);
    expect(source.current().goalAreas).toEqual([]);
    expect(describePlanProblems(report)).toEqual([`${path.join(dir, 'saknas.md')}: kunde inte läsas (ENOENT)`]);
  });

  it('problems are described as file:line: problem', async () => {
    const file = path.join(dir, 'plan.md');
    await writeFile(file, '## Målområde 1 – A\n- 1A: x\n- 2A: y\n');
    source = new PlanSource(file);
    const report = await source.load();
    expect(describePlanProblems(report)).toEqual([`${file}:3: insatsen 2A står under målområde 1; koden ska börja med 1`]);
  });

  it('reloads on change without restart; a broken edit keeps the previous plan; live() follows', async () => {
    const file = path.join(dir, 'plan.md');
    await writeFile(file, '## Målområde 1 – A\n- 1A: x\n');
    source = new PlanSource(file, undefined, 20);
    const live = source.live();
    expect((await source.load()).ok).toBe(true);
    source.watch();
    expect(live.goalAreas.map((a) => a.number)).toEqual([1]);

    await writeFile(file, '## Målområde 1 – A\n- 1A: x\n## Målområde 2 – Nytt område\n- 2A: y\n');
    await expect.poll(() => source?.current().goalAreas.length, { timeout: 5000, interval: 20 }).toBe(2);
    expect(live.goalAreas[1]?.title).toBe('Nytt område');

    await writeFile(file, '## Målområde 1 – A\n- 1A: x\n- 1A: dubblett\n');
    await expect.poll(() => source?.report?.ok, { timeout: 5000, interval: 20 }).toBe(false);
    expect(source.report?.keptPrevious).toBe(true);
    expect(source.current().goalAreas).toHaveLength(2);
  });
});
