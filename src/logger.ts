import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs on stderr (stdout stays free for command-line output). Message
 * text, names and secrets are never logged: callers log ids, types and counts only. Errors
 * go under `err` through pino's serializer (type, message, stack); the paths that could hold
 * a secret are redacted by name, explicitly, so nothing else is hidden by accident.
 */
export function createLogger(level: string, name = 'planpiloten', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      name,
      level,
      serializers: { err: pino.stdSerializers.err },
      redact: {
        paths: ['password', 'key', 'apiKey', 'authorization', 'headers.authorization', 'config.bot.password', 'config.cosmos.key', 'config.openAi.apiKey', 'config.pseudonymKey'],
        censor: '[dold]',
      },
    },
    destination,
  );
}

export type { Logger };
