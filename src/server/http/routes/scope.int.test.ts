import { beforeAll, describe, expect, it } from 'vitest';
import type { DebtLedger, ItemDebt, ScopeResult } from '#contracts/insight-scope.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

const clock = new Date('2026-12-01T09:00:00Z');
let t: TestApp;
let owner: TestUser;
let team: TestUser;
let facilitator: TestUser;
let viewer: TestUser;
let stan: TestUser;
let stranger: TestUser;
let productId: string;
let releaseId: string;
const ids: Record<string, string> = {};

async function item(name: string, type = 'story') {
  const r = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type, title: name, problem: `Problem of ${name}` },
  });
  expect(r.statusCode).toBe(201);
  ids[name] = (r.json() as { id: string }).id;
  return ids[name]!;
}
/** Cost of delay `cod` as business value + time criticality on the 1, 2, 3, 5, 8, 13, 20 scale. */
const PARTS: Record<number, [number | null, number | null]> = {
  0: [null, null],
  1: [1, null],
  5: [5, null],
  6: [5, 1],
  10: [8, 2],
  14: [13, 1],
  20: [20, null],
};
const setItem = (id: string, size: number | null, cod: number, critical = false) =>
  t.pool.query(
    'update items set size = $2, business_value = $3, time_criticality = $4, release_critical = $5 where id = $1',
    [id, size, PARTS[cod]![0], PARTS[cod]![1], critical],
  );

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  owner = await t.user('Olivia Owner');
  team = await t.user('Tom Team');
  facilitator = await t.user('Fay Facilitator');
  viewer = await t.user('Vera Viewer');
  stan = await t.user('Stan Stakeholder');
  stranger = await t.user('Stranger');
  productId = (await t.product(owner, 'Scope product')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, facilitator, 'facilitator');
  await t.addMember(owner, productId, viewer, 'viewer');
  await t.addMember(owner, productId, stan, 'stakeholder');
  // The hand-checked knapsack: a 6/14, b 5/10, c 3/6, d 2/5; capacity 10 → b, c, d (21).
  await setItem(await item('a'), 6, 14);
  await setItem(await item('b'), 5, 10);
  await setItem(await item('c'), 3, 6);
  await setItem(await item('d'), 2, 5);
  await setItem(await item('crit'), 1, 1, true);
  await setItem(await item('blocker'), 1, 0);
  await setItem(await item('unsized'), null, 20);
  const link = await t.call(team, {
    method: 'POST',
    url: `/api/v1/items/${ids.blocker}/links`,
    payload: { kind: 'blocks', toItemId: ids.crit },
  });
  expect(link.statusCode).toBe(201);
  const rel = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/releases`,
    payload: { name: 'Spring', targetDate: '2027-01-26' },
  });
  expect(rel.statusCode).toBe(201);
  releaseId = (rel.json() as { id: string }).id;
});

const scope = (as: TestUser, payload: object, id = releaseId) =>
  t.call(as, { method: 'POST', url: `/api/v1/releases/${id}/scope`, payload });

describe('release scope', () => {
  it('chooses the best scope with release-critical items and their blockers forced in', async () => {
    const r = await scope(owner, { capacity: 12, objective: 'costOfDelay' });
    expect(r.statusCode).toBe(200);
    const body = r.json() as ScopeResult;
    // 12 points: crit + blocker (2) are forced; 10 left → b, c, d.
    expect(new Set(body.itemIds)).toEqual(new Set([ids.crit, ids.blocker, ids.b, ids.c, ids.d]));
    expect(body).toMatchObject({ totalValue: 22, totalSize: 12, capacity: 12, optimal: true, gap: 0 });
    expect(body.candidateSource).toBe('open');
    expect(body.notes.join(' ')).toMatch(/not estimated and left out/);
    expect(body.curve[0]).toMatchObject({ size: 0, value: 0 });
    expect(body.mark?.valueShare).toBeGreaterThanOrEqual(0.8);
    expect(body.items.find((i) => i.itemId === ids.blocker)?.reason).toMatch(/blocks release-critical/);
  });

  it('takes the given items, pulls in their blockers, and names bad ids', async () => {
    const r = await scope(team, { capacity: 5, objective: 'costOfDelay', itemIds: [ids.crit, ids.a] });
    expect(r.statusCode).toBe(200);
    const body = r.json() as ScopeResult;
    expect(body.items.find((i) => i.itemId === ids.blocker)?.pulledIn).toBe(true);
    expect(new Set(body.itemIds)).toEqual(new Set([ids.crit, ids.blocker]));
    const bad = await scope(owner, { objective: 'votes', itemIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.itemIds).toMatch(/Not items of this product/);
    const badBody = await scope(owner, { objective: 'nope', capacity: -1 });
    expect(badBody.statusCode).toBe(400);
    expect(Object.keys(badBody.json().error.fields)).toEqual(
      expect.arrayContaining(['objective', 'capacity']),
    );
  });

  it('reports an infeasible capacity and, without one, says why', async () => {
    const tight = (await scope(owner, { capacity: 1, objective: 'costOfDelay' })).json() as ScopeResult;
    expect(tight.feasible).toBe(false);
    expect(tight.notes.join(' ')).toMatch(/need 2 points, more than the capacity of 1/);
    const none = (await scope(owner, { objective: 'costOfDelay' })).json() as ScopeResult;
    expect(none.capacitySource).toBe('none');
    expect(none.notes[0]).toMatch(/Too little sprint history/);
  });

  it('is for readers only: stakeholders 403, strangers 404', async () => {
    for (const u of [facilitator, viewer]) expect((await scope(u, { capacity: 3 })).statusCode).toBe(200);
    expect((await scope(stan, { capacity: 3 })).statusCode).toBe(403);
    expect((await scope(stranger, { capacity: 3 })).statusCode).toBe(404);
  });

  it('applies the scope (PO only) through the item write path, with events, in one go', async () => {
    const chosen = [ids.b!, ids.c!];
    for (const u of [team, viewer, stan])
      expect(
        (
          await t.call(u, {
            method: 'POST',
            url: `/api/v1/releases/${releaseId}/scope/apply`,
            payload: { itemIds: chosen },
          })
        ).statusCode,
      ).toBe(403);
    const bad = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/releases/${releaseId}/scope/apply`,
      payload: { itemIds: [ids.b, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(bad.statusCode).toBe(400);
    const none = await t.pool.query('select count(*)::int as n from items where release_id = $1', [
      releaseId,
    ]);
    expect(none.rows[0].n).toBe(0); // all or nothing
    const r = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/releases/${releaseId}/scope/apply`,
      payload: { itemIds: chosen },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ releaseId, added: chosen, unchanged: [] });
    const inRelease = await t.pool.query('select id from items where release_id = $1', [releaseId]);
    expect(new Set(inRelease.rows.map((x) => x.id))).toEqual(new Set(chosen));
    const events = await t.pool.query(
      `select type, entity_id as "entityId" from events where product_id = $1 and type in ('item.updated', 'release.scope_applied') and (entity_id = any($2::text[]) or entity_id = $3)`,
      [productId, chosen, releaseId],
    );
    expect(events.rows.filter((e) => e.type === 'item.updated')).toHaveLength(2);
    expect(events.rows.filter((e) => e.type === 'release.scope_applied')).toHaveLength(1);
    const again = (await scope(owner, { capacity: 12 })).json() as ScopeResult;
    expect(again.items.find((i) => i.itemId === ids.b)?.inRelease).toBe(true);
  });
});

describe('debt ledger', () => {
  it('sets the cost through the item path (If-Match, contributors) and orders by payback', async () => {
    const copy = await item('Copy-paste code', 'debt');
    const slow = await item('Slow build', 'debt');
    await item('Unknown debt', 'debt');
    // Ten weeks before the app's clock (not the database's now(): the test ran red after 09:00 UTC).
    await t.pool.query(`update items set created_at = $2::timestamptz - interval '10 weeks' where id = $1`, [
      copy,
      clock,
    ]);
    const get = await t.call(team, { method: 'GET', url: `/api/v1/items/${copy}/debt` });
    expect(get.statusCode).toBe(200);
    const v = (get.json() as ItemDebt).version;
    const put = (as: TestUser, id: string, version: number, debt: unknown) =>
      t.call(as, {
        method: 'PUT',
        url: `/api/v1/items/${id}/debt`,
        headers: { 'if-match': String(version) },
        payload: { debt },
      });
    const set = await put(team, copy, v, { fixHours: { min: 12, max: 16 }, weeklyHours: 4 });
    expect(set.statusCode).toBe(200);
    expect((set.json() as ItemDebt).debt).toEqual({ fixHours: { min: 12, max: 16 }, weeklyHours: 4 });
    expect((await put(team, copy, v, null)).statusCode).toBe(412);
    expect((await put(viewer, copy, v + 1, null)).statusCode).toBe(403);
    expect((await put(stan, copy, v + 1, null)).statusCode).toBe(403);
    expect((await put(stranger, copy, v + 1, null)).statusCode).toBe(404);
    const bad = await put(team, copy, v + 1, { fixHours: { min: 20, max: 16 }, weeklyHours: -1 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(
      expect.arrayContaining(['debt.fixHours.min', 'debt.weeklyHours']),
    );
    const story = await t.call(team, { method: 'GET', url: `/api/v1/items/${ids.a}/debt` });
    const notDebt = await put(team, ids.a!, (story.json() as ItemDebt).version, {
      fixHours: { min: 1, max: 2 },
      weeklyHours: 1,
    });
    expect(notDebt.statusCode).toBe(400);
    expect(notDebt.json().error.fields.debt).toMatch(/Only debt items/);
    const sv = (await t.call(owner, { method: 'GET', url: `/api/v1/items/${slow}/debt` })).json() as ItemDebt;
    expect(
      (await put(facilitator, slow, sv.version, { fixHours: { min: 40, max: 60 }, weeklyHours: 2 }))
        .statusCode,
    ).toBe(200);
    const ev = await t.pool.query(`select after from events where entity_id = $1 and type = 'item.updated'`, [
      copy,
    ]);
    expect(ev.rows.at(-1).after.debt).toEqual({ fixHours: { min: 12, max: 16 }, weeklyHours: 4 });

    const ledger = await t.call(viewer, { method: 'GET', url: `/api/v1/products/${productId}/debt` });
    expect(ledger.statusCode).toBe(200);
    const body = ledger.json() as DebtLedger;
    expect(body.items.map((i) => i.title)).toEqual(['Copy-paste code', 'Slow build', 'Unknown debt']);
    expect(body.items[0]).toMatchObject({
      breakEvenWeeks: { min: 3, max: 4 },
      ageWeeks: 10,
      lostSoFarHours: 40,
    });
    expect(body.weeklyDragHours).toBe(6);
    expect(
      (await t.call(stan, { method: 'GET', url: `/api/v1/products/${productId}/debt` })).statusCode,
    ).toBe(403);
    expect(
      (await t.call(stranger, { method: 'GET', url: `/api/v1/products/${productId}/debt` })).statusCode,
    ).toBe(404);
  });
});
