import { z } from 'zod';
import { ERROR_CODES } from '#domain/errors.ts';
import { PRODUCT_ROLES } from '#domain/roles.ts';
import { textProblem } from '#domain/text.ts';

// In the browser zod must not compile parsers with `new Function`: the Content-Security-Policy
// forbids eval, and even zod's probe for it is reported as a violation. Every contract imports this
// module, so the setting holds before any schema parses (web/zod-config.ts alone ran too late once
// the bundler put zod and the contracts in a chunk evaluated before the entry's own code). The
// server keeps zod's compiled parsers.
if (typeof document !== 'undefined') z.config({ jitless: true });

export interface TextOptions {
  max: number;
  min?: number;
  /** Keeps tabs and line breaks (descriptions, comments, CSV); one-line fields refuse all control characters. */
  multiline?: boolean;
  /** Trim surrounding white space before the length checks (default: true for one-line fields). */
  trim?: boolean;
  minMessage?: string;
  maxMessage?: string;
}

/**
 * The one text type of every contract: no NUL (PostgreSQL refuses it), no lone surrogates (not
 * encodable as UTF-8), and in one-line fields no control characters, direction overrides or BOM
 * (domain/text.ts). Every string a request may carry into storage or a query is one of these.
 */
const textCheck = (multiline: boolean) =>
  z.superRefine<string>((v, ctx) => {
    const problem = textProblem(v, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
/** The two checks text() attaches; a test walks every request schema for them. */
export const TEXT_CHECKS = { oneLine: textCheck(false), multiline: textCheck(true) } as const;

export function text(opts: TextOptions) {
  const multiline = opts.multiline ?? false;
  let s = z.string();
  if (opts.trim ?? !multiline) s = s.trim();
  if (opts.min !== undefined)
    s = s.min(opts.min, { message: opts.minMessage ?? `At least ${opts.min} characters` });
  s = s.max(opts.max, { message: opts.maxMessage ?? `At most ${opts.max.toLocaleString('en')} characters` });
  return s.check(multiline ? TEXT_CHECKS.multiline : TEXT_CHECKS.oneLine);
}

/** PostgreSQL `int` (versions, counts). */
export const INT4_MAX = 2_147_483_647;

/**
 * A non-negative integer sent as text (headers, cursors, query strings), bounded so it fits the
 * column it is compared with: `99999999999999999999` is a 400, not an "out of range" 500.
 */
export function intText(opts: { min?: number; max: number; message?: string }) {
  const message = opts.message ?? `Must be a whole number from ${opts.min ?? 0} to ${opts.max}`;
  return z
    .string()
    .regex(/^\d{1,16}$/, { message })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(opts.min ?? 0, { message })
        .max(opts.max, { message }),
    );
}

/**
 * An entity version as sent in If-Match: `3`, `"3"` or `W/"3"`. `min` is 0 for settings that
 * exist before their first save (their defaults carry version 0).
 */
export const ifMatchVersionText = (min: 0 | 1 = 1) =>
  z
    .string()
    .transform((v) => v.trim().replace(/^W\//, '').replaceAll('"', ''))
    .pipe(intText({ min, max: INT4_MAX, message: 'Must be a version number' }));
export const IfMatchVersion = ifMatchVersionText(1);

/**
 * The one UUID pattern of the codebase: any 8-4-4-4-12 hex id (what PostgreSQL's uuid type reads).
 * Params, access checks and `productOf` lookups all test ids with it, so they agree on what an id is.
 */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);
export const Id = z.string().regex(UUID_PATTERN, { message: 'Must be a valid id' }).meta({ format: 'uuid' });
export const IsoDateTime = z.string().describe('ISO 8601 date-time');
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address' }).max(254, { message: 'At most 254 characters' }));
export const Password = text({
  min: 8,
  max: 128,
  multiline: true,
  trim: false,
  minMessage: 'Use at least 8 characters',
  maxMessage: 'Use at most 128 characters',
});
export const PersonName = text({ min: 1, max: 100, minMessage: 'Enter a name' });
export const ProductRoleSchema = z.enum(PRODUCT_ROLES);

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });

export const ProductParams = z.object({ productId: Id });
export const Cursor = text({ max: 500 }).optional();
