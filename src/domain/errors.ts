/**
 * Stable error codes shared by every layer. The HTTP layer maps each code to a status in one
 * exhaustive switch (server/http/errors.ts); the web app shows `message` and highlights `fields`.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'version_conflict',
  'precondition_required',
  'rate_limited',
  'busy',
  'setup_done',
  'invalid_credentials',
  'password_sign_in_off',
  'sso_failed',
  'sso_no_account',
  'estimate_by_team_only',
  'not_ready',
  'sprint_locked',
  'reason_required',
  'review_closed',
  'vote_closed',
  'vote_budget_exceeded',
  'comment_period_closed',
  'agreement_version_final',
  'mail_off',
  'idempotency_key_reused',
  'uri_too_long',
  'headers_too_large',
  'database_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field path → message, e.g. `{ "email": "Enter a valid email address" }`. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, fields?: FieldErrors, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export const notFound = (what = 'That'): AppError => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message: string): AppError => new AppError('forbidden', message);
export const invalid = (fields: FieldErrors): AppError =>
  new AppError('validation_failed', `Please check: ${Object.keys(fields).join(', ')}.`, fields);

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
