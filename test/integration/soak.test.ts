import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Initiative } from '../../src/initiatives/initiative.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { cardAction, teamsMessage } from '../helpers/botHarness.js';
import { actionData } from '../helpers/cardText.js';
import { LocalConnector } from '../helpers/connector.js';
import { STEP_DATA, type Card } from '../helpers/registrationDriver.js';

const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', KNOWLEDGE_DIR: path.resolve('knowledge') };

interface BotProcess {
  child: ChildProcess;
  url: string;
}

/** One bot process (node itself, so SIGKILL hits the process that writes). */
async function startBotProcess(dataDir: string): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { env: { ...baseEnv, PORT: '0', DATA_DIR: dataDir } });
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Boten startade inte:\n${stderr}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /"port":(\d+)[^\n]*Planpiloten is listening/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

function kill9(bot: BotProcess): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    bot.child.on('exit', () => resolve());
    bot.child.kill('SIGKILL');
  });
}

describe('soak: two bot processes and npm run export on one DATA_DIR, kill -9 in the middle', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('every acknowledged registration is there exactly once after a restart', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pp-soak-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const connector = new LocalConnector();
    await connector.start();
    cleanup.push(() => connector.close());
    const bots: BotProcess[] = [await startBotProcess(dataDir), await startBotProcess(dataDir)];
    cleanup.push(async () => {
      for (const b of bots) await kill9(b);
    });

    // npm run export reads the same file over and over while all this goes on.
    let exporting = true;
    let exports = 0;
    const exportLoop = (async () => {
      while (exporting) {
        const code = await new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', '--format', 'json'], { env: { ...baseEnv, DATA_DIR: dataDir }, stdio: 'ignore' });
          child.on('exit', resolve);
        });
        expect(code).toBe(0);
        exports++;
      }
    })();

    /** A press goes to a bot; when that one is down, the client tries again, as the load balancer would send it to another. */
    let turn = 0;
    const post = async (activity: Record<string, unknown>): Promise<Response> => {
      for (let attempt = 0; attempt < 40; attempt++) {
        const bot = bots[turn++ % bots.length]!;
        try {
          const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceUrl: connector.url, ...activity }) });
          if (res.status === 200) return res;
        } catch {
          // that process is down; the next attempt goes to another
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('Ingen bot svarade');
    };

    const acknowledged: { user: string; draftId: string }[] = [];
    let killed = false;
    const registerOne = async (i: number): Promise<void> => {
      const user = `soak${i}`;
      const conversationId = `a:soak-${i}`;
      await post(teamsMessage('registrera insats', { conversationId, userId: user }));
      const [first] = await connector.waitFor(conversationId, 1);
      let card = first!.body.attachments![0]!.content as unknown as Card;
      let draftId = '';
      for (let step = 0; step <= STEP_DATA.length; step++) {
        const next = actionData(card, 'Nästa') ?? actionData(card, 'Lägg till nyttan och fortsätt') ?? actionData(card, 'Bekräfta och registrera');
        if (!next) throw new Error(`steg ${step + 1}`);
        draftId = next.draftId!;
        const fields = step === 0 ? { ...STEP_DATA[0], name: `Soak ${i}` } : (STEP_DATA[step] ?? {});
        const res = await post(cardAction('registration', { ...next, ...fields }, { conversationId, userId: user }));
        card = ((await res.json()) as { value: Card }).value;
      }
      expect(JSON.stringify(card)).toMatch(/registrerad/);
      acknowledged.push({ user, draftId });
      if (acknowledged.length === 20 && !killed) {
        killed = true;
        await kill9(bots[0]!);
        bots[0] = await startBotProcess(dataDir);
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => registerOne(i)));
    exporting = false;
    await exportLoop;
    expect(killed).toBe(true);
    expect(exports).toBeGreaterThan(0);
    for (const b of bots) await kill9(b);

    const store = new SqliteStore(dataDir);
    cleanup.push(() => store.close());
    const all = (await store.collection<Initiative>('initiatives').query(undefined)).map((s) => s.value);
    expect(acknowledged).toHaveLength(50);
    for (const a of acknowledged) expect(all.filter((x) => x.id === a.draftId)).toHaveLength(1);
    expect(all).toHaveLength(50);
  });
});
