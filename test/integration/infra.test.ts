import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../src/config.js';
import { COLLECTIONS } from '../../src/storage/documentStore.js';

const root = process.cwd();
const bicep = readFileSync(path.join(root, 'infra/azure.bicep'), 'utf8');
const documented = JSON.parse(readFileSync(path.join(root, 'infra/app-settings.json'), 'utf8')) as {
  notSetByBicep: Record<string, string>;
  platformSettings: Record<string, string>;
};

/** The names in the web app's appSettings array. */
function bicepAppSettings(text: string): string[] {
  const block = /appSettings:\s*\[([\s\S]*?)\n\s*\]/.exec(text)?.[1] ?? '';
  return [...block.matchAll(/name:\s*'([^']+)'/g)].map((m) => m[1] ?? '');
}

/** The items of `var name = [ ... ]`. */
function bicepArray(text: string, name: string): string[] {
  const block = new RegExp(`var ${name} = \\[([\\s\\S]*?)\\]`).exec(text)?.[1] ?? '';
  return [...block.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

describe('infra/azure.bicep against the code (Bicep itself cannot be compiled offline)', () => {
  const set = bicepAppSettings(bicep);

  it('finds the settings on both sides (the parsers read something)', () => {
    expect(SETTING_NAMES).toContain('COSMOS_ENDPOINT');
    expect(SETTING_NAMES).toContain('PLAN_FILE');
    expect(set).toContain('BOT_ID');
    expect(set.length).toBeGreaterThan(8);
  });

  it('every setting the code reads is set by the Bicep or documented as not needed or a manual step', () => {
    const missing = SETTING_NAMES.filter((n) => !set.includes(n) && !(n in documented.notSetByBicep));
    expect(missing, 'set these in infra/azure.bicep appSettings or explain them in infra/app-settings.json').toEqual([]);
  });

  it('the documentation lists only real settings, none also set by the Bicep, with a reason each', () => {
    for (const [name, reason] of Object.entries(documented.notSetByBicep)) {
      expect(SETTING_NAMES, name).toContain(name);
      expect(set, name).not.toContain(name);
      expect(reason.length, name).toBeGreaterThan(10);
    }
  });

  it('every app setting in the Bicep is read by the code or is a documented platform setting', () => {
    const unknown = set.filter((n) => !SETTING_NAMES.includes(n) && !(n in documented.platformSettings));
    expect(unknown).toEqual([]);
  });

  it('the identity is the bot\'s: UserAssignedMSI, no password or key anywhere', () => {
    expect(bicep).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(bicep).toMatch(/\{ name: 'BOT_TYPE', value: 'UserAssignedMSI' \}/);
    expect(set).not.toContain('BOT_PASSWORD');
    expect(set).not.toContain('COSMOS_KEY');
    expect(bicep).toMatch(/disableLocalAuth:\s*true/);
    expect(bicep).toContain("var cosmosDataContributor = '00000000-0000-0000-0000-000000000002'");
  });

  it('every collection the code uses is a container, partitioned by /pk, with per-item TTL enabled', () => {
    const containers = bicepArray(bicep, 'containers');
    const missing = COLLECTIONS.filter((c) => !containers.includes(c));
    expect(missing, 'add these to `var containers` in infra/azure.bicep').toEqual([]);
    const resource = /resource cosmosContainers [\s\S]*?\n\]/.exec(bicep)?.[0] ?? '';
    expect(resource).toContain('for name in containers');
    expect(resource).toMatch(/partitionKey: \{ paths: \['\/pk'\], kind: 'Hash' \}/);
    expect(resource).toMatch(/defaultTtl: -1/);
  });

  it('App Service: Linux, Node 24 LTS, always on, health check on /health, documents mounted where KNOWLEDGE_DIR points', () => {
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|24-lts'/);
    expect(bicep).toMatch(/alwaysOn: true/);
    expect(bicep).toMatch(/healthCheckPath: '\/health'/);
    expect(bicep).toMatch(/type: 'AzureFiles'/);
    expect(bicep).toMatch(/mountPath: knowledgeMountPath/);
    expect(bicep).toMatch(/\{ name: 'KNOWLEDGE_DIR', value: knowledgeMountPath \}/);
  });

  it('outputs are named like settings, and every parameter has a description or a value in the parameters file', () => {
    const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1] ?? '');
    for (const name of ['BOT_ID', 'BOT_TENANT_ID', 'COSMOS_ENDPOINT', 'COSMOS_DATABASE', 'KNOWLEDGE_DIR']) {
      expect(outputs).toContain(name);
      expect(SETTING_NAMES).toContain(name);
    }
    const params = JSON.parse(readFileSync(path.join(root, 'infra/azure.parameters.json'), 'utf8')) as { parameters: Record<string, unknown> };
    const declared = [...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1] ?? '');
    for (const name of Object.keys(params.parameters)) expect(declared, name).toContain(name);
    const lines = bicep.split('\n');
    for (const name of declared.filter((n) => n !== 'location')) {
      let i = lines.findIndex((l) => l.startsWith(`param ${name} `)) - 1;
      const decorators: string[] = [];
      while (i >= 0 && lines[i]?.startsWith('@')) decorators.push(lines[i--] ?? '');
      expect(decorators.some((d) => d.startsWith("@description('")), name).toBe(true);
    }
  });
});
