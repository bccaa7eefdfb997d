import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/** The cached backlog list never hides a change: one's own at once, anyone's within moments. */
let t: TestApp;
let po: TestUser;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  po = await t.user('Cache PO');
  productId = (await t.product(po, 'Cache product', 'CACHE')).id;
});

const titles = async () =>
  (
    (await t.call(po, { method: 'GET', url: `/api/v1/products/${productId}/items` })).json().items as Array<{
      title: string;
    }>
  ).map((i) => i.title);

describe('cached backlog pages', () => {
  it('show your own create, edit and move on the very next read', async () => {
    expect(await titles()).toEqual([]);
    const a = (
      await t.call(po, {
        method: 'POST',
        url: `/api/v1/products/${productId}/items`,
        payload: { type: 'defect', title: 'A' },
      })
    ).json();
    expect(await titles()).toEqual(['A']);
    const b = (
      await t.call(po, {
        method: 'POST',
        url: `/api/v1/products/${productId}/items`,
        payload: { type: 'defect', title: 'B' },
      })
    ).json();
    expect(await titles()).toEqual(['A', 'B']);
    await t.call(po, { method: 'POST', url: `/api/v1/items/${b.id}/move`, payload: { before: a.id } });
    expect(await titles()).toEqual(['B', 'A']);
    await t.call(po, {
      method: 'PATCH',
      url: `/api/v1/items/${a.id}`,
      payload: { title: 'A2' },
      headers: { 'if-match': String(a.version) },
    });
    expect(await titles()).toEqual(['B', 'A2']);
  });

  it('show a change made elsewhere (another instance, a script) once its NOTIFY arrives', async () => {
    await titles(); // warm the cache
    const [first] = (await t.call(po, { method: 'GET', url: `/api/v1/products/${productId}/items` })).json()
      .items;
    // Written behind the HTTP layer's back, as another instance would: only the NOTIFY tells us.
    await t.store.transaction(async (r) => {
      await r.items.update(first.id, first.version, { title: 'Renamed elsewhere' });
      await r.events.appendMany([
        {
          productId,
          actorId: po.id,
          entityType: 'item',
          entityId: first.id,
          type: 'item.updated',
          before: { title: first.title },
          after: { title: 'Renamed elsewhere' },
        },
      ]);
    });
    let seen: string[] = [];
    for (let i = 0; i < 50 && !seen.includes('Renamed elsewhere'); i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await titles();
    }
    expect(seen).toContain('Renamed elsewhere');
  });
});
