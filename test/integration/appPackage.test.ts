import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildAppPackage, fillPlaceholders, parseEnvFile } from '../../src/package/appPackage.js';
import { colorIcon, outlineIcon } from '../../src/package/icons.js';
import { decodeRgbaPng, readZip } from '../helpers/zipReader.js';

const root = process.cwd();
const run = promisify(execFile);
const VALUES = {
  TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
  BOT_ID: '66666666-7777-8888-9999-000000000000',
  BOT_DOMAIN: 'planpilot.azurewebsites.net',
  APP_NAME_SUFFIX: '',
};

type Bot = { scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] };

describe('Teams app package, validated offline against the published schemas', () => {
  it('the manifest is on schema 1.22, valid, with Swedish commands for personal and for team/group chat', async () => {
    const manifest = JSON.parse(fillPlaceholders(readFileSync(path.join(root, 'appPackage/manifest.json'), 'utf8'), VALUES).text) as Record<string, unknown>;
    expect(manifest.manifestVersion).toBe('1.22');
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
    const bot = (manifest.bots as Bot[])[0]!;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const personal = bot.commandLists.find((l) => l.scopes.includes('personal'));
    const shared = bot.commandLists.find((l) => l.scopes.includes('team'));
    expect(shared?.scopes.sort()).toEqual(['groupChat', 'team']);
    expect(personal?.commands.map((c) => c.title)).toEqual(expect.arrayContaining(['hjälp', 'registrera insats', 'mina insatser', 'fortsätt', 'avbryt']));
    expect(shared?.commands.map((c) => c.title)).toContain('hjälp');
    for (const c of bot.commandLists.flatMap((l) => l.commands)) {
      expect(c.title.length, c.title).toBeLessThanOrEqual(32);
      expect(c.description.length, c.title).toBeLessThanOrEqual(128);
    }
    expect(manifest.validDomains).toEqual(['planpilot.azurewebsites.net']);
  });

  it('the manifest fails validation when a required field is missing (the check can fail)', async () => {
    const manifest = JSON.parse(fillPlaceholders(readFileSync(path.join(root, 'appPackage/manifest.json'), 'utf8'), VALUES).text) as Record<string, unknown>;
    delete manifest.developer;
    expect((await AppManifestUtils.validateAgainstSchema(manifest as never)).length).toBeGreaterThan(0);
  });

  it('the icons are the drawn ones: colour 192×192 opaque, outline 32×32 white on transparent', () => {
    const color = readFileSync(path.join(root, 'appPackage/color.png'));
    const outline = readFileSync(path.join(root, 'appPackage/outline.png'));
    expect(color.equals(colorIcon()), 'run npm run icons').toBe(true);
    expect(outline.equals(outlineIcon()), 'run npm run icons').toBe(true);
    const c = decodeRgbaPng(color);
    expect([c.width, c.height]).toEqual([192, 192]);
    expect(c.pixels.filter((_v, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
    const o = decodeRgbaPng(outline);
    expect([o.width, o.height]).toEqual([32, 32]);
    let drawn = 0;
    for (let i = 0; i < o.pixels.length; i += 4) {
      const [r, g, b, a] = o.pixels.subarray(i, i + 4);
      if (a === 0) continue;
      drawn++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(100);
    expect(drawn).toBeLessThan(32 * 32 * 0.6);
  });

  it('the package holds the filled manifest and both icons at its root', async () => {
    const built = await buildAppPackage(path.join(root, 'appPackage'), VALUES);
    expect(built.problems).toEqual([]);
    const files = readZip(built.zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { id: string; bots: { botId: string }[] };
    expect(manifest.id).toBe(VALUES.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(VALUES.BOT_ID);
    expect(files.get('color.png')!.equals(readFileSync(path.join(root, 'appPackage/color.png')))).toBe(true);
  });

  it('missing or empty values are named instead of producing a package Teams refuses', async () => {
    const built = await buildAppPackage(path.join(root, 'appPackage'), { APP_NAME_SUFFIX: '', TEAMS_APP_ID: '' });
    expect(built.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^BOT_ID saknar värde/), 'TEAMS_APP_ID är tomt', expect.stringMatching(/^manifestet: \/id must match pattern/)]));
  });

  it('env files are read the way Teams Toolkit writes them', () => {
    expect(parseEnvFile('# kommentar\nTEAMS_APP_ID=abc\nBOT_DOMAIN="x.example"\nTOM=\n')).toEqual({ TEAMS_APP_ID: 'abc', BOT_DOMAIN: 'x.example', TOM: '' });
  });

  it('npm run package writes appPackage/build/appPackage.<env>.zip', async () => {
    const zip = path.join(root, 'appPackage/build/appPackage.vitest.zip');
    try {
      const { stdout } = await run(path.resolve('node_modules/.bin/tsx'), ['src/cli/packageApp.ts', '--env', 'vitest'], { env: { ...process.env, ...VALUES } });
      expect(stdout).toContain('appPackage.vitest.zip');
      expect([...readZip(readFileSync(zip)).keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    } finally {
      await rm(zip, { force: true });
      await rm(path.join(root, 'appPackage/build/manifest.vitest.json'), { force: true });
    }
  });
});

describe('Teams Toolkit project files', () => {
  const schema = JSON.parse(readFileSync(path.join(root, 'test/schemas/teamsfx-core-3.1.3/v1.9/yaml.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const load = (file: string): Record<string, unknown> => parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
  const uses = (project: Record<string, unknown>, stage: string): string[] => ((project[stage] ?? []) as { uses: string }[]).map((s) => s.uses);

  it.each(['teamsapp.yml', 'teamsapp.local.yml'])('%s is valid against the Teams Toolkit v1.9 schema', (file) => {
    const project = load(file);
    expect(validate(project), JSON.stringify(validate.errors)).toBe(true);
    expect(project.version).toBe('v1.9');
    expect(validate({ ...project, provision: [{ uses: 'teamsApp/create', with: { nme: 'x' } }] })).toBe(false);
  });

  it('the lifecycles follow the toolkit conventions', () => {
    expect(uses(load('teamsapp.yml'), 'provision')).toEqual(['teamsApp/create', 'arm/deploy', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update']);
    expect(uses(load('teamsapp.yml'), 'deploy')).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(uses(load('teamsapp.local.yml'), 'provision')).toEqual(expect.arrayContaining(['teamsApp/create', 'botAadApp/create', 'botFramework/create', 'teamsApp/update']));
  });

  it('environment files are committed without secrets; *.user files and .localConfigs are ignored by git', async () => {
    for (const env of ['dev', 'local']) {
      const values = parseEnvFile(readFileSync(path.join(root, `env/.env.${env}`), 'utf8'));
      expect(values.TEAMSFX_ENV).toBe(env);
      expect(Object.keys(values).filter((k) => k.startsWith('SECRET_') || /PASSWORD|KEY$/.test(k))).toEqual([]);
    }
    const { stdout } = await run('git', ['check-ignore', 'env/.env.local.user', 'env/.env.dev.user', '.localConfigs', 'appPackage/build/appPackage.dev.zip']);
    expect(stdout.trim().split('\n')).toHaveLength(4);
  });
});
