import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, assertUnreachable, type ErrorCode, type FieldErrors } from '#domain/errors.ts';

/** The one place that maps error codes to HTTP statuses. Exhaustive: a new code fails to compile here. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
    case 'estimate_by_team_only':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'setup_done':
    case 'not_ready':
    case 'sprint_locked':
    case 'reason_required':
      return 409;
    case 'version_conflict':
      return 412;
    case 'precondition_required':
      return 428;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
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
  req.log.error({ err }, 'unhandled error');
  return sendError(reply, new AppError('internal', 'Something went wrong on our side. It has been logged.'));
}
