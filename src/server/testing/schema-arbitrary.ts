import fc from 'fast-check';
import { z } from 'zod';

type Js = Record<string, unknown>;

/** Values that have broken servers before: NUL, lone surrogates, numbers at the edges, wrong types. */
export const NASTY_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'a\uD800b',
  '\uDFFF',
  '\uD83D',
  '\uFEFFname',
  'evil\u202Etxt',
  '\u2066x\u2069',
  'tab\there',
  'two\nlines',
  '\r\n',
  '\u0007\u001b[31m',
  '-1',
  '0',
  '2147483647',
  '2147483648',
  '9007199254740993',
  '99999999999999999999',
  '1e999',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  'null',
  'true',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '%00',
  '../../etc/passwd',
  '🎉'.repeat(60),
  'é'.repeat(300),
];
export const NASTY_NUMBERS = [
  -1,
  0,
  0.5,
  -0.000001,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 63,
  -(2 ** 53),
  1e308,
  Number.MIN_VALUE,
];

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], { a: 1 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

export interface ArbitraryOptions {
  /** Ids that exist (fixtures), offered for uuid fields so requests reach deep into handlers. */
  ids: readonly string[];
  /** 0: valid values only; otherwise the weight of a wrong value at each node (against 10). */
  wildness: number;
}

const resolve = (js: Js, root: Js): Js => {
  const ref = js.$ref;
  if (typeof ref !== 'string') return js;
  const name = ref.split('/').pop()!;
  const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Js>;
  return defs[name] ?? {};
};

function edgeString(js: Js): string[] {
  const out: string[] = [];
  const min = typeof js.minLength === 'number' ? js.minLength : 0;
  const max = typeof js.maxLength === 'number' ? js.maxLength : undefined;
  if (min > 0) out.push('x'.repeat(min - 1));
  if (max !== undefined && max <= 100_000) out.push('x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(max));
  return out;
}

function edgeNumber(js: Js): number[] {
  const out: number[] = [];
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
    const v = js[k];
    if (typeof v === 'number') out.push(v, v - 1, v + 1, v + 0.5);
  }
  return out;
}

function validArb(js: Js, root: Js, o: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  js = resolve(js, root);
  if ('const' in js) return fc.constant(js.const);
  if (Array.isArray(js.enum)) return fc.constantFrom(...(js.enum as unknown[]));
  const alts = (js.anyOf ?? js.oneOf) as Js[] | undefined;
  if (alts?.length) return fc.oneof(...alts.map((a) => anyArb(a, root, o, depth + 1)));
  if (Array.isArray(js.allOf) && js.allOf.length) return anyArb(js.allOf[0] as Js, root, o, depth + 1);
  const type = Array.isArray(js.type) ? (js.type as string[]) : js.type ? [js.type as string] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => validArb({ ...js, type: t }, root, o, depth)));
  switch (type[0]) {
    case 'string': {
      if (js.format === 'uuid')
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...o.ids) }, fc.uuid());
      if (js.format === 'date')
        return fc.constantFrom('2026-11-23', '2026-12-04', '2026-02-29', '1999-01-01');
      if (js.format === 'email') return fc.emailAddress();
      if (typeof js.pattern === 'string') {
        try {
          return fc.stringMatching(new RegExp(js.pattern)).filter((s) => s.length <= 200);
        } catch {
          // fall through to plain strings
        }
      }
      const min = typeof js.minLength === 'number' ? js.minLength : 0;
      const max = Math.max(min, Math.min(typeof js.maxLength === 'number' ? js.maxLength : 40, 40));
      const edges = edgeString(js).filter((s) => s.length >= min && s.length <= (js.maxLength as number));
      const plain = fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
      return edges.length ? fc.oneof({ weight: 5, arbitrary: plain }, fc.constantFrom(...edges)) : plain;
    }
    case 'integer':
    case 'number': {
      const min = typeof js.minimum === 'number' ? js.minimum : -1000;
      const max = typeof js.maximum === 'number' ? js.maximum : 1000;
      return type[0] === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (js.items ?? {}) as Js;
      const minLength = typeof js.minItems === 'number' ? js.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof js.maxItems === 'number' ? js.maxItems : 4, 4));
      if (depth > 6) return fc.constant([]);
      return fc.array(anyArb(items, root, o, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const props = (js.properties ?? {}) as Record<string, Js>;
      const required = new Set((js.required as string[] | undefined) ?? []);
      if (!Object.keys(props).length) {
        if (js.additionalProperties && typeof js.additionalProperties === 'object')
          return fc.dictionary(
            fc.constantFrom('0', '1', '2', 'title'),
            anyArb(js.additionalProperties as Js, root, o, depth + 1),
            { maxKeys: 3 },
          );
        return fc.constant({});
      }
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = anyArb(v, root, o, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for the node: mostly valid, sometimes at or over its limits, sometimes plainly wrong. */
function anyArb(js: Js, root: Js, o: ArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const valid = validArb(js, root, o, depth);
  if (!o.wildness) return valid;
  const r = resolve(js, root);
  const edges: unknown[] = [...edgeString(r), ...edgeNumber(r)];
  return fc.oneof(
    { weight: 10, arbitrary: valid },
    { weight: o.wildness, arbitrary: nasty },
    ...(edges.length ? [{ weight: o.wildness, arbitrary: fc.constantFrom(...edges) }] : []),
  );
}

/** A fast-check arbitrary of request inputs for a zod schema, walked through its JSON Schema. */
export function arbitraryFor(schema: z.ZodType, o: ArbitraryOptions): fc.Arbitrary<unknown> {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Js;
  return anyArb(root, root, o, 0);
}
