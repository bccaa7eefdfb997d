import { beforeAll, describe, expect, it } from 'vitest';
import type { HowManyForecast, ReleaseLine, WhenForecast } from '#contracts/forecasts.ts';
import { workingDaysBetween } from '#domain/insight/monte-carlo.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

// Tuesday. History: one item accepted on each working day of November (20 days), two closed sprints.
const clock = new Date('2026-12-01T09:00:00Z');
let t: TestApp;
let owner: TestUser;
let team: TestUser;
let viewer: TestUser;
let stan: TestUser;
let stranger: TestUser;
let productId: string;
const open: Array<{ id: string; key: string }> = [];
let acceptedId: string;

async function item(title: string, type = 'story') {
  const r = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type, title, problem: `Problem of ${title}` },
  });
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; key: string };
}

const when = (as: TestUser, payload: Record<string, unknown>) =>
  t.call(as, { method: 'POST', url: `/api/v1/products/${productId}/forecasts/when`, payload });
const howMany = (as: TestUser, payload: Record<string, unknown>) =>
  t.call(as, { method: 'POST', url: `/api/v1/products/${productId}/forecasts/how-many`, payload });

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  owner = await t.user('Olivia Owner');
  team = await t.user('Tom Team');
  viewer = await t.user('Vera Viewer');
  stan = await t.user('Stan Stakeholder');
  stranger = await t.user('Stranger');
  productId = (await t.product(owner, 'Forecast product')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, viewer, 'viewer');
  await t.addMember(owner, productId, stan, 'stakeholder');
  const days = workingDaysBetween('2026-11-02', '2026-11-30');
  expect(days).toHaveLength(21);
  for (const [k, day] of days.entries()) {
    const done = await item(`Done ${k + 1}`);
    await t.pool.query(`update items set status = 'accepted', size = 2 where id = $1`, [done.id]);
    await t.pool.query(
      `insert into events (product_id, actor_id, entity_type, entity_id, type, before, after, at)
       values ($1, $2, 'item', $3, 'item.updated', '{"status":"done"}', '{"status":"accepted"}', $4)`,
      [productId, owner.id, done.id, `${day}T15:00:00Z`],
    );
    if (k === 0) acceptedId = done.id;
  }
  for (const [name, start, end] of [
    ['Sprint 1', '2026-11-02', '2026-11-13'],
    ['Sprint 2', '2026-11-16', '2026-11-27'],
  ]) {
    const s = await t.pool.query<{ id: string }>(
      `insert into sprints (product_id, name, start_date, end_date, state) values ($1, $2, $3, $4, 'closed')
       returning id`,
      [productId, name, start, end],
    );
    // Sprint 2 committed 8 items at its start (the "when" back-test's question).
    if (name === 'Sprint 2')
      await t.pool.query(
        `insert into sprint_snapshots (sprint_id, committed_points, items, over_forecast)
         select $1, 16, jsonb_agg(jsonb_build_object('itemId', gen_random_uuid())), false from generate_series(1, 8)`,
        [s.rows[0]!.id],
      );
  }
  for (let k = 1; k <= 3; k++) {
    const o = await item(`Open ${k}`);
    await t.pool.query('update items set size = 3 where id = $1', [o.id]);
    open.push(o);
  }
  open.push(await item('Unsized story'));
  open.push(await item('Spike: import', 'spike'));
});

describe('forecasts', () => {
  it('"when" for a count: constant throughput of one a day gives one date at every percentile', async () => {
    const r = await when(team, { count: 10, seed: 5, trials: 1000 });
    expect(r.statusCode).toBe(200);
    const body = r.json() as WhenForecast;
    // 10 working days from Tuesday 1 December, today included.
    expect(body.percentiles).toEqual({ '50': '2026-12-14', '85': '2026-12-14', '95': '2026-12-14' });
    expect(body.throughputWindow).toMatchObject({
      from: '2026-11-02',
      to: '2026-11-30',
      workingDays: 21,
      itemsAccepted: 21,
    });
    expect(body.throughputWindow.days[0]!.accepted[0]!.itemId).toBe(acceptedId);
    expect(body.backtest.summary).toBe('85 % forecasts held 1 time in 1');
    expect(body.backtest.sprints[0]).toMatchObject({
      name: 'Sprint 2',
      forecast: 10,
      actual: 10,
      held: true,
    });
    expect(body).toMatchObject({ trials: 1000, seed: 5 });
    // "When" replayed: at Sprint 2's start, one a day said its 8 items by the 8th working day, 25 Nov.
    expect(body.backtestWhen.summary).toBe('85 % forecasts held 1 time in 1');
    expect(body.backtestWhen.sprints).toEqual([
      expect.objectContaining({
        name: 'Sprint 2',
        items: 8,
        forecast: '2026-11-25',
        actual: '2026-11-25',
        held: true,
      }),
    ]);
  });

  it('"when" for the open backlog: the spike and the unsized item widen the range and say so', async () => {
    const a = (await when(owner, { seed: 9 })).json() as WhenForecast;
    expect(a.remaining).toMatchObject({ total: 5, sized: 3, unsized: 1, spikes: 1 });
    expect(a.remaining.items.map((i) => i.itemId)).toEqual(open.map((o) => o.id));
    expect(a.notes.join(' ')).toMatch(/1 item has no size.*1 open spike/);
    expect(a.percentiles!['50']! <= a.percentiles!['95']!).toBe(true);
    expect(a.percentiles!['95']! > '2026-12-07').toBe(true);
    // Same seed, same answer.
    expect((await when(owner, { seed: 9 })).json()).toEqual(a);
    const chosen = (
      await when(viewer, { itemIds: [open[0]!.id, acceptedId], seed: 1 })
    ).json() as WhenForecast;
    expect(chosen.remaining.total).toBe(1);
    expect(chosen.percentiles!['85']).toBe('2026-12-01');
    expect(chosen.notes.join(' ')).toMatch(/1 of the chosen items is already accepted/);
  });

  it('"how many" by a date reads the upper tail', async () => {
    const r = await howMany(team, { date: '2026-12-11', seed: 3 });
    expect(r.statusCode).toBe(200);
    const body = r.json() as HowManyForecast;
    expect(body.workingDays).toBe(9);
    expect(body.percentiles).toEqual({ '50': 9, '85': 9, '95': 9 });
    expect(body.backtest.total).toBe(1);
  });

  it('validation errors name the field', async () => {
    const low = await when(team, { count: 3, trials: 50 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.fields.trials).toMatch(/at least 100/);
    const high = await howMany(team, { date: '2026-12-11', trials: 1_000_000 });
    expect(high.json().error.fields.trials).toMatch(/at most 100000/);
    const past = await howMany(team, { date: '2026-11-30' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields.date).toMatch(/today or later/);
    const unknown = await when(team, { itemIds: [open[0]!.id, '00000000-0000-4000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields['itemIds.1']).toMatch(/No such item/);
    const both = await when(team, { itemIds: [open[0]!.id], count: 2 });
    expect(both.json().error.fields.count).toMatch(/either/);
  });

  it('too little history: a note, no number', async () => {
    const other = (await t.product(owner, 'New product')).id;
    const r = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${other}/forecasts/when`,
      payload: { count: 5 },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().percentiles).toBeNull();
    expect(r.json().notes[0]).toMatch(/Too little history/);
  });

  it('the release line: how many open items the next release date holds', async () => {
    const none = (
      await t.call(team, { method: 'GET', url: `/api/v1/products/${productId}/forecasts/release-line` })
    ).json() as ReleaseLine;
    expect(none.release).toBeNull();
    await t.pool.query(
      `insert into releases (product_id, name, target_date) values ($1, 'R1', '2026-12-03')`,
      [productId],
    );
    const line = (
      await t.call(team, { method: 'GET', url: `/api/v1/products/${productId}/forecasts/release-line` })
    ).json() as ReleaseLine;
    expect(line.count).toBe(3);
    expect(line.afterItemId).toBe(open[2]!.id);
    expect(line.summary).toMatch(/85 % likely done by 2026-12-03 \(R1\) above this line/);
  });

  it('readers only: stakeholders 403, strangers 404', async () => {
    expect((await when(stan, { count: 2 })).statusCode).toBe(403);
    expect((await howMany(stan, { date: '2026-12-11' })).statusCode).toBe(403);
    expect((await when(stranger, { count: 2 })).statusCode).toBe(404);
    expect((await howMany(stranger, { date: '2026-12-11' })).statusCode).toBe(404);
  });
});
