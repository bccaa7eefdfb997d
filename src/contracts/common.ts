import { z } from 'zod';
import { ERROR_CODES } from '#domain/errors.ts';
import { PRODUCT_ROLES } from '#domain/roles.ts';

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
export const Password = z
  .string()
  .min(8, { message: 'Use at least 8 characters' })
  .max(128, { message: 'Use at most 128 characters' });
export const PersonName = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(100, { message: 'At most 100 characters' });
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
export const Cursor = z.string().max(500).optional();
