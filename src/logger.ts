import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs on stderr (stdout stays free for command-line output). Message
 * text, names and secrets are never logged: callers log ids, types and counts only.
 */
export function createLogger(level: string, name = 'planpiloten'): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: ['*.password', '*.key', '*.apiKey', '*.authorization', '*.text', '*.name'], censor: '[dold]' },
    },
    pino.destination(2),
  );
}

export type { Logger };
