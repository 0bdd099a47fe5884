import { ConfigError, loadConfig } from '../../src/config.js';
import { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import { createLogger } from '../../src/logger.js';
import { createStore } from '../../src/storage/createStore.js';
import { systemClock } from '../../src/time/clock.js';
import { createAdapter } from '../adapter.js';
import { outboxReport } from '../features/admin.js';
import { createOutboxEngine } from '../outboxEngine.js';
import { PlanSource } from '../../src/plan/planSource.js';

/**
 * `npm run outbox -- status [--json]`: what the outbox holds, from the store the settings
 * select. `npm run outbox -- run`: sends what is due now, with the bot's identity and at
 * Teams' rate, as "kör uppföljning nu" does in the bot (safe beside running bots: items are
 * claimed with leases).
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'status';
  if (command !== 'status' && command !== 'run') {
    process.stderr.write('Ange status eller run, till exempel: npm run outbox -- status\n');
    process.exit(2);
  }
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const store = createStore(config);
  try {
    const initiatives = new InitiativeRepository(store, systemClock);
    const plans = new PlanSource(config.planFile, log);
    await plans.load();
    const engine = createOutboxEngine(config, store, initiatives, plans.live(), createAdapter(config.bot), systemClock, log);
    if (command === 'run') {
      const report = await engine.dispatcher.runOnce();
      process.stdout.write(`${JSON.stringify(report)}\n`);
      await engine.dispatcher.stop();
      return;
    }
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ counts: await engine.outbox.counts(), problems: await engine.outbox.recentProblems(20) })}\n`);
    } else {
      process.stdout.write(`${await outboxReport(engine.outbox)}\n`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
