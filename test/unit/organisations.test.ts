import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { MAX_ORGANISATION_LENGTH, organisationsFromFile, organisationsFromSetting } from '../../src/organisations/organisationList.js';

describe('organisations', () => {
  it('the setting: semicolons, trimmed, a trailing semicolon forgiven', () => {
    expect(organisationsFromSetting(' Skolförvaltningen ; Kommunstyrelsen ;')).toEqual({ organisations: ['Skolförvaltningen', 'Kommunstyrelsen'], problems: [] });
  });

  it('the setting: empty names, duplicates (case-insensitive) and too long names are reported by position', () => {
    const { problems } = organisationsFromSetting(`A;;B;b;${'x'.repeat(MAX_ORGANISATION_LENGTH + 1)}`);
    expect(problems).toEqual([
      'ORGANISATIONS, namn 2: tomt namn',
      'ORGANISATIONS, namn 4: "b" finns redan (ORGANISATIONS, namn 3)',
      `ORGANISATIONS, namn 5: namnet är ${MAX_ORGANISATION_LENGTH + 1} tecken, högst ${MAX_ORGANISATION_LENGTH} går`,
    ]);
  });

  it('the file: one per line, comments and blank lines skipped, problems by line', () => {
    const text = '# Förvaltningar\r\nSkolförvaltningen\r\n\r\nKommunstyrelsen\r\nskolförvaltningen\r\n';
    const { organisations, problems } = organisationsFromFile(text, 'org.txt');
    expect(organisations).toEqual(['Skolförvaltningen', 'Kommunstyrelsen', 'skolförvaltningen']);
    expect(problems).toEqual(['org.txt:5: "skolförvaltningen" finns redan (org.txt:2)']);
    expect(organisationsFromFile('# bara kommentarer\n', 'tom.txt').problems).toEqual(['tom.txt: listan är tom; ange minst en förvaltning eller ett bolag']);
  });

  it('configuration reads ORGANISATIONS_FILE, refuses both settings and names a bad file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'org-'));
    try {
      await writeFile(path.join(dir, 'org.txt'), 'Skolförvaltningen\nKommunstyrelsen\n');
      expect(loadConfig({ ORGANISATIONS_FILE: 'org.txt' }, dir).organisations).toEqual(['Skolförvaltningen', 'Kommunstyrelsen']);
      expect(() => loadConfig({ ORGANISATIONS_FILE: 'org.txt', ORGANISATIONS: 'A' }, dir)).toThrow(/antingen ORGANISATIONS eller ORGANISATIONS_FILE/);
      expect(() => loadConfig({ ORGANISATIONS_FILE: 'saknas.txt' }, dir)).toThrow(/ORGANISATIONS_FILE: .*saknas\.txt kunde inte läsas \(ENOENT\)/);
      await writeFile(path.join(dir, 'dubbel.txt'), 'A\nA\n');
      expect(() => loadConfig({ ORGANISATIONS_FILE: 'dubbel.txt' }, dir)).toThrow(ConfigError);
      expect(() => loadConfig({ ORGANISATIONS: 'A;;B' }, dir)).toThrow(/namn 2: tomt namn/);
      expect(loadConfig({}, dir).organisations.length).toBeGreaterThan(5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PLAN_FILE is resolved on its own; unset, it is the bundled plan whatever KNOWLEDGE_DIR says', () => {
    const bundled = loadConfig({ KNOWLEDGE_DIR: '../shared/corpus' }, '/srv/app').planFile;
    expect(bundled).toMatch(/knowledge[/\\]plan-for-digitalisering-2023-2026\.md$/);
    expect(bundled.startsWith('/srv/app')).toBe(false);
    expect(loadConfig({ PLAN_FILE: 'plan/var-plan.md' }, '/srv/app').planFile).toBe('/srv/app/plan/var-plan.md');
    expect(loadConfig({ PLAN_FILE: '' }, '/srv/app').planFile).toBe(bundled);
  });

  it('KNOWLEDGE_POLL_SECONDS is a whole number of seconds, 0 by default', () => {
    expect(loadConfig({}).knowledgePollSeconds).toBe(0);
    expect(loadConfig({ KNOWLEDGE_POLL_SECONDS: '60' }).knowledgePollSeconds).toBe(60);
    expect(() => loadConfig({ KNOWLEDGE_POLL_SECONDS: 'ofta' })).toThrow(/KNOWLEDGE_POLL_SECONDS/);
  });
});
