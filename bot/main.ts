import { routeConsoleToLog } from '../src/consoleToLog.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startBot, type RunningBot } from './startBot.js';

/** Process concerns only: configuration, logging, signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  routeConsoleToLog(log.child({ module: 'console' }));
  const running: { bot?: RunningBot } = {};
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // A signal during start-up: nothing was acknowledged yet, and what started is closed below.
    (running.bot ? running.bot.close() : Promise.resolve())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  // Installed before anything starts, so a signal is never met by the default handler.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  running.bot = await startBot(config, log);
  if (stopping) await running.bot.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`Planpiloten kunde inte starta: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
