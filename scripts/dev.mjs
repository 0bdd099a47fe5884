// `npm run dev`: installs what is missing, builds, and starts the bot with everything
// embedded (no Azure, no credentials) together with the Microsoft 365 Agents Playground,
// a Teams-like chat client, at http://localhost:56150.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) run('npm', ['ci', '--no-audit', '--no-fund']);
run('npm', ['run', 'build']);

// The project runs on the Node.js LTS that `npm ci` installs (package `node`), also when
// this script itself was started by an older system Node before anything was installed.
const projectNode = path.join(root, 'node_modules', '.bin', 'node');
const nodeBin = existsSync(projectNode) ? projectNode : process.execPath;

const port = process.env.PORT ?? '3978';
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const bot = spawn(nodeBin, ['dist/bot/main.js'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port, HOST: '127.0.0.1' } });
const playground = spawn(
  nodeBin,
  ['-r', path.join(root, 'scripts', 'loopback.cjs'), path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'), '-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' } },
);
process.stdout.write(`\nPlanpiloten körs lokalt. Öppna http://localhost:${playgroundPort} för att chatta med boten.\n\n`);
if (!process.env.KNOWLEDGE_DIR) {
  process.stdout.write('Boten svarar bara ur exempelmappen knowledge/ (om Planpiloten och Göteborgsplanens målområden).\nRiktiga dokument: KNOWLEDGE_DIR=mappen PLAN_FILE=planen.md npm run dev\n\n');
}
const stop = () => {
  bot.kill('SIGTERM');
  playground.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
bot.on('exit', (code) => {
  playground.kill('SIGTERM');
  process.exitCode = code ?? 0;
});
