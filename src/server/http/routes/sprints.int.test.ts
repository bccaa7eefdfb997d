import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

let t: TestApp;
let owner: TestUser;
let tina: TestUser;
let fay: TestUser;
let stan: TestUser;
let vic: TestUser;
let stranger: TestUser;
let productId: string;
let seq = 0;

/** Items straight into the backlog table (the backlog API is tested on its own). */
async function item(size: number | null, status = 'ready', pid = productId): Promise<string> {
  seq += 1;
  const r = await t.pool.query<{ id: string }>(
    `with i as (
       insert into items (product_id, number, type, title, problem, category, status, size,
         acceptance_criteria, business_value)
       values ($1, $2, 'story', $3, 'A guest waits', 'feature', $4, $5, '[{"given":"a","when":"b","then":"c"}]', 5)
       returning id, product_id)
     insert into item_order (item_id, product_id, rank) select id, product_id, $6 from i returning item_id as id`,
    [pid, seq, `Story ${seq}`, status, size, `a${String(seq).padStart(5, '0')}`],
  );
  return r.rows[0]!.id;
}

const api = (
  as: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers?: Record<string, string>,
) => t.call(as, { method, url, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

async function sprint(name: string, extra: object = {}): Promise<string> {
  const r = await api(tina, 'POST', `/api/v1/products/${productId}/sprints`, {
    name,
    startDate: '2025-03-03',
    endDate: '2025-03-14',
    capacity: { unit: 'days', members: [{ userId: tina.id, days: 10 }] },
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

/** A whole sprint: pull items, start, finish `done` of them, close. Returns its id. */
async function runSprint(name: string, sizes: number[], done: number): Promise<string> {
  const id = await sprint(name);
  const ids = [];
  for (const s of sizes) {
    const i = await item(s);
    ids.push(i);
    expect((await api(tina, 'POST', `/api/v1/sprints/${id}/items/${i}`)).statusCode).toBe(200);
  }
  expect(
    (await api(tina, 'POST', `/api/v1/sprints/${id}/start`, { confirmOverForecast: true })).statusCode,
  ).toBe(200);
  const dod = (await api(tina, 'GET', `/api/v1/products/${productId}/definition-of-done`)).json().checklist;
  for (const i of ids.slice(0, done)) {
    const r = await api(tina, 'POST', `/api/v1/sprints/${id}/items/${i}/done`, { checked: dod });
    expect(r.statusCode, r.body).toBe(200);
  }
  expect((await api(tina, 'POST', `/api/v1/sprints/${id}/close`, {})).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Olive Owner');
  tina = await t.user('Tina Team');
  fay = await t.user('Fay Facilitator');
  stan = await t.user('Stan Stakeholder');
  vic = await t.user('Vic Viewer');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(owner, 'Notification Service', 'NOTIF')).id;
  await t.addMember(owner, productId, tina, 'team');
  await t.addMember(owner, productId, fay, 'facilitator');
  await t.addMember(owner, productId, stan, 'stakeholder');
  await t.addMember(owner, productId, vic, 'viewer');
});

describe('sprint records', () => {
  it('creates, lists, reads and edits a sprint with If-Match, 412 on a stale version', async () => {
    const id = await sprint('Sprint A', { goal: 'Reliable delivery' });
    const got = await api(vic, 'GET', `/api/v1/sprints/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().sprint).toMatchObject({
      id,
      productId,
      name: 'Sprint A',
      goal: 'Reliable delivery',
      startDate: '2025-03-03',
      endDate: '2025-03-14',
      state: 'planned',
      version: 1,
      capacity: { unit: 'days' },
    });
    const list = (await api(vic, 'GET', `/api/v1/products/${productId}/sprints`)).json().sprints;
    // Sprints are internal work: the customers' role does not read them (issue 10).
    expect((await api(stan, 'GET', `/api/v1/sprints/${id}`)).statusCode).toBe(403);
    expect((await api(stan, 'GET', `/api/v1/products/${productId}/sprints`)).statusCode).toBe(403);
    expect(list.map((s: { id: string }) => s.id)).toContain(id);
    expect((await api(tina, 'PATCH', `/api/v1/sprints/${id}`, { goal: 'x' })).statusCode).toBe(428);
    const ok = await api(
      tina,
      'PATCH',
      `/api/v1/sprints/${id}`,
      { goal: 'Fewer lost alerts' },
      { 'if-match': '1' },
    );
    expect(ok.json()).toMatchObject({ goal: 'Fewer lost alerts', version: 2 });
    const stale = await api(fay, 'PATCH', `/api/v1/sprints/${id}`, { goal: 'Mine' }, { 'if-match': '1' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.goal).toBe('Fewer lost alerts');
  });

  it('names bad fields, hides sprints from strangers and keeps stakeholders out of planning', async () => {
    const bad = await api(tina, 'POST', `/api/v1/products/${productId}/sprints`, {
      name: '',
      startDate: '2025-03-10',
      endDate: '2025-03-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['name']));
    const id = await sprint('Sprint B');
    expect((await api(stranger, 'GET', `/api/v1/sprints/${id}`)).statusCode).toBe(404);
    expect((await api(stranger, 'GET', '/api/v1/sprints/not-a-uuid')).statusCode).toBe(404);
    expect((await api(stan, 'POST', `/api/v1/products/${productId}/sprints`, { name: 'x' })).statusCode).toBe(
      403,
    );
    expect((await api(stan, 'POST', `/api/v1/sprints/${id}/items/${await item(3)}`)).statusCode).toBe(403);
  });
});

describe('planning and start', () => {
  it('shows why items are not ready, and the load beside the forecast', async () => {
    const id = await sprint('Planning');
    const unready = await item(null, 'new');
    await api(tina, 'POST', `/api/v1/sprints/${id}/items/${unready}`);
    const board = (await api(tina, 'POST', `/api/v1/sprints/${id}/items/${await item(5)}`)).json();
    const u = board.items.find((i: { itemId: string }) => i.itemId === unready);
    expect(u.ready).toBe(false);
    expect(u.notReadyReasons).toEqual([
      'No customer segment',
      'Needs an estimate from the team',
      'Not marked ready yet',
    ]);
    expect(board).toMatchObject({ loadPoints: 5, unestimated: 1 });
    expect(board.forecast.points).toBeNull();
    const again = await api(tina, 'POST', `/api/v1/sprints/${id}/items/${unready}`);
    expect(again.statusCode).toBe(409);
    const other = (await t.product(owner, 'Other')).id;
    expect(
      (await api(tina, 'POST', `/api/v1/sprints/${id}/items/${await item(1, 'ready', other)}`)).statusCode,
    ).toBe(404);
  });

  it('refuses to commit above the forecast without the team’s confirmation, and records it', async () => {
    // History: 10, 12, 14 completed points → forecast median 12 at equal capacity.
    await runSprint('H1', [5, 5, 3], 2);
    await runSprint('H2', [8, 4, 2], 2);
    await runSprint('H3', [8, 6, 1], 2);
    const id = await sprint('Over');
    for (const s of [8, 5, 3]) await api(tina, 'POST', `/api/v1/sprints/${id}/items/${await item(s)}`);
    const board = (await api(tina, 'GET', `/api/v1/sprints/${id}`)).json();
    expect(board.forecast).toMatchObject({ points: 12, sprintsUsed: 3 });
    expect(board).toMatchObject({ loadPoints: 16, overForecast: true });
    const refused = await api(tina, 'POST', `/api/v1/sprints/${id}/start`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toEqual({ loadPoints: 16, forecastPoints: 12 });
    expect(
      (await api(owner, 'POST', `/api/v1/sprints/${id}/start`, { confirmOverForecast: true })).statusCode,
    ).toBe(403);
    const started = await api(tina, 'POST', `/api/v1/sprints/${id}/start`, { confirmOverForecast: true });
    expect(started.statusCode).toBe(200);
    expect(started.json().snapshot).toMatchObject({
      committedPoints: 16,
      forecastPoints: 12,
      overForecast: true,
      confirmedBy: tina.id,
    });
    expect(started.json().sprint.state).toBe('active');
    // Close it so later tests may start another sprint.
    expect((await api(tina, 'POST', `/api/v1/sprints/${id}/close`, {})).statusCode).toBe(200);
  });
});

describe('an active sprint', () => {
  let id: string;
  let a: string;
  let b: string;
  beforeAll(async () => {
    id = await sprint('Active');
    a = await item(5);
    b = await item(3);
    await api(tina, 'POST', `/api/v1/sprints/${id}/items/${a}`);
    await api(tina, 'POST', `/api/v1/sprints/${id}/items/${b}`);
    expect(
      (await api(tina, 'POST', `/api/v1/sprints/${id}/start`, { confirmOverForecast: true })).statusCode,
    ).toBe(200);
  });

  it('refuses adding, removing or re-sizing without a reason', async () => {
    const c = await item(2);
    const add = await api(owner, 'POST', `/api/v1/sprints/${id}/items/${c}`, {});
    expect(add.statusCode).toBe(409);
    expect(add.json().error.code).toBe('reason_required');
    expect((await api(tina, 'DELETE', `/api/v1/sprints/${id}/items/${a}`)).json().error.code).toBe(
      'reason_required',
    );
    expect(
      (await api(tina, 'POST', `/api/v1/sprints/${id}/items/${a}/resize`, { size: 8 })).json().error.code,
    ).toBe('reason_required');
    const board = (await api(tina, 'GET', `/api/v1/sprints/${id}`)).json();
    expect(board.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual([a, b].sort());
    expect(board.scopeChanges).toEqual([]);
  });

  it('records each change with its reason, author and time, and never changes the snapshot', async () => {
    const before = (await api(tina, 'GET', `/api/v1/sprints/${id}`)).json().snapshot;
    const c = await item(2);
    const reason = 'Push notification outage: workaround needed now';
    expect((await api(owner, 'POST', `/api/v1/sprints/${id}/items/${c}`, { reason })).statusCode).toBe(200);
    expect(
      (await api(tina, 'DELETE', `/api/v1/sprints/${id}/items/${b}?reason=Blocked+by+vendor`)).statusCode,
    ).toBe(200);
    expect(
      (await api(owner, 'POST', `/api/v1/sprints/${id}/items/${a}/resize`, { size: 8, reason: 'x' }))
        .statusCode,
    ).toBe(403);
    const resized = await api(tina, 'POST', `/api/v1/sprints/${id}/items/${a}/resize`, {
      size: 8,
      reason: 'Bigger than thought',
    });
    expect(resized.statusCode).toBe(200);
    const board = resized.json();
    expect(board.scopeChanges).toMatchObject([
      { itemId: c, change: 'added', pointsAfter: 2, reason, actorId: owner.id, actorName: 'Olive Owner' },
      { itemId: b, change: 'removed', pointsBefore: 3, reason: 'Blocked by vendor', actorId: tina.id },
      { itemId: a, change: 'resized', pointsBefore: 5, pointsAfter: 8, actorId: tina.id },
    ]);
    expect(Date.parse(board.scopeChanges[0].at)).toBeGreaterThan(Date.now() - 60_000);
    expect(board.snapshot).toEqual(before);
    expect(before).toMatchObject({ committedPoints: 8 });
    expect(before.items.map((i: { itemId: string; size: number }) => [i.itemId, i.size]).sort()).toEqual(
      [
        [a, 5],
        [b, 3],
      ].sort(),
    );
    await expect(t.pool.query('update sprint_snapshots set committed_points = 99')).rejects.toThrow(
      /never change/,
    );
    const history = await t.pool.query(
      `select after from events where entity_type = 'item' and entity_id = $1 and type = 'item.updated'`,
      [a],
    );
    expect(history.rows.at(-1)!.after).toMatchObject({ size: 8, reason: 'Bigger than thought' });
  });

  it('asks the team to tick the Definition of Done, and lets only the PO accept or reject', async () => {
    const put = await api(tina, 'PUT' as 'POST', `/api/v1/products/${productId}/definition-of-done`, {
      checklist: ['Reviewed', 'Tested'],
    });
    expect(put.statusCode).toBe(200);
    const missing = await api(tina, 'POST', `/api/v1/sprints/${id}/items/${a}/done`, {
      checked: ['Reviewed'],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/Tested/);
    const done = await api(tina, 'POST', `/api/v1/sprints/${id}/items/${a}/done`, {
      checked: ['Reviewed', 'Tested'],
    });
    expect(done.json().items.find((i: { itemId: string }) => i.itemId === a).status).toBe('done');
    expect((await api(tina, 'POST', `/api/v1/sprints/${id}/items/${a}/accept`, {})).statusCode).toBe(403);
    const rejected = await api(owner, 'POST', `/api/v1/sprints/${id}/items/${a}/reject`, {
      comment: 'Email fallback missing',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().items.find((i: { itemId: string }) => i.itemId === a)).toMatchObject({
      status: 'rejected',
      reopened: 1,
      reviewComment: 'Email fallback missing',
    });
    await api(tina, 'POST', `/api/v1/sprints/${id}/items/${a}/done`, { checked: ['Reviewed', 'Tested'] });
    const accepted = await api(owner, 'POST', `/api/v1/sprints/${id}/items/${a}/accept`, { comment: 'Good' });
    expect(accepted.json().items.find((i: { itemId: string }) => i.itemId === a).status).toBe('accepted');
  });

  it('closes with unfinished work carried to the next sprint, and reports say/do and changes', async () => {
    const next = await sprint('Next');
    const closed = await api(tina, 'POST', `/api/v1/sprints/${id}/close`, { unfinished: 'next_sprint' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().sprint.state).toBe('closed');
    const nextBoard = (await api(tina, 'GET', `/api/v1/sprints/${next}`)).json();
    expect(nextBoard.items.map((i: { itemId: string }) => i.itemId)).toHaveLength(1);
    expect((await api(stan, 'GET', `/api/v1/sprints/${id}/report`)).statusCode).toBe(403);
    const report = (await api(vic, 'GET', `/api/v1/sprints/${id}/report`)).json();
    expect(report).toMatchObject({
      committedPoints: 8,
      completedPoints: 8,
      sayDoRatio: 1,
      accepted: 1,
      rejected: 0,
      reopened: 1,
    });
    expect(report.carriedOver).toEqual([expect.objectContaining({ to: 'next_sprint' })]);
    expect(report.scopeChanges.map((c: { change: string }) => c.change)).toEqual([
      'added',
      'removed',
      'resized',
    ]);
    expect(report.velocityHistory.map((v: { completedPoints: number }) => v.completedPoints)).toEqual([
      10, 12, 14, 0, 8,
    ]);
    expect(report.velocityCv).toBeGreaterThan(0);
    expect(report.burnUp.length).toBeGreaterThan(0);
    const late = await api(tina, 'POST', `/api/v1/sprints/${id}/items/${await item(1)}`, { reason: 'late' });
    expect(late.json().error.code).toBe('sprint_locked');
  });
});
