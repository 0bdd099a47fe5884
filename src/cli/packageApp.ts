import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAppPackage, parseEnvFile } from '../package/appPackage.js';

/**
 * `npm run package [-- --env dev]`: the Teams app package for an environment, written to
 * appPackage/build/appPackage.<env>.zip for upload in Teams admin center. Values come from
 * env/.env.<env> (written by provision), overridden by the process environment.
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--env');
  const env = at >= 0 ? (process.argv[at + 1] ?? '') : 'dev';
  if (!/^[\w-]+$/.test(env)) {
    process.stderr.write('Ange miljön med --env, t.ex. --env dev\n');
    process.exit(2);
  }
  const root = process.cwd();
  const envFile = path.join(root, 'env', `.env.${env}`);
  const fromFile = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
  // An empty variable in the shell does not wipe a value provision wrote to the file.
  const fromProcess = Object.entries(process.env).filter(([k, v]) => v !== undefined && (v !== '' || !(k in fromFile)));
  const values = { TEAMSFX_ENV: env, ...fromFile, ...Object.fromEntries(fromProcess) };
  const built = await buildAppPackage(path.join(root, 'appPackage'), values);
  if (built.problems.length > 0) {
    process.stderr.write(`Apppaketet för "${env}" byggdes inte:\n${built.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const outDir = path.join(root, 'appPackage', 'build');
  await mkdir(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${env}.zip`);
  await writeFile(zipPath, built.zip);
  await writeFile(path.join(outDir, `manifest.${env}.json`), `${JSON.stringify(built.manifest, null, 2)}\n`);
  process.stdout.write(`Apppaketet är klart: ${path.relative(root, zipPath)} (${built.zip.length} byte, manifest ${String(built.manifest.manifestVersion)})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Apppaketet kunde inte byggas: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
