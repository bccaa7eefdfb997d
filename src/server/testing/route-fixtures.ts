import type { AnyRoute } from '#http/route.ts';
import type { TestApp, TestUser } from './harness.ts';

/** Who the route-table tests act as: the product's owner and facilitator. */
export interface FixtureUsers {
  owner: TestUser;
  facilitator: TestUser;
  team: TestUser;
}

/**
 * Real entities inside one product, made through the real API on first use, so a test that walks
 * the whole route table (access.int.test.ts, fuzz.int.test.ts) can fill every path parameter. A
 * route with a parameter that has no maker fails: add the maker here.
 */
export function routeFixtures(t: TestApp, users: FixtureUsers, productId: string) {
  const fixtures: Record<string, string> = { productId };
  const makers: Record<string, () => Promise<string>> = {
    productId: async () => productId,
    userId: async () => users.team.id,
    segmentId: async () => {
      const r = await t.call(users.owner, {
        method: 'POST',
        url: `/api/v1/products/${productId}/segments`,
        payload: { name: 'Access segment' },
      });
      return r.json().id;
    },
    itemId: async () => {
      const r = await t.call(users.owner, {
        method: 'POST',
        url: `/api/v1/products/${productId}/items`,
        payload: { type: 'story', title: 'Access check', problem: 'Someone needs access checked' },
      });
      if (r.statusCode !== 201) throw new Error(`cannot make an item fixture: ${r.body}`);
      return r.json().id;
    },
    sprintId: async () => {
      const r = await t.call(users.facilitator, {
        method: 'POST',
        url: `/api/v1/products/${productId}/sprints`,
        payload: {
          name: 'Access sprint',
          goal: 'Check access',
          startDate: '2026-11-23',
          endDate: '2026-12-04',
        },
      });
      if (r.statusCode !== 201) throw new Error(`cannot make a sprint fixture: ${r.body}`);
      return r.json().id;
    },
    sessionId: async () => {
      fixtures.itemId ??= await makers.itemId!();
      const r = await t.call(users.facilitator, {
        method: 'POST',
        url: `/api/v1/products/${productId}/poker`,
        payload: { itemIds: [fixtures.itemId] },
      });
      if (r.statusCode !== 201) throw new Error(`cannot make a poker session fixture: ${r.body}`);
      return r.json().id;
    },
    linkId: async () => {
      fixtures.itemId ??= await makers.itemId!();
      const other = await makers.itemId!();
      const r = await t.call(users.owner, {
        method: 'POST',
        url: `/api/v1/items/${fixtures.itemId}/links`,
        payload: { kind: 'relates', toItemId: other },
      });
      if (r.statusCode !== 201) throw new Error(`cannot make a link fixture: ${r.body}`);
      return r.json().id;
    },
    viewId: async () => {
      const r = await t.call(users.owner, {
        method: 'POST',
        url: `/api/v1/products/${productId}/views`,
        payload: { name: 'Access view', query: '?status=ready' },
      });
      if (r.statusCode !== 201) throw new Error(`cannot make a saved view fixture: ${r.body}`);
      return r.json().id;
    },
    requestId: async () => {
      const r = await t.call(users.owner, {
        method: 'POST',
        url: `/api/v1/products/${productId}/requests`,
        payload: { title: 'Access request', problem: 'Someone needs access checked' },
      });
      if (r.statusCode !== 201) throw new Error(`cannot make a request fixture: ${r.body}`);
      return r.json().id;
    },
    reviewId: async () => {
      // A review lists accepted items: one is put in a sprint as accepted directly.
      fixtures.sprintId ??= await makers.sprintId!();
      const item = await makers.itemId!();
      await t.pool.query(
        `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
        [fixtures.sprintId, item, productId],
      );
      const r = await t.call(users.owner, {
        method: 'POST',
        url: `/api/v1/sprints/${fixtures.sprintId}/review`,
        payload: {},
      });
      if (r.statusCode !== 201) throw new Error(`cannot make a review fixture: ${r.body}`);
      return r.json().id;
    },
    releaseId: async () => {
      const r = await t.call(users.owner, {
        method: 'POST',
        url: `/api/v1/products/${productId}/releases`,
        payload: { name: `Access release ${Math.random().toString(36).slice(2, 8)}` },
      });
      if (r.statusCode !== 201) throw new Error(`cannot make a release fixture: ${r.body}`);
      return r.json().id;
    },
    tokenId: async () => '00000000-0000-4000-8000-000000000000',
    token: async () => 'inv_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    // Access runs before the handler (stubbed in the access test), so ids that exist nowhere are enough.
    noticeId: async () => '00000000-0000-4000-8000-000000000001',
    jobId: async () => '1',
    deliveryId: async () => '00000000-0000-4000-8000-000000000002',
  };

  /** The value for one path parameter, made on first use. */
  async function param(route: AnyRoute, key: string): Promise<string> {
    if (!(key in fixtures)) {
      const make = makers[key];
      if (!make)
        throw new Error(`${route.method} ${route.url}: no fixture for :${key}; add one to route-fixtures.ts`);
      fixtures[key] = await make();
    }
    return fixtures[key]!;
  }

  /** The route's URL with every parameter filled with a real entity. */
  async function fill(route: AnyRoute): Promise<string> {
    let url = route.url;
    for (const [, name] of route.url.matchAll(/:(\w+)/g))
      url = url.replace(`:${name}`, await param(route, name!));
    return url;
  }

  return { fixtures, param, fill };
}
