import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { writeZip } from './zip.js';

/** Reads KEY=VALUE lines of a Teams Toolkit env file; # starts a comment line. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1]) values[match[1]] = (match[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

/** Replaces ${{NAME}} the way Teams Toolkit does; names without a value are reported. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(/\$\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) missing.add(name);
    return value ?? '';
  });
  return { text: filled, missing: [...missing] };
}

/** Names that must have a real value for Teams to accept the package. */
const REQUIRED = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN'] as const;

export interface BuiltPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
  /** Empty when the package is valid; otherwise what to fix, in Swedish. */
  problems: string[];
}

/**
 * Builds the Teams app package from appPackage/: the manifest with its placeholders filled
 * from `values`, validated offline against the schema version it declares, zipped with its
 * two icons at the root (the layout Teams requires).
 */
export async function buildAppPackage(appPackageDir: string, values: Readonly<Record<string, string | undefined>>): Promise<BuiltPackage> {
  const problems: string[] = [];
  const filled = fillPlaceholders(await readFile(path.join(appPackageDir, 'manifest.json'), 'utf8'), values);
  for (const name of filled.missing) problems.push(`${name} saknar värde (sätts av provision i env/.env.<miljö>, eller som miljövariabel)`);
  for (const name of REQUIRED) {
    if (!filled.missing.includes(name) && !values[name]) problems.push(`${name} är tomt`);
  }
  const manifest = JSON.parse(filled.text) as Record<string, unknown>;
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0]);
  problems.push(...schemaErrors.map((e) => `manifestet: ${e}`));
  const icons = manifest.icons as { color: string; outline: string };
  const entries = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') }];
  for (const icon of [icons.color, icons.outline]) entries.push({ name: icon, data: await readFile(path.join(appPackageDir, icon)) });
  return { zip: writeZip(entries), manifest, problems };
}
