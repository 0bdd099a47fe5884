import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { colorIcon, outlineIcon } from '../package/icons.js';

/** `npm run icons`: redraws appPackage/color.png and outline.png from src/package/icons.ts. */
async function main(): Promise<void> {
  const dir = path.join(process.cwd(), 'appPackage');
  await writeFile(path.join(dir, 'color.png'), colorIcon());
  await writeFile(path.join(dir, 'outline.png'), outlineIcon());
  process.stdout.write('appPackage/color.png (192×192) och appPackage/outline.png (32×32) är ritade.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
