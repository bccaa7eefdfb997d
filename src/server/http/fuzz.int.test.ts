import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '#capabilities/index.ts';
import { ErrorBody } from '#contracts/common.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import { routeFixtures } from '#testing/route-fixtures.ts';
import { arbitraryFor, NASTY_STRINGS } from '#testing/schema-arbitrary.ts';
import type { AnyRoute } from './route.ts';

/**
 * Property: over the whole route table, requests built from each route's own zod schemas and
 * then bent (wrong types, lengths at and over the limits, NUL, lone surrogates, direction
 * overrides, numbers at the edges, huge If-Match values, broken path escapes) never get a 5xx,
 * and every error has the one shape {"error": {"code", "message"}}. FUZZ_RUNS sets the runs per
 * route (default 50: about 3,800 requests in all); FUZZ_SEED replays a failing run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Streams never end; logging out or deleting the product would end the run's own access. */
const SKIP = (r: AnyRoute) =>
  r.url.endsWith('/stream') ||
  r.url === '/api/v1/auth/logout' ||
  (r.method === 'DELETE' && r.url === '/api/v1/products/:productId');

let t: TestApp;
let owner: TestUser;
let fixtures: ReturnType<typeof routeFixtures>;
const statuses = new Map<number, number>();
let sent = 0;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Fuzz owner', { admin: true });
  const facilitator = await t.user('Fuzz facilitator');
  const team = await t.user('Fuzz team');
  const productId = (await t.product(owner, 'Fuzz product')).id;
  await t.addMember(owner, productId, facilitator, 'facilitator');
  await t.addMember(owner, productId, team, 'team');
  fixtures = routeFixtures(t, { owner, facilitator, team }, productId);
  for (const r of allRoutes) await fixtures.fill(r);
});

const IF_MATCH = [
  '1',
  '2',
  '"1"',
  'W/"1"',
  '99999999999999999999',
  '2147483648',
  '-1',
  '0',
  'abc',
  '1.5',
  '1e3',
  '',
];
const BAD_SEGMENTS = [
  '%E0%A4%A',
  '%ZZ',
  '%00',
  'a'.repeat(101),
  '00000000-0000-0000-0000-000000000000',
  '..',
  '%2e%2e',
  encodeURIComponent('a\uFFFDb'),
  '99999999999999999999',
];
const ascii = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_ "\'%/:'.split('')),
});

function toQuery(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const vs = Array.isArray(v) ? v : [v];
    for (const one of vs) {
      const s = typeof one === 'string' ? one : JSON.stringify(one);
      // encodeURIComponent throws on lone surrogates: send those as raw escapes of their UTF-16 code.
      let enc: string;
      try {
        enc = encodeURIComponent(s ?? '');
      } catch {
        enc = '%ED%A0%80';
      }
      parts.push(`${encodeURIComponent(k)}=${enc}`);
    }
  }
  return parts.join('&');
}

/** A backlog cursor shaped like the server's own (base64url JSON), with nasty values inside. */
const forgedCursor = fc
  .tuple(
    fc.constantFrom('rank', 'size', 'createdAt', 'title', 'key', 'wsjf', 'releaseCritical'),
    fc.constantFrom('asc', 'desc'),
    fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.constant(null)),
    fc.constantFrom(...NASTY_STRINGS, 'a0'),
  )
  .map(
    ([sort, dir, value, rank]) =>
      `sort=${sort}&dir=${dir}&cursor=${Buffer.from(JSON.stringify([sort, dir, value, rank])).toString('base64url')}`,
  );

function requestArb(route: AnyRoute) {
  const o = (wildness: number) => ({ ids: Object.values(fixtures.fixtures), wildness });
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const param = fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_SEGMENTS) },
  );
  return fc.integer({ min: 0, max: 3 }).chain((wildness) =>
    fc.record({
      params: fc.array(param, { minLength: names.length, maxLength: names.length }),
      query: route.query ? arbitraryFor(route.query, o(wildness)) : fc.constant(undefined),
      extraQuery: fc.option(
        fc.oneof(
          fc.constantFrom('cursor=99999999999999999999999', 'limit=1e999', '%ZZ=1', 'entityId=%00'),
          forgedCursor,
        ),
        { freq: 6 },
      ),
      body: route.body ? arbitraryFor(route.body, o(wildness)) : fc.constant(undefined),
      ifMatch: fc.option(fc.constantFrom(...IF_MATCH), { freq: 4 }),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), ascii, fc.constant('k'.repeat(300))), { freq: 2 }),
      encoding: fc.constantFrom('json', 'json', 'json', 'json', 'broken', 'text', 'nasty-root'),
      nasty: fc.constantFrom(...NASTY_STRINGS),
    }),
  );
}

function hasTheShape(res: { statusCode: number; body: string }): boolean {
  try {
    const body = JSON.parse(res.body);
    return Object.keys(body).length === 1 && ErrorBody.safeParse(body).success;
  } catch {
    return false;
  }
}

describe('fuzzing the route table', () => {
  const routes = allRoutes.filter((r) => !SKIP(r));

  it.each(routes.map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s',
    { timeout: 120_000 },
    async (_n, route) => {
      const base = await fixtures.fill(route);
      await fc.assert(
        fc.asyncProperty(requestArb(route), async (req) => {
          const segments = base.split('/');
          const templ = route.url.split('/');
          let p = 0;
          const url = templ
            .map((seg, i) => (seg.startsWith(':') ? (req.params[p++] ?? segments[i]) : segments[i]))
            .join('/');
          const query = [toQuery(req.query), req.extraQuery].filter(Boolean).join('&');
          const headers: Record<string, string> = {};
          if (req.ifMatch !== null) headers['if-match'] = req.ifMatch;
          if (req.idempotencyKey !== null) headers['idempotency-key'] = req.idempotencyKey;
          let payload: string | undefined;
          if (route.method !== 'GET' && route.method !== 'DELETE') {
            const json = JSON.stringify(req.body ?? {});
            if (req.encoding === 'broken') payload = json.slice(0, Math.max(1, json.length - 1));
            else if (req.encoding === 'nasty-root') payload = JSON.stringify(req.nasty);
            else payload = json;
            headers['content-type'] = req.encoding === 'text' ? 'text/plain' : 'application/json';
          }
          const res = await t.call(owner, {
            method: route.method,
            url: query ? `${url}?${query}` : url,
            headers,
            ...(payload === undefined ? {} : { payload }),
          });
          sent += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const what = `${route.method} ${url}?${query} ${payload?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          if (res.statusCode >= 400) expect(hasTheShape(res), what).toBe(true);
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
      );
    },
  );

  it('sent a few thousand requests over every route', () => {
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.info(`fuzz: ${sent} requests over ${routes.length} routes: ${summary.join(' ')}`);
    expect(sent).toBeGreaterThanOrEqual(routes.length * RUNS);
    // Some requests must get through validation, or the property says little.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  });
});
