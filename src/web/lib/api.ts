import type { z } from 'zod';
import { ErrorBody } from '#contracts/common.ts';
import type { ErrorCode } from '#domain/errors.ts';

/**
 * The typed API client. Every response is parsed with its zod contract (the same schema the server
 * answers with), so a drift between server and web app fails loudly at the call, not three
 * components later. Errors always arrive as an ApiError carrying the server's stable code, its
 * human message and, for 400s, the message of each bad field.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network' | 'bad_response';
  readonly fields: Record<string, string>;
  readonly details: unknown;
  constructor(
    status: number,
    code: ApiError['code'],
    message: string,
    fields: Record<string, string> = {},
    details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export const isApiError = (err: unknown, code?: ApiError['code']): err is ApiError =>
  err instanceof ApiError && (code === undefined || err.code === code);

export interface WriteOptions {
  /** The version the user edited; a stale one comes back as a 412 `version_conflict`. */
  ifMatch?: number | undefined;
  /** Makes a create safe to retry: the server returns the first result instead of a duplicate. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Headers for optimistic concurrency and safe retries, in one place. */
export function writeHeaders(opts: WriteOptions = {}): Record<string, string> {
  const h: Record<string, string> = {};
  if (opts.ifMatch !== undefined) h['If-Match'] = String(opts.ifMatch);
  if (opts.idempotencyKey) h['Idempotency-Key'] = opts.idempotencyKey;
  return h;
}

/** A fresh key for one user intent (keep it across retries of the same submit). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address falls back to this.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function request<S extends z.ZodType | null>(
  method: Method,
  path: string,
  schema: S,
  body: unknown,
  opts: WriteOptions = {},
): Promise<S extends z.ZodType ? z.infer<S> : undefined> {
  const headers: Record<string, string> = { Accept: 'application/json', ...writeHeaders(opts) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Tandem cannot be reached. Check your connection and try again.');
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204 || schema === null) return undefined as never;
  const json: unknown = await res.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      res.status,
      'bad_response',
      'Tandem answered in an unexpected shape. Reload the page.',
    );
  }
  return parsed.data as never;
}

async function toApiError(res: Response): Promise<ApiError> {
  const json: unknown = await res.json().catch(() => undefined);
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiError(res.status, e.code, e.message, e.fields ?? {}, e.details);
  }
  return new ApiError(res.status, 'internal', `Something went wrong (HTTP ${res.status}). Try again.`);
}

/** `api.get('/api/v1/me', Me)`; writes take the body, the response schema (or null) and options. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, opts?: { signal?: AbortSignal }) =>
    request('GET', path, schema, undefined, opts),
  post: <S extends z.ZodType | null>(path: string, body: unknown, schema: S, opts?: WriteOptions) =>
    request('POST', path, schema, body ?? {}, opts),
  patch: <S extends z.ZodType | null>(path: string, body: unknown, schema: S, opts?: WriteOptions) =>
    request('PATCH', path, schema, body, opts),
  put: <S extends z.ZodType | null>(path: string, body: unknown, schema: S, opts?: WriteOptions) =>
    request('PUT', path, schema, body, opts),
  delete: (path: string, opts?: WriteOptions) => request('DELETE', path, null, undefined, opts),
};

/** Builds `/api/v1/...` paths with every segment escaped. */
export const apiPath = (...segments: Array<string | number>): string =>
  `/api/v1/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;
