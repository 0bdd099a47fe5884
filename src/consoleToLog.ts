/* eslint-disable no-console -- this module exists to take over the console */
import type { Logger } from 'pino';

/**
 * botbuilder writes some failures straight to the console (a token signed with an unknown
 * key prints the keys and a stack on every 401). In the bot process the console goes to the
 * structured log instead: the first line only, shortened, never a stack, at warn level.
 * Returns a function that puts the console back.
 */
export function routeConsoleToLog(log: Logger): () => void {
  const original = { error: console.error, warn: console.warn, log: console.log, info: console.info };
  const forward =
    (level: string) =>
    (...args: unknown[]): void => {
      const head = args[0];
      const first = head instanceof Error ? `${head.name}: ${head.message}` : typeof head === 'string' ? head : typeof head;
      log.warn({ event: 'library_console', level, line: first.split('\n')[0]?.slice(0, 120) }, 'library wrote to the console');
    };
  console.error = forward('error');
  console.warn = forward('warn');
  console.log = forward('log');
  console.info = forward('info');
  return () => Object.assign(console, original);
}
