import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { allRoutes } from '#capabilities/index.ts';
import { TEXT_CHECKS } from '#contracts/common.ts';

/**
 * Every string a request can carry (path, query, body) is the shared text type, or a string
 * whose format or pattern admits no NUL or control character (ids, emails, dates, keys). A new
 * contract with a bare z.string() fails here, so the rule holds by construction, not route by route.
 */
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; format?: string } } }>;
  format?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const textChecks = new Set<unknown>([TEXT_CHECKS.oneLine, TEXT_CHECKS.multiline]);

/** A string schema that cannot carry NUL or control characters. */
function isSafeString(s: z.ZodType): boolean {
  const def = defOf(s);
  if (def.type !== 'string') return false;
  if (def.format) return true; // uuid, email, iso date…
  return (def.checks ?? []).some(
    (c) => textChecks.has(c) || (c._zod.def.check === 'string_format' && c._zod.def.format === 'regex'),
  );
}

function unsafeStrings(s: z.ZodType, path: string, out: string[], seen = new Set<z.ZodType>()): string[] {
  if (seen.has(s)) return out;
  seen.add(s);
  const def = defOf(s);
  const walk = (child: z.ZodType | undefined, p: string) => child && unsafeStrings(child, p, out, seen);
  switch (def.type) {
    case 'string':
      if (!isSafeString(s)) out.push(path || '(root)');
      break;
    case 'object':
      for (const [k, v] of Object.entries(def.shape ?? {})) walk(v, path ? `${path}.${k}` : k);
      break;
    case 'pipe':
      // A pipe into a safe string (Email: trim, lower-case, then the email format) is safe.
      if (!(def.out && isSafeString(def.out))) walk(def.in, path);
      walk(def.out, path);
      break;
    case 'array':
      walk(def.element, `${path}[]`);
      break;
    case 'union':
      for (const o of def.options ?? []) walk(o, path);
      break;
    case 'intersection':
      walk(def.left, path);
      walk(def.right, path);
      break;
    case 'record':
      walk(def.keyType, `${path}{key}`);
      walk(def.valueType, `${path}{}`);
      break;
    default:
      walk(def.innerType, path); // optional, nullable, default, readonly, catch…
  }
  return out;
}

describe('request contracts', () => {
  it('use the shared text type for every string of every route', () => {
    const bad: string[] = [];
    for (const r of allRoutes) {
      for (const [where, schema] of [
        ['params', r.params],
        ['query', r.query],
        ['body', r.body],
      ] as const) {
        if (!schema) continue;
        for (const p of unsafeStrings(schema, '', [])) bad.push(`${r.method} ${r.url} ${where}.${p}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('catches a bare string (the walker works)', async () => {
    const { z } = await import('zod');
    expect(
      unsafeStrings(z.object({ a: z.string(), b: z.array(z.string().max(3)).optional() }), '', []),
    ).toEqual(['a', 'b[]']);
  });
});
