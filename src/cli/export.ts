import { ConfigError, loadConfig } from '../config.js';
import { InitiativeRepository } from '../initiatives/initiativeRepository.js';
import { portfolioCsv, portfolioJson } from '../initiatives/portfolioExport.js';
import { createStore } from '../storage/createStore.js';

/**
 * `npm run export -- --format csv|json`: the portfolio from the store the settings select
 * (Cosmos DB when COSMOS_ENDPOINT is set, otherwise DATA_DIR), on stdout.
 */
async function main(): Promise<void> {
  const index = process.argv.indexOf('--format');
  const format = index >= 0 ? process.argv[index + 1] : 'csv';
  if (format !== 'csv' && format !== 'json') {
    process.stderr.write('Ange --format csv eller --format json\n');
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const store = createStore(config);
  try {
    const initiatives = await new InitiativeRepository(store).all();
    process.stdout.write(format === 'csv' ? portfolioCsv(initiatives) : portfolioJson(initiatives));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
