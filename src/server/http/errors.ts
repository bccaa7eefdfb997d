import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, assertUnreachable, type ErrorCode, type FieldErrors } from '#domain/errors.ts';
import { databaseUnavailable, isDatabaseUnavailable, setRetryAfter } from './database-unavailable.ts';

/** The one place that maps error codes to HTTP statuses. Exhaustive: a new code fails to compile here. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'sso_failed':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
    case 'estimate_by_team_only':
    case 'password_sign_in_off':
    case 'sso_no_account':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'setup_done':
    case 'not_ready':
    case 'sprint_locked':
    case 'reason_required':
    case 'review_closed':
    case 'vote_closed':
    case 'comment_period_closed':
    case 'agreement_version_final':
    case 'mail_off':
      return 409;
    case 'version_conflict':
      return 412;
    case 'uri_too_long':
      return 414;
    case 'idempotency_key_reused':
    case 'vote_budget_exceeded':
      return 422;
    case 'precondition_required':
      return 428;
    case 'rate_limited':
      return 429;
    case 'headers_too_large':
      return 431;
    case 'internal':
      return 500;
    case 'database_unavailable':
    case 'busy':
      return 503;
    default:
      return assertUnreachable(code);
  }
}

export function fieldsFromZod(error: z.ZodError, prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function sendError(reply: FastifyReply, err: AppError): FastifyReply {
  const body: Record<string, unknown> = { code: err.code, message: err.message };
  if (err.fields) body.fields = err.fields;
  if (err.details !== undefined) body.details = err.details;
  const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (err.code === 'rate_limited' && typeof retry === 'number') reply.header('retry-after', String(retry));
  if (err.code === 'database_unavailable') setRetryAfter(reply);
  if (err.code === 'busy') reply.header('retry-after', '5');
  return reply.status(statusFor(err.code)).send({ error: body });
}

export function errorHandler(
  err: FastifyError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof AppError) return sendError(reply, err);
  const fe = err as FastifyError;
  if (
    fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (fe.statusCode === 400 && fe.code?.startsWith('FST_ERR_CTP'))
  ) {
    return sendError(
      reply,
      new AppError('validation_failed', 'The request body is not valid JSON.', {
        body: 'Must be valid JSON',
      }),
    );
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendError(
      reply,
      new AppError('validation_failed', 'The request body is too large.', { body: 'Too large' }),
    );
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendError(
      reply,
      new AppError('validation_failed', 'Send JSON with Content-Type: application/json.', {
        body: 'Unsupported content type',
      }),
    );
  }
  if (isDatabaseUnavailable(err)) {
    req.log.debug({ err: { message: err.message } }, 'database unavailable');
    return sendError(reply, databaseUnavailable());
  }
  // Any other refusal Fastify makes itself (4xx) keeps its status and takes our shape.
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return frameworkError(fe, reply);
  req.log.error({ err }, 'unhandled error');
  return sendError(reply, new AppError('internal', 'Something went wrong on our side. It has been logged.'));
}

/**
 * Errors Fastify raises before a route runs (a bad URL escape, a path parameter over
 * maxParamLength): the same {"error": {"code", "message"}} as everything else.
 */
export function frameworkError(err: FastifyError, reply: FastifyReply): FastifyReply {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH' || err.statusCode === 414) {
    return sendError(reply, new AppError('uri_too_long', 'This address is too long.'));
  }
  if (err.statusCode === 404)
    return sendError(reply, new AppError('not_found', 'There is nothing at this address.'));
  if (err.statusCode === 429) return sendError(reply, new AppError('rate_limited', 'Too many requests.'));
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const code = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'validation_failed';
  const message =
    err.code === 'FST_ERR_BAD_URL'
      ? 'This address is not valid (a broken %-escape).'
      : 'This request is not valid.';
  return reply.status(status).send({ error: { code, message } });
}

const CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'The request headers are too large (at most 16 KB).',
  },
  HPE_URI_TOO_LONG: { status: 414, code: 'uri_too_long', message: 'This address is too long.' },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'validation_failed',
    message: 'The request took too long to arrive.',
  },
};

/**
 * Node refuses some requests before Fastify sees them (headers over 16 KB, unparseable HTTP):
 * answer those in our shape too, straight on the socket, then close it.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // Not writable, or a response already under way on this socket (as Node itself checks): just close.
  if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy(err);
    return;
  }
  const known = CLIENT_ERRORS[err.code ?? ''] ?? {
    status: 400,
    code: 'validation_failed' as const,
    message: 'This request is not valid HTTP.',
  };
  const body = JSON.stringify({ error: { code: known.code, message: known.message } });
  const reasons: Record<number, string> = {
    408: 'Request Timeout',
    414: 'URI Too Long',
    431: 'Request Header Fields Too Large',
  };
  const reason = reasons[known.status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${known.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
