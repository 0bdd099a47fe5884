import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createAdapter } from '../../bot/adapter.js';
import { FollowUpComposer } from '../../bot/outboxComposer.js';
import { TeamsProactiveSender } from '../../bot/proactiveSender.js';
import type { PersonContact } from '../../src/conversations/conversationReferences.js';
import { ConversationReferences } from '../../src/conversations/conversationReferences.js';
import { FollowUpOutbox } from '../../src/followUp/followUpOutbox.js';
import { OutboxFollowUpPlanner } from '../../src/followUp/followUpPlanner.js';
import { FollowUpService } from '../../src/followUp/followUpService.js';
import type { Initiative } from '../../src/initiatives/initiative.js';
import { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import { InstanceRegistry } from '../../src/outbox/instanceRegistry.js';
import { OutboxRepository, type OutboxItem } from '../../src/outbox/outboxRepository.js';
import { RateLimiter } from '../../src/outbox/rateLimiter.js';
import type { DocumentStore } from '../../src/storage/documentStore.js';
import { CosmosStore } from '../../src/storage/cosmosStore.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { systemClock } from '../../src/time/clock.js';
import { EMULATOR_KEY } from '../helpers/cosmos.js';
import { TeamsConnector } from '../helpers/teamsConnector.js';

/**
 * `npm run bench:fanout`: N initiative owners due at once, sent through the real dispatcher,
 * botbuilder's connector client and a local Bot Connector that enforces Teams' limits (50
 * requests a second per tenant, the per-conversation windows) with 429s. Three runs: one
 * instance on the embedded store; three bot processes sharing one Cosmos DB server process;
 * the same with one of them killed with kill -9 halfway and started again. Prints JSON: the
 * send rate as a fraction of 50/s, duplicates, lost prompts, 429s.
 */

const N = Number(process.env.FANOUT_OWNERS ?? 10_000);
const TENANT = 'tenant-bench';
const round = (n: number, d = 3): number => Math.round(n * 10 ** d) / 10 ** d;
const silent = pino({ level: 'silent' });

function initiative(i: number, now: string): Initiative {
  return {
    id: `ini-${i}`, pk: `ini-${i}`, type: 'initiative', name: `Insats ${i}`, description: 'En insats i mätningen', organisation: 'Utbildningsförvaltningen',
    owner: { id: `aad-${i}`, name: 'Ägare' }, ownerId: `aad-${i}`, responsible: '', contact: '', goalArea: 1, action: null, category: 'övrigt',
    efficiencyInnovation: 3, internalExternal: 3, phase: 'genomförande', startDate: '2026-01-01', plannedEndDate: '2027-12-31',
    benefits: [{ description: 'Kortare ledtid', forWhom: '', indicator: 'dagar', baseline: '10', target: '2', targetDate: '2030-01-01', owner: '', hasBenefitCalculation: false }],
    externalCostSek: 0, internalHours: 0, personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'kvartal', createdAt: now, updatedAt: now, history: [],
  };
}

/** N owners, each with an initiative, a personal chat known to the connector, and a prompt due now. */
async function seed(store: DocumentStore, connector: TeamsConnector): Promise<void> {
  const now = new Date().toISOString();
  const initiatives = store.collection<Initiative>('initiatives');
  const contacts = store.collection<PersonContact>('conversations');
  const outbox = new OutboxRepository(store);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < N) {
        const i = next++;
        const conversationId = `a:owner-${i}`;
        connector.addConversation(conversationId, TENANT);
        await initiatives.create(initiative(i, now));
        await contacts.create({
          id: `aad-${i}`, pk: `aad-${i}`, type: 'person-contact', personId: `aad-${i}`, status: 'reachable', reason: null, changedAt: now,
          address: { serviceUrl: connector.url, conversationId, tenantId: TENANT, channelId: 'msteams', botId: '28:planpiloten' },
        });
        await outbox.add({ kind: 'followUp', recipientId: `aad-${i}`, initiativeId: `ini-${i}`, period: 'periodic:bench', dueAt: new Date(Date.now() - 1000).toISOString() });
      }
    }),
  );
}

function dispatcherOn(store: DocumentStore): Dispatcher {
  const clock = systemClock;
  const outbox = new OutboxRepository(store, clock);
  const initiatives = new InitiativeRepository(store, clock);
  const planner = new OutboxFollowUpPlanner(outbox, clock);
  const followUps = new FollowUpService(store, initiatives, outbox, planner, clock);
  return new Dispatcher(
    outbox,
    new ConversationReferences(store, clock),
    new TeamsProactiveSender(createAdapter(undefined), ''),
    new FollowUpComposer(new FollowUpOutbox(followUps, initiatives, outbox, planner, clock, 5)),
    new RateLimiter(),
    clock,
    silent,
    { instances: new InstanceRegistry(store, clock) },
  );
}

/** What reached the connector: rate over the sending window, duplicates, prompts never delivered. */
function tally(connector: TeamsConnector, startedAt: number): Record<string, number> {
  const prompts = connector.deliveries.filter((d) => d.method === 'POST' && d.at >= startedAt);
  const perConversation = new Map<string, number>();
  for (const d of prompts) perConversation.set(d.conversationId, (perConversation.get(d.conversationId) ?? 0) + 1);
  const first = Math.min(...prompts.map((d) => d.at));
  const last = Math.max(...prompts.map((d) => d.at));
  const seconds = (last - first) / 1000;
  const rate = (prompts.length - 1) / Math.max(seconds, 0.001);
  let duplicates = 0;
  for (const count of perConversation.values()) duplicates += count - 1;
  return {
    owners: N,
    delivered: perConversation.size,
    seconds: round(seconds, 1),
    sendsPerSecond: round(rate, 2),
    fractionOf50PerSecond: round(rate / 50),
    duplicates,
    lost: N - perConversation.size,
    throttled429: connector.throttled,
  };
}

async function waitForDeliveries(connector: TeamsConnector, startedAt: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const distinct = new Set(connector.deliveries.filter((d) => d.at >= startedAt).map((d) => d.conversationId)).size;
    if (distinct >= N) return;
    if (distinct !== last) {
      last = distinct;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 150_000) return; // longer than a lease, so a dead instance's items come back
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function singleInstance(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pp-fanout-'));
  const connector = new TeamsConnector();
  await connector.start();
  const store = new SqliteStore(dir);
  try {
    await seed(store, connector);
    const dispatcher = dispatcherOn(store);
    const startedAt = Date.now();
    await dispatcher.runOnce();
    const report = tally(connector, startedAt);
    await dispatcher.stop();
    return report;
  } finally {
    await store.close();
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Cosmos DB server in a process of its own, as the shared database of the bot processes. */
async function startCosmosProcess(): Promise<{ child: ChildProcess; endpoint: string }> {
  const script = `
    const { createHttpsServer } = await import('@vercel/cosmosdb-server');
    const server = createHttpsServer({ keepAlive: true });
    server.listen(0, '127.0.0.1', () => process.stdout.write('PORT ' + server.address().port + '\\n'));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  return { child, endpoint: `https://127.0.0.1:${port}` };
}

function startBotProcess(endpoint: string, database: string, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      LOG_LEVEL: process.env.FANOUT_LOG_LEVEL ?? 'warn',
      KNOWLEDGE_DIR: path.resolve('knowledge'),
      DATA_DIR: dataDir,
      COSMOS_ENDPOINT: endpoint,
      COSMOS_DATABASE: database,
      COSMOS_KEY: EMULATOR_KEY,
      OUTBOX_INTERVAL_SECONDS: '1',
    },
    stdio: ['ignore', 'ignore', process.env.FANOUT_LOG_LEVEL ? 'inherit' : 'ignore'],
  });
}

async function threeProcesses(killOne: boolean): Promise<Record<string, number>> {
  const connector = new TeamsConnector();
  await connector.start();
  const cosmos = await startCosmosProcess();
  const database = `fanout${killOne ? 'kill' : ''}`;
  const { Agent } = await import('node:https');
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const store = new CosmosStore({ endpoint: cosmos.endpoint, database, key: EMULATOR_KEY, agent });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pp-fanout-bots-'));
  const bots: ChildProcess[] = [];
  try {
    await seed(store, connector);
    const startedAt = Date.now();
    for (let i = 0; i < 3; i++) bots.push(startBotProcess(cosmos.endpoint, database, dataDir));
    if (killOne) {
      // Halfway: kill -9 one instance; its claimed prompts come back when their leases run out.
      while (new Set(connector.deliveries.map((d) => d.conversationId)).size < N / 2) await new Promise((r) => setTimeout(r, 200));
      bots[0]!.kill('SIGKILL');
      bots[0] = startBotProcess(cosmos.endpoint, database, dataDir);
    }
    await waitForDeliveries(connector, startedAt, 30 * 60_000);
    const outbox = new OutboxRepository(store);
    const counts = await outbox.counts();
    const pendingPrompts = (await store.collection<OutboxItem>('outbox').query(undefined, { where: { kind: 'followUp', period: 'periodic:bench' } })).filter((s) => s.value.status !== 'sent').length;
    return { ...tally(connector, startedAt), notMarkedSent: pendingPrompts, outboxSent: counts.sent };
  } finally {
    for (const b of bots) b.kill('SIGKILL');
    await store.close();
    agent.destroy();
    cosmos.child.kill('SIGKILL');
    await connector.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const phases = (process.env.FANOUT_PHASES ?? 'single,three,killed').split(',');
  const single = phases.includes('single') ? await singleInstance() : undefined;
  const three = phases.includes('three') ? await threeProcesses(false) : undefined;
  const killed = phases.includes('killed') ? await threeProcesses(true) : undefined;
  process.stdout.write(
    `${JSON.stringify(
      {
        node: process.version,
        note: 'sends through botbuilder to a local Bot Connector enforcing 50 requests/s per tenant and the per-conversation limits; rate over the window from first to last delivery',
        oneInstanceEmbeddedStore: single,
        threeProcessesOneCosmosServer: three,
        threeProcessesOneKilledHalfway: killed,
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
