import pino, { type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

/** Secrets never reach a line: these paths are redacted wherever they appear. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'DATABASE_URL',
];

export interface LogOutput {
  /** Human-readable lines instead of JSON. Default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go. Default: stdout. */
  destination?: NodeJS.WritableStream;
}

// Fastify logs "Server listening at <address>" at info once per interface, internal ones too;
// Tandem says "Tandem is running at <url>" once instead (main.ts), so these go to debug.
const LISTENING = 'Server listening at ';

/**
 * JSON lines for machines (production, where stdout is not a terminal); readable lines at a
 * terminal. Redaction applies to both.
 */
export function createLogger(level: string, output: LogOutput = {}): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method, lvl) {
        if (lvl === 30 && typeof args[0] === 'string' && args[0].startsWith(LISTENING)) {
          return this.debug(args[0]);
        }
        return method.apply(this, args);
      },
    },
  };
  if (output.pretty ?? Boolean(process.stdout.isTTY)) {
    const stream = pretty({
      destination: output.destination ?? 1,
      sync: true,
      // Colours at a terminal only; a stream given by the caller (a test, a file) gets plain text.
      colorize: output.destination ? false : undefined,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
      singleLine: true,
    });
    return pino(options, stream);
  }
  return output.destination ? pino(options, output.destination) : pino(options);
}
export type { Logger };
