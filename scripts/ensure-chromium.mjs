// Makes sure Debian's Chromium (and an emoji font, so 👍/👎 show in screenshots) is there
// for the browser tests. Chromium comes from Debian's packages, never from a downloader.
import { execSync } from 'node:child_process';

const has = (cmd) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};

if (has('chromium') || has('chromium-browser')) process.exit(0);
if (process.getuid?.() !== 0 || !has('apt-get')) {
  process.stderr.write('Chromium saknas. Installera Debians paket: sudo apt-get install chromium fonts-noto-color-emoji\n');
  process.exit(1);
}
process.stdout.write('Installerar Chromium från Debians paket ...\n');
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji', { stdio: 'inherit', shell: '/bin/sh' });
