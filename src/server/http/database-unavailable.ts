import type { FastifyReply } from 'fastify';
import { AppError } from '#domain/errors.ts';

/** Seconds a client is asked to wait before trying again while the database is down. */
export const RETRY_AFTER_SECONDS = 2;

// Server going away or not accepting connections yet: admin_shutdown, crash_shutdown,
// cannot_connect_now (starting up, in recovery), and the connection exception class.
const PG_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
// node-postgres reports a lost or never-made connection in words only.
const MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
];

/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, starting
 * up), as opposed to a bug or a bad query: those requests get 503 with Retry-After, not 500.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (PG_CODES.has(e.code) || NODE_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  // A connection to several addresses fails with an AggregateError of each attempt.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

export function databaseUnavailable(): AppError {
  return new AppError(
    'database_unavailable',
    `The database is not available right now (it may be restarting). Try again in a few seconds.`,
  );
}

export function setRetryAfter(reply: FastifyReply): FastifyReply {
  return reply.header('retry-after', String(RETRY_AFTER_SECONDS));
}
