import { beforeAll, describe, expect, it } from 'vitest';
import type { AllocationReport, ItemSegmentWeights } from '#contracts/insight-allocation.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/** Issue 11: "an item serving several segments splits its points evenly unless the PO gives weights". */
let t: TestApp;
let owner: TestUser;
let team: TestUser;
let stranger: TestUser;
let productId: string;
let vip: string;
let sec: string;
let guests: string;
let itemId: string;

const segment = async (name: string, target: number | null) =>
  (
    await t.pool.query<{ id: string }>(
      'insert into segments (product_id, name, target_share) values ($1, $2, $3) returning id',
      [productId, name, target],
    )
  ).rows[0]!.id;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olivia Owner');
  team = await t.user('Tom Team');
  stranger = await t.user('Stranger');
  productId = (await t.product(owner, 'Weights product')).id;
  await t.addMember(owner, productId, team, 'team');
  vip = await segment('VIP members', 70);
  sec = await segment('Secretariat', 30);
  guests = await segment('Guests', null);
  const r = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title: 'Badges', problem: 'Guests are not recognised', segmentIds: [vip, sec] },
  });
  expect(r.statusCode).toBe(201);
  itemId = r.json().id;
  await t.pool.query(`update items set size = 8, status = 'accepted' where id = $1`, [itemId]);
  const s = await t.pool.query<{ id: string }>(
    `insert into sprints (product_id, name, start_date, end_date, state, started_at, closed_at)
     values ($1, 'Sprint 1', '2026-01-05', '2026-01-16', 'closed', now(), now()) returning id`,
    [productId],
  );
  await t.pool.query(
    `insert into sprint_items (sprint_id, item_id, product_id, open, outcome, done_at, review)
     values ($1, $2, $3, false, 'completed', now(), 'accepted')`,
    [s.rows[0]!.id, itemId, productId],
  );
});

const url = () => `/api/v1/items/${itemId}/segment-weights`;
const read = async (as: TestUser) =>
  (await t.call(as, { method: 'GET', url: url() })).json() as ItemSegmentWeights;
const put = (as: TestUser, version: number | null, weights: unknown) =>
  t.call(as, {
    method: 'PUT',
    url: url(),
    payload: { weights },
    ...(version === null ? {} : { headers: { 'if-match': String(version) } }),
  });
const points = async () => {
  const a = (
    await t.call(team, { method: 'GET', url: `/api/v1/products/${productId}/allocation` })
  ).json() as AllocationReport;
  return Object.fromEntries(a.sprints[0]!.bySegment.map((s) => [s.name, s.points]));
};

describe('segment weights', () => {
  it('splits evenly until the PO weighs, and the allocation follows the weights', async () => {
    const before = await read(team);
    expect(before).toMatchObject({ itemId, weights: null });
    expect(before.segmentIds.sort()).toEqual([vip, sec].sort());
    expect(await points()).toMatchObject({ 'VIP members': 4, Secretariat: 4 });

    expect(
      (
        await put(team, before.version, [
          { segmentId: vip, weight: 3 },
          { segmentId: sec, weight: 1 },
        ])
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await put(owner, null, [
          { segmentId: vip, weight: 3 },
          { segmentId: sec, weight: 1 },
        ])
      ).statusCode,
    ).toBe(428);
    const ok = await put(owner, before.version, [
      { segmentId: vip, weight: 3 },
      { segmentId: sec, weight: 1 },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: before.version + 1, weights: { [vip]: 75, [sec]: 25 } });
    const stale = await put(owner, before.version, null);
    expect(stale.statusCode).toBe(412);
    // The change is in the item's history, and the allocation (cached until a change) moved.
    const ev = await t.pool.query(
      `select before, after from events where entity_id = $1 and type = 'item.updated' and after ? 'segmentWeights'`,
      [itemId],
    );
    expect(ev.rows).toEqual([
      { before: { segmentWeights: null }, after: { segmentWeights: { [vip]: 75, [sec]: 25 } } },
    ]);
    expect(await points()).toMatchObject({ 'VIP members': 6, Secretariat: 2 });
  });

  it('names the bad field: a weight for a segment the item does not serve, a weight of 0', async () => {
    const v = (await read(owner)).version;
    const other = await put(owner, v, [
      { segmentId: vip, weight: 1 },
      { segmentId: guests, weight: 1 },
    ]);
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields.segmentWeights).toMatch(/each segment/);
    const zero = await put(owner, v, [
      { segmentId: vip, weight: 0 },
      { segmentId: sec, weight: 1 },
    ]);
    expect(zero.statusCode).toBe(400);
    expect(Object.keys(zero.json().error.fields)).toEqual(['weights.0.weight']);
  });

  it('falls back to the even split when a segment is added, and keeps strangers out', async () => {
    const item = (await t.call(owner, { method: 'GET', url: `/api/v1/items/${itemId}` })).json();
    const patch = await t.call(team, {
      method: 'PATCH',
      url: `/api/v1/items/${itemId}`,
      payload: { segmentIds: [vip, sec, guests] },
      headers: { 'if-match': String(item.version) },
    });
    expect(patch.statusCode).toBe(200);
    expect((await read(owner)).weights).toBeNull();
    const p = await points();
    expect(p['VIP members']).toBeCloseTo(8 / 3, 2);
    expect((await t.call(stranger, { method: 'GET', url: url() })).statusCode).toBe(404);
    expect((await put(stranger, 1, null)).statusCode).toBe(404);
  });
});
