import { mkdtemp, rm } from 'node:fs/promises';
import type { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { DocumentStore } from '../../src/storage/documentStore.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { startBot, type RunningBot } from '../../bot/startBot.js';
import type { Clock } from '../../src/time/clock.js';
import type { TokenCredential } from '@azure/identity';
import { LocalConnector } from './connector.js';

export const CORPUS_DIR = path.resolve(process.cwd(), '../shared/corpus');

export interface Harness {
  bot: RunningBot;
  connector: LocalConnector;
  dataDir: string;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the bot on a random port against a local connector, with its own data folder. */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    store?: DocumentStore;
    knowledgeDir?: string;
    connector?: LocalConnector;
    openAiAgent?: Agent;
    clock?: Clock;
    /** Stands in for the managed identity when the bot asks Microsoft Graph (a local Graph server). */
    graphCredential?: TokenCredential;
    /** Collects every log line the bot writes (at debug level), to check what logs carry. */
    logLines?: string[];
    dataDir?: string;
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'pp-bot-')));
  const connector = options.connector ?? new LocalConnector();
  if (!options.connector) await connector.start();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_DIR: options.knowledgeDir ?? CORPUS_DIR, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const lines = options.logLines;
  const log = lines ? createLogger('debug', 'planpiloten', { write: (line: string) => void lines.push(line) }) : createLogger('silent');
  const bot = await startBot(config, log, options.store ?? new SqliteStore(dataDir), {
    ...(options.openAiAgent ? { openAiAgent: options.openAiAgent } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.graphCredential ? { graphCredential: options.graphCredential } : {}),
  });
  return {
    bot,
    connector,
    dataDir,
    post: (activity, headers = {}) =>
      fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ serviceUrl: connector.url, ...activity }),
      }),
    async close() {
      await bot.close();
      if (!options.connector) await connector.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;

/** A Teams message activity as the connector delivers it. */
export function teamsMessage(
  text: string,
  opts: { conversationId?: string; userId?: string; conversationType?: string; value?: unknown; replyToId?: string; tenantId?: string; name?: string } = {},
): Record<string, unknown> {
  const tenant = opts.tenantId ?? 'tenant-1';
  return {
    type: 'message',
    id: `act-${++seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    from: { id: opts.userId ?? '29:user-1', aadObjectId: `aad-${opts.userId ?? 'user-1'}`, name: opts.name ?? 'Testperson' },
    conversation: { id: opts.conversationId ?? 'a:conv-1', conversationType: opts.conversationType ?? 'personal', tenantId: tenant },
    recipient: { id: '28:planpiloten', name: 'Planpiloten' },
    text,
    textFormat: 'plain',
    locale: 'sv-SE',
    channelData: { tenant: { id: tenant } },
    ...(opts.value !== undefined ? { value: opts.value } : {}),
    ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
  };
}

/** The invoke Teams sends when a user presses an Action.Execute button. */
export function cardAction(verb: string, data: Record<string, unknown>, opts: { conversationId?: string; userId?: string; replyToId?: string; tenantId?: string } = {}): Record<string, unknown> {
  return {
    ...teamsMessage('', opts),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId: opts.replyToId ?? 'reply-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
