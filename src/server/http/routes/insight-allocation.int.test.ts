import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AllocationReport, BudgetReport } from '#contracts/insight-allocation.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let team: TestUser;
let facilitator: TestUser;
let stakeholder: TestUser;
let stranger: TestUser;
let productId: string;
let vip: string;
let sec: string;
const sprintIds: string[] = [];
const items: Record<string, string> = {};

async function segment(name: string, targetShare: number) {
  const r = await t.pool.query<{ id: string }>(
    'insert into segments (product_id, name, target_share) values ($1, $2, $3) returning id',
    [productId, name, targetShare],
  );
  return r.rows[0]!.id;
}
async function item(title: string, o: { category: string; size: number; segs: string[]; bv?: number }) {
  const r = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title, problem: `Problem of ${title}` },
  });
  expect(r.statusCode).toBe(201);
  const id = (r.json() as { id: string }).id;
  await t.pool.query('update items set category = $2, size = $3, business_value = $4 where id = $1', [
    id,
    o.category,
    o.size,
    o.bv ?? null,
  ]);
  for (const s of o.segs) await t.pool.query('insert into item_segments values ($1, $2)', [id, s]);
  items[title] = id;
  return id;
}
async function closedSprint(n: number, done: string[]) {
  const r = await t.pool.query<{ id: string }>(
    `insert into sprints (product_id, name, start_date, end_date, state, started_at, closed_at)
     values ($1, $2, $3::date, $3::date + 13, 'closed', now(), now()) returning id`,
    [productId, `Sprint ${n}`, `2026-0${n}-01`],
  );
  const id = r.rows[0]!.id;
  for (const itemId of done)
    await t.pool.query(
      `insert into sprint_items (sprint_id, item_id, product_id, open, outcome, done_at, review)
       values ($1, $2, $3, false, 'completed', now(), 'accepted')`,
      [id, itemId, productId],
    );
  sprintIds.push(id);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olivia Owner');
  team = await t.user('Tom Team');
  facilitator = await t.user('Fay Facilitator');
  stakeholder = await t.user('Stan Stakeholder');
  stranger = await t.user('Stranger');
  productId = (await t.product(owner, 'Allocation product')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, facilitator, 'facilitator');
  await t.addMember(owner, productId, stakeholder, 'stakeholder');
  vip = await segment('VIP members', 70);
  sec = await segment('Secretariat', 30);
  const a = await item('Agenda', { category: 'feature', size: 6, segs: [sec], bv: 8 });
  const b = await item('Badges', { category: 'feature', size: 4, segs: [vip, sec], bv: 5 });
  const c = await item('Cleanup', { category: 'debt', size: 2, segs: [] });
  await closedSprint(1, [a, b, c]);
  const d = await item('Directory', { category: 'defect', size: 8, segs: [vip], bv: 13 });
  await closedSprint(2, [d]);
  await item('Next', { category: 'feature', size: 5, segs: [vip] });
});

const get = (as: TestUser, q = '') =>
  t.call(as, { method: 'GET', url: `/api/v1/products/${productId}/allocation${q}` });

describe('allocation', () => {
  it('splits completed points per segment and category, per sprint and overall', async () => {
    const r = await get(team);
    expect(r.statusCode).toBe(200);
    const a = r.json() as AllocationReport;
    expect(a.sprints.map((s) => s.name)).toEqual(['Sprint 1', 'Sprint 2']);
    const s1 = a.sprints[0]!;
    expect(s1.points).toBe(12);
    const seg = (id: string | null) => s1.bySegment.find((s) => s.segmentId === id);
    expect(seg(sec)).toMatchObject({ points: 8, share: 66.7, target: 30, offTarget: true });
    expect(seg(vip)).toMatchObject({ points: 2, share: 16.7, target: 70, offTarget: true });
    // By default a share carries its count; the ids and names are one request away.
    expect(seg(null)).toMatchObject({ name: 'Unassigned', points: 2, itemCount: 1, itemIds: [] });
    expect(a.items).toEqual([]);
    expect(a.overall.points).toBe(20);
    expect(a.overall.bySegment.find((s) => s.segmentId === vip)?.share).toBe(50);
    // The open backlog: only "Next", all VIP.
    expect(a.planned.bySegment.find((s) => s.segmentId === vip)).toMatchObject({ points: 5, share: 100 });
    const withIds = (await get(team, '?evidence=ids')).json() as AllocationReport;
    expect(withIds.sprints[0]?.bySegment.find((s) => s.segmentId === null)?.itemIds).toEqual([items.Cleanup]);
    expect(withIds.items.map((i) => i.id)).toContain(items.Next);
    const one = (await get(team, '?sprints=1')).json() as AllocationReport;
    expect(one.sprints.map((s) => s.name)).toEqual(['Sprint 2']);
    expect((await get(team, '?sprints=0')).statusCode).toBe(400);
  });

  it('lists the items behind one share on demand, ordered by key', async () => {
    const a = (await get(team)).json() as AllocationReport;
    const s1 = a.sprints[0]!.sprintId;
    const ev = (q: string) =>
      t.call(facilitator, { method: 'GET', url: `/api/v1/products/${productId}/allocation/evidence?${q}` });
    const sec1 = await ev(`column=${s1}&segment=${sec}`);
    expect(sec1.statusCode).toBe(200);
    expect(sec1.json()).toEqual({
      label: 'Sprint 1 · Secretariat',
      points: 8,
      items: [
        { id: items.Agenda, key: expect.any(String), title: 'Agenda' },
        { id: items.Badges, key: expect.any(String), title: 'Badges' },
      ],
    });
    expect((await ev('column=overall&category=debt')).json()).toMatchObject({
      label: 'Overall · Debt',
      items: [{ title: 'Cleanup' }],
    });
    expect(
      (await ev(`column=backlog&segment=${vip}`)).json().items.map((i: { title: string }) => i.title),
    ).toEqual(['Next']);
    expect((await ev(`column=${s1}&planned=true&segment=none`)).json()).toMatchObject({
      label: 'Sprint 1 (committed) · Unassigned',
    });
    // A sprint outside the range, an unknown segment: 404; neither segment nor category: 400.
    expect((await ev(`column=${s1}&sprints=1&segment=${sec}`)).statusCode).toBe(404);
    expect((await ev(`column=overall&segment=${randomUUID()}`)).statusCode).toBe(404);
    const both = await ev('column=overall');
    expect(both.statusCode).toBe(400);
    expect(Object.keys(both.json().error.fields)).toEqual(['query.segment']);
    const stranger_ = await t.call(stranger, {
      method: 'GET',
      url: `/api/v1/products/${productId}/allocation/evidence?column=overall&category=debt`,
    });
    expect(stranger_.statusCode).toBe(404);
  });

  it('lets the PO set category ranges with If-Match, and judges the sprints against them', async () => {
    const url = `/api/v1/products/${productId}/allocation-targets`;
    const body = { categories: { debt: { min: 15, max: 20 } } };
    expect((await t.call(owner, { method: 'GET', url })).json()).toMatchObject({
      version: 0,
      categories: {},
    });
    expect((await t.call(owner, { method: 'PUT', url, payload: body })).statusCode).toBe(428);
    expect(
      (await t.call(team, { method: 'PUT', url, payload: body, headers: { 'if-match': '0' } })).statusCode,
    ).toBe(403);
    const bad = await t.call(owner, {
      method: 'PUT',
      url,
      payload: { categories: { debt: { min: 30, max: 20 } } },
      headers: { 'if-match': '0' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['categories.debt']).toMatch(/min/);
    const ok = await t.call(owner, { method: 'PUT', url, payload: body, headers: { 'if-match': '0' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 1, categories: body.categories });
    const stale = await t.call(owner, { method: 'PUT', url, payload: body, headers: { 'if-match': '0' } });
    expect(stale.statusCode).toBe(412);
    const a = (await get(owner)).json() as AllocationReport;
    expect(a.sprints[0]?.byCategory.find((c) => c.category === 'debt')).toMatchObject({
      share: 16.7,
      min: 15,
      max: 20,
      offTarget: false,
    });
    expect(a.sprints[1]?.byCategory.find((c) => c.category === 'debt')?.offTarget).toBe(true);
    const ev = await t.pool.query(
      "select count(*)::int as n from events where type = 'allocation.targets_updated'",
    );
    expect(ev.rows[0].n).toBe(1);
  });

  it('shows the PO justification beside the sprint', async () => {
    const url = `/api/v1/sprints/${sprintIds[0]}/justification`;
    const payload = { text: 'The meeting season needed the Secretariat tools first.' };
    expect((await t.call(team, { method: 'PUT', url, payload })).statusCode).toBe(403);
    expect((await t.call(stranger, { method: 'PUT', url, payload })).statusCode).toBe(404);
    expect(
      (await t.call(owner, { method: 'PUT', url, payload: { text: 'x'.repeat(2001) } })).statusCode,
    ).toBe(400);
    const r = await t.call(owner, { method: 'PUT', url, payload });
    expect(r.statusCode).toBe(200);
    const a = (await get(facilitator)).json() as AllocationReport;
    expect(a.sprints[0]).toMatchObject({ justification: payload.text, justifiedBy: 'Olivia Owner' });
    const ev = await t.pool.query("select before, after from events where type = 'sprint.justified'");
    expect(ev.rows[0]).toMatchObject({ before: { text: null }, after: payload });
  });

  it('keeps stakeholders (403) and strangers (404) out', async () => {
    expect((await get(stakeholder)).statusCode).toBe(403);
    expect((await get(stranger)).statusCode).toBe(404);
    const budget = `/api/v1/products/${productId}/budget`;
    expect((await t.call(stakeholder, { method: 'GET', url: budget })).statusCode).toBe(403);
    expect((await t.call(stranger, { method: 'GET', url: budget })).statusCode).toBe(404);
  });
});

describe('sharing the allocation with stakeholders', () => {
  const shared = (as: TestUser) =>
    t.call(as, { method: 'GET', url: `/api/v1/products/${productId}/shared-allocation` });
  const put = (as: TestUser, version: string, allocation: boolean) =>
    t.call(as, {
      method: 'PUT',
      url: `/api/v1/products/${productId}/insight-sharing`,
      payload: { allocation },
      headers: { 'if-match': version },
    });

  it('is off until the PO shares it; stakeholders then read shares and targets, never an item', async () => {
    const off = await t.call(stakeholder, {
      method: 'GET',
      url: `/api/v1/products/${productId}/insight-sharing`,
    });
    expect(off.json()).toMatchObject({ allocation: false, version: 0 });
    expect((await shared(stakeholder)).statusCode).toBe(403);
    // The PO previews what customers would see.
    expect((await shared(owner)).statusCode).toBe(200);
    expect((await put(team, '0', true)).statusCode).toBe(403);
    expect((await put(stakeholder, '0', true)).statusCode).toBe(403);
    const on = await put(owner, '0', true);
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ allocation: true, version: 1 });
    expect((await put(owner, '0', false)).statusCode).toBe(412);

    const r = await shared(stakeholder);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.sprints.map((s: { name: string }) => s.name)).toEqual(['Sprint 1', 'Sprint 2']);
    expect(body.sprints[0].bySegment.find((s: { segmentId: string }) => s.segmentId === sec)).toMatchObject({
      points: 8,
      share: 66.7,
      target: 30,
      offTarget: true,
      itemCount: 2,
    });
    // Nothing names or points at an item, and the open backlog (unpromised work) is not there.
    for (const id of Object.values(items)) expect(r.body).not.toContain(id);
    for (const title of Object.keys(items)) expect(r.body).not.toContain(title);
    expect(body).not.toHaveProperty('planned');
    expect(body).not.toHaveProperty('items');
    // Still closed: the internal view, and strangers.
    expect((await get(stakeholder)).statusCode).toBe(403);
    expect((await shared(stranger)).statusCode).toBe(404);

    expect((await put(owner, '1', false)).statusCode).toBe(200);
    expect((await shared(stakeholder)).statusCode).toBe(403);
    const ev = await t.pool.query(
      `select after from events where product_id = $1 and type = 'insight.sharing_updated' order by at`,
      [productId],
    );
    expect(ev.rows.map((e) => e.after)).toEqual([{ allocation: true }, { allocation: false }]);
  });
});

describe('budget', () => {
  const url = () => `/api/v1/products/${productId}/budget`;
  it('has no budget until the PO sets one', async () => {
    const r = await t.call(team, { method: 'GET', url: url() });
    expect(r.json()).toMatchObject({ budget: null, version: 0, warning: null });
  });

  it('burns the cost per sprint against value per segment and warns in plain words', async () => {
    const payload = { total: 50, unit: 'money', costPerSprint: 20 };
    expect(
      (await t.call(team, { method: 'PUT', url: url(), payload, headers: { 'if-match': '0' } })).statusCode,
    ).toBe(403);
    const r = await t.call(owner, { method: 'PUT', url: url(), payload, headers: { 'if-match': '0' } });
    expect(r.statusCode).toBe(200);
    const b = r.json() as BudgetReport;
    expect(b.version).toBe(1);
    expect(b.burn.map((x) => x.cumulative)).toEqual([20, 40]);
    expect(b.spentShare).toBe(80);
    // Value: Agenda 8 → sec; Badges 5 → 2.5 + 2.5; Directory 13 → vip. Total 26; VIP 15.5 = 59.6 %.
    expect(b.value.total).toBe(26);
    expect(b.value.bySegment.find((s) => s.segmentId === vip)).toMatchObject({ value: 15.5, share: 59.6 });
    // 59.6 % is more than the tolerance (10 points) below 70 %.
    expect(b.warning).toBe(
      '80 % of the budget spent; 60 % of the delivered value went to VIP members (target 70 %)',
    );
    const stale = await t.call(owner, { method: 'PUT', url: url(), payload, headers: { 'if-match': '0' } });
    expect(stale.statusCode).toBe(412);
    const bad = await t.call(owner, {
      method: 'PUT',
      url: url(),
      payload: { total: 0, unit: 'euros', costPerSprint: -1 },
      headers: { 'if-match': '1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['costPerSprint', 'total', 'unit']);
  });

  it('names the segment furthest below its target once most of the budget is spent', async () => {
    await t.pool.query('update segments set target_share = 90 where id = $1', [vip]);
    await t.pool.query('update segments set target_share = 10 where id = $1', [sec]);
    const b = (await t.call(owner, { method: 'GET', url: url() })).json() as BudgetReport;
    expect(b.warning).toBe(
      '80 % of the budget spent; 60 % of the delivered value went to VIP members (target 90 %)',
    );
    const ev = await t.pool.query("select count(*)::int as n from events where type = 'budget.updated'");
    expect(ev.rows[0].n).toBe(1);
  });
});
