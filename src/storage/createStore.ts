import { Agent } from 'node:https';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '../config.js';
import { CosmosStore } from './cosmosStore.js';
import type { DocumentStore } from './documentStore.js';
import { SqliteStore } from './sqliteStore.js';

function isLocalEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';
}

/**
 * The store the settings select: Cosmos DB when COSMOS_ENDPOINT is set (Entra ID, or a key
 * for a local emulator, whose self-signed certificate is trusted for that client only),
 * otherwise the embedded SQLite database under DATA_DIR.
 */
export function createStore(config: Pick<Config, 'cosmos' | 'dataDir'>): DocumentStore {
  const cosmos = config.cosmos;
  if (!cosmos) return new SqliteStore(config.dataDir);
  const local = isLocalEndpoint(cosmos.endpoint);
  return new CosmosStore({
    endpoint: cosmos.endpoint,
    database: cosmos.database,
    ...(cosmos.key ? { key: cosmos.key } : { credential: new DefaultAzureCredential() }),
    ...(local ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) } : {}),
  });
}
