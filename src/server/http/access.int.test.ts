import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '#capabilities/index.ts';
import { PRODUCT_ROLES, type ProductRole } from '#domain/roles.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import { routeFixtures } from '#testing/route-fixtures.ts';
import { ACCESS_KINDS, type AnyRoute } from './route.ts';
import { buildServer } from './server.ts';

/**
 * Walks the whole route table × every role. Handlers are replaced by a stub so only the access
 * rules run (with the real membership lookups and `productOf` resolvers). A route without a rule,
 * or a path parameter this test cannot fill, fails the test: add the rule or the fixture.
 */
let t: TestApp;
let guarded: Awaited<ReturnType<typeof buildServer>>;
const users = {} as Record<ProductRole | 'stranger' | 'admin', TestUser>;
let fill: ReturnType<typeof routeFixtures>['fill'];
let productId: string;
const PRODUCT_SCOPED = /^\/api\/v1\/(products\/:productId|items|sprints|poker|releases)(\/|$)/;

beforeAll(async () => {
  t = await createTestApp();
  users.owner = await t.user('Owner');
  for (const role of PRODUCT_ROLES) if (role !== 'owner') users[role] = await t.user(`Role ${role}`);
  users.stranger = await t.user('Stranger');
  users.admin = await t.user('Admin', { admin: true });
  productId = (await t.product(users.owner, 'Access product')).id;
  for (const role of PRODUCT_ROLES)
    if (role !== 'owner') await t.addMember(users.owner, productId, users[role], role);
  fill = routeFixtures(t, users, productId).fill;
  const stubbed = allRoutes.map((r) => ({
    ...r,
    raw: false,
    idempotent: false,
    handler: async () => ({ stub: true }),
  }));
  guarded = await buildServer({ services: t.services, logger: createLogger('silent'), routes: stubbed });
  await guarded.ready();
});

const call = (route: AnyRoute, url: string, as: TestUser | null) =>
  guarded.inject({
    method: route.method,
    url,
    payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
    headers: { origin: 'http://localhost', host: 'localhost', ...(as ? { cookie: as.cookie } : {}) },
  });

/** What is wrong with the access rules of a route table; empty when every route has a fitting one. */
function ruleProblems(routes: readonly AnyRoute[]): string[] {
  const problems: string[] = [];
  for (const r of routes) {
    const name = `${r.method} ${r.url}`;
    const kind = (r.access as AnyRoute['access'] | undefined)?.kind;
    if (!kind || !(ACCESS_KINDS as readonly string[]).includes(kind))
      problems.push(`${name}: no access rule`);
    else if (PRODUCT_SCOPED.test(r.url) && kind !== 'product') problems.push(`${name}: inside a product`);
    else if (r.access.kind === 'product' && r.access.roles.length === 0) problems.push(`${name}: no roles`);
  }
  return problems;
}

describe('route table × roles', () => {
  it('gives every route a known access rule, and product rules to everything inside a product', () => {
    expect(allRoutes.length).toBeGreaterThan(20);
    expect(ruleProblems(allRoutes)).toEqual([]);
  });

  it('catches a route without a rule, and the server refuses to start with one', async () => {
    const { access: _none, ...bare } = allRoutes.find((r) => r.url === '/api/v1/products/:productId')!;
    const unruled = bare as unknown as AnyRoute;
    expect(ruleProblems([...allRoutes, unruled])).toEqual([
      `${unruled.method} ${unruled.url}: no access rule`,
    ]);
    const inside = { ...unruled, access: { kind: 'user' } } as AnyRoute;
    expect(ruleProblems([inside])).toEqual([`${inside.method} ${inside.url}: inside a product`]);
    await expect(
      buildServer({ services: t.services, logger: createLogger('silent'), routes: [unruled] }),
    ).rejects.toThrow(/no access rule/);
  });

  it.each(allRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', async (_name, route) => {
    const url = await fill(route);
    const anon = await call(route, url, null);
    const a = route.access;
    if (a.kind === 'public') {
      expect(anon.statusCode).not.toBe(401);
      return;
    }
    expect(anon.statusCode, 'anonymous').toBe(401);
    if (a.kind === 'user') {
      expect([401, 403]).not.toContain((await call(route, url, users.viewer)).statusCode);
      return;
    }
    if (a.kind === 'admin') {
      expect((await call(route, url, users.owner)).statusCode, 'non-admin').toBe(403);
      expect([401, 403, 404]).not.toContain((await call(route, url, users.admin)).statusCode);
      return;
    }
    const stranger = await call(route, url, users.stranger);
    expect(stranger.statusCode, 'stranger').toBe(404);
    expect(stranger.body).not.toContain(productId);
    for (const role of PRODUCT_ROLES) {
      const res = await call(route, url, users[role]);
      if (a.roles.includes(role)) expect([401, 403, 404], `${role} is allowed`).not.toContain(res.statusCode);
      else expect(res.statusCode, `${role} is not allowed`).toBe(403);
    }
  });
});
