import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = process.cwd();

/** Fills ${{VAR}} placeholders the way Teams Toolkit does at provision time. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{(\w+)\}\}/g, (_m, name: string) => values[name] ?? '');
}

describe('Teams app package and toolkit project, validated offline against published schemas', () => {
  it('the manifest is valid for its schema version, with Swedish commands in every scope', async () => {
    const raw = readFileSync(path.join(root, 'appPackage/manifest.json'), 'utf8');
    const manifest = JSON.parse(fill(raw, { TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_ID: '66666666-7777-8888-9999-000000000000', APP_NAME_SUFFIX: '' })) as Record<string, unknown>;
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never);
    expect(errors).toEqual([]);
    const bot = (manifest.bots as { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[])[0];
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.commandLists[0]?.commands.map((c) => c.title)).toContain('hjälp');
  });

  it('the manifest fails validation when a required field is missing (the check can fail)', async () => {
    const manifest = JSON.parse(fill(readFileSync(path.join(root, 'appPackage/manifest.json'), 'utf8'), {})) as Record<string, unknown>;
    delete manifest.developer;
    expect((await AppManifestUtils.validateAgainstSchema(manifest as never)).length).toBeGreaterThan(0);
  });

  it('the icons are PNGs of the sizes Teams requires', () => {
    const size = (file: string): [number, number] => {
      const b = readFileSync(path.join(root, 'appPackage', file));
      expect(b.subarray(1, 4).toString()).toBe('PNG');
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    expect(size('color.png')).toEqual([192, 192]);
    expect(size('outline.png')).toEqual([32, 32]);
  });

  it('teamsapp.yml is valid against the Teams Toolkit v1.9 schema', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'test/schemas/teamsfx-core-3.1.3/v1.9/yaml.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const project = parse(readFileSync(path.join(root, 'teamsapp.yml'), 'utf8')) as Record<string, unknown>;
    expect(validate(project), JSON.stringify(validate.errors)).toBe(true);
    expect(project.version).toBe('v1.9');
    const broken = { ...project, provision: [{ uses: 'teamsApp/create', with: { nme: 'x' } }] };
    expect(validate(broken)).toBe(false);
  });
});
