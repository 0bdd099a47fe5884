import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { CosmosStore } from '../../src/storage/cosmosStore.js';

/** The well-known emulator key; the in-process server accepts any key. */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface LocalCosmos {
  endpoint: string;
  agent: Agent;
  store(database?: string): CosmosStore;
  close(): Promise<void>;
}

/** Starts the in-process Cosmos DB server on a random loopback port. */
export async function startCosmos(): Promise<LocalCosmos> {
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `https://127.0.0.1:${port}`;
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const stores: CosmosStore[] = [];
  return {
    endpoint,
    agent,
    store(database = `db${Math.random().toString(36).slice(2, 8)}`) {
      const store = new CosmosStore({ endpoint, database, key: EMULATOR_KEY, agent });
      stores.push(store);
      return store;
    },
    async close() {
      await Promise.all(stores.map((s) => s.close()));
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
