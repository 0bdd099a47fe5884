import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative } from '../../src/initiatives/initiative.js';
import { gaps } from '../../src/initiatives/initiative.js';
import { InitiativeRepository, NotOwnerError, StaleWriteError } from '../../src/initiatives/initiativeRepository.js';
import { portfolioCsv } from '../../src/initiatives/portfolioExport.js';
import type { InitiativeInput } from '../../src/initiatives/validation.js';
import type { DocumentStore } from '../../src/storage/documentStore.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { startCosmos, type LocalCosmos } from '../helpers/cosmos.js';

const alex = { id: 'aad-alex', name: 'Alex' };
const megan = { id: 'aad-megan', name: 'Megan' };

function input(overrides: Partial<InitiativeInput> = {}): InitiativeInput {
  return {
    name: 'Läkemedelsautomater i hemtjänsten',
    description: 'Automater som påminner om och delar ut läkemedel hos brukare i hemtjänsten',
    organisation: 'Äldre samt vård- och omsorgsförvaltningen',
    responsible: '',
    contact: 'alex@example.com',
    goalArea: 1,
    action: '1C',
    category: 'effektiviserande',
    efficiencyInnovation: 2,
    internalExternal: 4,
    phase: 'genomförande',
    startDate: '2026-01-15',
    plannedEndDate: '2026-12-31',
    benefits: [{ description: 'Färre hembesök för läkemedel', forWhom: 'brukare och personal', indicator: 'besök per vecka', baseline: '140', target: '60', targetDate: '2027-06-30', owner: 'Enhetschef', hasBenefitCalculation: false }],
    externalCostSek: 1_200_000,
    internalHours: 800,
    personalData: 'ja',
    riskAssessment: 'planerad',
    followUp: 'kvartal',
    ...overrides,
  };
}

function repositoryContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`${name}: initiatives`, () => {
    let store: DocumentStore;
    let repo: InitiativeRepository;
    beforeAll(async () => {
      store = await open();
      repo = new InitiativeRepository(store);
    });
    afterAll(async () => {
      await store.close();
    });

    it('registers once: a replayed confirm returns the same initiative', async () => {
      const first = await repo.register('draft-1', input(), alex);
      const again = await repo.register('draft-1', input({ name: 'Något annat' }), alex);
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.initiative.value.name).toBe('Läkemedelsautomater i hemtjänsten');
      expect((await repo.all()).filter((i) => i.id === 'draft-1')).toHaveLength(1);
    });

    it('lists "mina insatser" per owner, and tells what is missing', async () => {
      await repo.register('draft-2', input({ name: 'Digital signering', organisation: 'Utbildningsförvaltningen', benefits: [] }), alex);
      await repo.register('draft-3', input({ name: 'Megans insats' }), megan);
      const mine = await repo.forOwner(alex.id);
      expect(mine.map((s) => s.value.id).sort()).toEqual(['draft-1', 'draft-2']);
      const signing = mine.find((s) => s.value.id === 'draft-2')!.value;
      expect(gaps(signing, '2026-11-22')).toContain('effektmål saknas');
    });

    it('a stale edit gets "någon annan har ändrat insatsen", never a silent overwrite; only the owner edits', async () => {
      const current = (await repo.get('draft-1'))!;
      const edited = await repo.update(current.value.id, current.etag, { phase: 'i drift/förvaltning' }, alex);
      expect(edited.value.history.at(-1)?.change).toBe('ändrade fas');
      await expect(repo.update(current.value.id, current.etag, { phase: 'avslutad' }, alex)).rejects.toBeInstanceOf(StaleWriteError);
      await expect(repo.update(current.value.id, edited.etag, { phase: 'avslutad' }, megan)).rejects.toBeInstanceOf(NotOwnerError);
      expect((await repo.get(current.value.id))?.value.phase).toBe('i drift/förvaltning');
    });

    it('finds similar initiatives in other departments', async () => {
      await repo.register('draft-4', input({ name: 'Läkemedelsrobotar', description: 'Robotar som delar ut läkemedel till brukare i hemtjänsten', organisation: 'Förvaltningen för funktionsstöd' }), megan);
      await repo.register('draft-5', input({ name: 'Nytt ekonomisystem', description: 'Upphandling av ett nytt system för redovisning och fakturor', organisation: 'Intraservice' }), megan);
      const similar = await repo.similar('Läkemedelsautomater', 'Vi ska införa automater för läkemedel i hemtjänsten', 'none', 10);
      const ids = similar.map((s) => s.initiative.id);
      expect(ids).toContain('draft-4');
      expect(ids).not.toContain('draft-5');
      expect(similar.every((s, i) => i === 0 || s.score <= similar[i - 1]!.score)).toBe(true);
    });
  });
}

let cosmos: LocalCosmos;
repositoryContract('Cosmos DB', async () => {
  cosmos ??= await startCosmos();
  return cosmos.store();
});
const dirs: string[] = [];
repositoryContract('embedded store', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pp-ini-'));
  dirs.push(dir);
  return new SqliteStore(dir);
});
afterAll(async () => {
  await cosmos?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('50 people registering at once against Cosmos DB', () => {
  it('stores every initiative once, none lost, none mixed up', async () => {
    cosmos ??= await startCosmos();
    const store = cosmos.store();
    const repo = new InitiativeRepository(store);
    const people = Array.from({ length: 50 }, (_, i) => ({ id: `aad-${i}`, name: `Person ${i}` }));
    await Promise.all(
      people.map((p, i) => repo.register(`draft-${i}`, input({ name: `Insats nummer ${i}`, organisation: ['A', 'B', 'C'][i % 3]!, contact: `${p.id}@example.com` }), p)),
    );
    // Replays of every confirm, concurrently: still no duplicates.
    await Promise.all(people.map((p, i) => repo.register(`draft-${i}`, input({ organisation: ['A', 'B', 'C'][i % 3]! }), p)));
    const all = await repo.all();
    expect(all).toHaveLength(50);
    for (const i of all) expect(i.name).toBe(`Insats nummer ${i.id.slice(6)}`);
    for (const i of all) expect(i.contact).toBe(`${i.ownerId}@example.com`);
    await store.close();
  });
});

describe('portfolio export', () => {
  const sample: Initiative = {
    ...input({ name: '=HYPERLINK("x")', description: 'Text med ; semikolon och "citat"\noch radbrytning' }),
    id: 'x1',
    pk: 'Äldre samt vård- och omsorgsförvaltningen',
    type: 'initiative',
    owner: alex,
    ownerId: alex.id,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    history: [],
    internalHours: 12.5,
  };

  it('writes CSV that Swedish Excel opens: BOM, semicolons, CRLF, decimal comma, no formulas', () => {
    const csv = portfolioCsv([sample]);
    expect(csv.startsWith('\uFEFFId;Namn;Beskrivning;')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv).toContain(`;"'=HYPERLINK(""x"")";`);
    expect(csv).toContain('"Text med ; semikolon och ""citat""\noch radbrytning"');
    expect(csv).toContain(';12,5;');
    expect(csv).toContain('Äldre samt vård- och omsorgsförvaltningen');
  });

  it('npm run export -- --format json reads the store the settings select and prints an array', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pp-export-'));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    await new InitiativeRepository(store).register('e1', input(), alex);
    await store.close();
    const tsx = path.resolve('node_modules/.bin/tsx');
    const json = spawnSync(tsx, ['src/cli/export.ts', '--format', 'json'], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dir }, encoding: 'utf8' });
    expect(json.status).toBe(0);
    const rows = JSON.parse(json.stdout) as Initiative[];
    expect(rows.map((r) => r.name)).toEqual(['Läkemedelsautomater i hemtjänsten']);
    const csv = spawnSync(tsx, ['src/cli/export.ts', '--format', 'csv'], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dir }, encoding: 'utf8' });
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true);
    const bad = spawnSync(tsx, ['src/cli/export.ts', '--format', 'xml'], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dir }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
