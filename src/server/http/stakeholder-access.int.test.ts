import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '#capabilities/index.ts';
import { PRODUCT_ROLES, type ProductRole } from '#domain/roles.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import { routeFixtures } from '#testing/route-fixtures.ts';
import type { AnyRoute } from './route.ts';
import { buildServer } from './server.ts';

/**
 * The stakeholder role is the customer's (issue 10): it reads the portal, published items, its
 * reviews, votes and requests, and none of the internal work. This walks the route table as a
 * stakeholder, and names the internal routes that must stay closed, so giving stakeholders an
 * internal read back (say `allow.members` on the backlog) fails here by name.
 */
const INTERNAL: readonly string[] = [
  'GET /api/v1/products/:productId/items',
  'GET /api/v1/items/:itemId',
  'POST /api/v1/products/:productId/items',
  'PATCH /api/v1/items/:itemId',
  'GET /api/v1/items/:itemId/history',
  'GET /api/v1/items/:itemId/comments',
  'POST /api/v1/items/:itemId/comments',
  'GET /api/v1/items/:itemId/links',
  'GET /api/v1/items/:itemId/invest',
  'GET /api/v1/items/:itemId/feature',
  'GET /api/v1/products/:productId/items/export',
  'GET /api/v1/products/:productId/wsjf-order',
  'GET /api/v1/products/:productId/backlog-settings',
  'GET /api/v1/products/:productId/views',
  'GET /api/v1/products/:productId/sprints',
  'GET /api/v1/sprints/:sprintId',
  'GET /api/v1/sprints/:sprintId/report',
  'GET /api/v1/products/:productId/definition-of-done',
  'GET /api/v1/products/:productId/poker',
  'GET /api/v1/poker/:sessionId',
  'GET /api/v1/poker/:sessionId/stream',
  'GET /api/v1/products/:productId/events',
  'GET /api/v1/products/:productId/events/stream',
  'GET /api/v1/products/:productId/members',
  // Insight (issue 11): the allocation and the budget are the team's and the PO's.
  'GET /api/v1/products/:productId/allocation',
  'GET /api/v1/products/:productId/allocation-targets',
  'GET /api/v1/products/:productId/budget',
  // Working agreements (issue 13): members comment and acknowledge; stakeholders only read shared ones.
  'POST /api/v1/agreements/:agreementId/versions/:version/comments',
  'POST /api/v1/agreements/:agreementId/acknowledge',
  'POST /api/v1/agreements/:agreementId/versions',
];
/**
 * What a stakeholder keeps: the product's name and key, its segments' names, their own account;
 * and the allocation's shares (no item named) once the PO shares them — the handler refuses a
 * stakeholder while they are not shared (insight-allocation.int.test.ts holds that).
 */
const KEPT: readonly string[] = [
  'GET /api/v1/products/:productId',
  'GET /api/v1/products/:productId/segments',
  'GET /api/v1/me',
  'GET /api/v1/products/:productId/insight-sharing',
  'GET /api/v1/products/:productId/shared-allocation',
  // The agreements the PO shared (the use case hides the rest as 404: agreements.int.test.ts).
  'GET /api/v1/products/:productId/agreements',
  'GET /api/v1/agreements/:agreementId',
];

const name = (r: AnyRoute) => `${r.method} ${r.url}`;
const excludesStakeholder = (r: AnyRoute) =>
  r.access.kind === 'product' ? !r.access.roles.includes('stakeholder') : r.access.kind === 'admin';

let t: TestApp;
let guarded: Awaited<ReturnType<typeof buildServer>>;
const users = {} as Record<ProductRole, TestUser>;
let fill: ReturnType<typeof routeFixtures>['fill'];
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  users.owner = await t.user('Olive Owner');
  for (const role of PRODUCT_ROLES) if (role !== 'owner') users[role] = await t.user(`Role ${role}`);
  productId = (await t.product(users.owner, 'VIP Meetings', 'VIP')).id;
  for (const role of PRODUCT_ROLES)
    if (role !== 'owner') await t.addMember(users.owner, productId, users[role], role);
  fill = routeFixtures(t, users, productId).fill;
  // Only the access rules run: handlers are stubbed, as in access.int.test.ts.
  const stubbed = allRoutes.map((r) => ({ ...r, raw: false, idempotent: false, handler: async () => ({}) }));
  guarded = await buildServer({ services: t.services, logger: createLogger('silent'), routes: stubbed });
  await guarded.ready();
});

const callAs = async (route: AnyRoute, as: TestUser) =>
  guarded.inject({
    method: route.method,
    url: await fill(route),
    payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
    headers: { origin: 'http://localhost', host: 'localhost', cookie: as.cookie },
  });

describe('the stakeholder role is the customer’s', () => {
  it('has every internal route closed to it by its access rule', () => {
    const closed = allRoutes.filter(excludesStakeholder).map(name);
    const known = new Set(allRoutes.map(name));
    for (const route of INTERNAL) expect(known.has(route), `${route} exists`).toBe(true);
    expect(closed).toEqual(expect.arrayContaining([...INTERNAL]));
    for (const route of KEPT) expect(closed, route).not.toContain(route);
  });

  it.each(allRoutes.filter(excludesStakeholder).map((r) => [name(r), r] as const))(
    'refuses a stakeholder: %s',
    async (_name, route) => {
      expect((await callAs(route, users.stakeholder)).statusCode).toBe(403);
    },
  );

  it('lets viewers read the internal routes, and stakeholders what they keep', async () => {
    for (const key of INTERNAL.filter((r) => r.startsWith('GET'))) {
      const route = allRoutes.find((r) => name(r) === key)!;
      expect([401, 403, 404], `viewer on ${key}`).not.toContain(
        (await callAs(route, users.viewer)).statusCode,
      );
    }
    for (const key of KEPT) {
      const route = allRoutes.find((r) => name(r) === key)!;
      expect([401, 403, 404], `stakeholder on ${key}`).not.toContain(
        (await callAs(route, users.stakeholder)).statusCode,
      );
    }
  });

  it('shows a stakeholder the product by name and key through the real API', async () => {
    const res = await t.call(users.stakeholder, { method: 'GET', url: `/api/v1/products/${productId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'VIP Meetings', key: 'VIP', role: 'stakeholder' });
    const items = await t.call(users.stakeholder, {
      method: 'GET',
      url: `/api/v1/products/${productId}/items`,
    });
    expect(items.statusCode).toBe(403);
  });
});
