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
async function item(
  size: number | null,
  opts: { problem?: string; value?: number | null } = {},
): Promise<string> {
  seq += 1;
  const r = await t.pool.query<{ id: string }>(
    `with i as (
       insert into items (product_id, number, type, title, problem, category, status, size,
         acceptance_criteria, business_value)
       values ($1, $2, 'story', $3, $4, 'feature', 'ready', $5, '[{"given":"a","when":"b","then":"c"}]', $6)
       returning id, product_id)
     insert into item_order (item_id, product_id, rank) select id, product_id, $7 from i returning item_id as id`,
    [
      productId,
      seq,
      `Story ${seq}`,
      opts.problem ?? 'A guest waits',
      size,
      opts.value === undefined ? 5 : opts.value,
      `a${String(seq).padStart(5, '0')}`,
    ],
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

const ok = async (p: ReturnType<typeof api>) => {
  const r = await p;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r;
};

interface Signal {
  key: string;
  side: string;
  value: number | null;
  score: number | null;
  evidence: Array<{ kind: string; id: string; summary: string; sprintId?: string; itemId?: string }>;
}
const radar = async (as = owner, q = '') => {
  const r = await api(as, 'GET', `/api/v1/products/${productId}/trust${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { signals: Signal[]; sprints: Array<Record<string, unknown>> };
};
const signal = (body: { signals: Signal[] }, key: string) => body.signals.find((s) => s.key === key)!;

let firstSprint: string;
let secondSprint: string;
let rejectedItem: string;

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
  const dod = (await ok(api(tina, 'GET', `/api/v1/products/${productId}/definition-of-done`))).json()
    .checklist;
  const newSprint = async (name: string) =>
    (
      await ok(
        api(tina, 'POST', `/api/v1/products/${productId}/sprints`, {
          name,
          startDate: '2026-03-02',
          endDate: '2026-03-13',
          capacity: { unit: 'points', points: 10 },
        }),
      )
    ).json().id as string;

  // Three closed sprints long ago (outside any window asked below) give the forecast its history: 10 points.
  await t.pool.query(
    `insert into sprints (product_id, name, start_date, end_date, state, committed_points, completed_points, started_at, closed_at)
     select $1, 'Old ' || n, '2019-01-01', '2019-01-12', 'closed', 10, 10, '2019-01-01', '2019-01-12' from generate_series(1, 3) n`,
    [productId],
  );
  // Sprint 1: 4 items (one without a problem statement), committed 16 points over a 10-point
  // forecast; 3 done, one rejected and redone; one carried over.
  firstSprint = await newSprint('Sprint 1');
  const a = [await item(3), await item(5), await item(3, { problem: '' }), await item(5)];
  rejectedItem = a[1]!;
  for (const i of a) await ok(api(tina, 'POST', `/api/v1/sprints/${firstSprint}/items/${i}`));
  await ok(api(tina, 'POST', `/api/v1/sprints/${firstSprint}/start`, { confirmOverForecast: true }));
  for (const i of a.slice(0, 3))
    await ok(api(tina, 'POST', `/api/v1/sprints/${firstSprint}/items/${i}/done`, { checked: dod }));
  await ok(api(owner, 'POST', `/api/v1/sprints/${firstSprint}/items/${a[0]}/accept`, {}));
  await ok(
    api(owner, 'POST', `/api/v1/sprints/${firstSprint}/items/${a[1]}/reject`, {
      comment: 'The empty list case fails',
    }),
  );
  await ok(api(tina, 'POST', `/api/v1/sprints/${firstSprint}/items/${a[1]}/done`, { checked: dod }));
  await ok(api(owner, 'POST', `/api/v1/sprints/${firstSprint}/items/${a[1]}/accept`, {}));
  await ok(api(tina, 'POST', `/api/v1/sprints/${firstSprint}/close`, { to: 'backlog' }));

  // Sprint 2: 2 items, then mid-sprint an item pushed in and one taken out, with reasons; all done.
  secondSprint = await newSprint('Sprint 2');
  const b = [await item(3), await item(2)];
  for (const i of b) await ok(api(tina, 'POST', `/api/v1/sprints/${secondSprint}/items/${i}`));
  await ok(api(tina, 'POST', `/api/v1/sprints/${secondSprint}/start`, { confirmOverForecast: true }));
  const pushed = await item(2);
  await ok(
    api(owner, 'POST', `/api/v1/sprints/${secondSprint}/items/${pushed}`, { reason: 'Outage workaround' }),
  );
  await ok(api(owner, 'DELETE', `/api/v1/sprints/${secondSprint}/items/${b[1]}`, { reason: 'Made room' }));
  for (const i of [b[0], pushed])
    await ok(api(tina, 'POST', `/api/v1/sprints/${secondSprint}/items/${i}/done`, { checked: dod }));
  await ok(api(tina, 'POST', `/api/v1/sprints/${secondSprint}/close`, { to: 'backlog' }));
});

describe('GET /products/:productId/trust', () => {
  it('serves every signal with numbers from the known history and links them to evidence', async () => {
    const body = await radar();
    expect(body.signals).toHaveLength(14);
    expect(new Set(body.signals.map((s) => s.side))).toEqual(new Set(['po', 'team']));

    const changes = signal(body, 'mid_sprint_changes');
    expect(changes.value).toBe(2);
    expect(changes.evidence.map((e) => e.summary).join(' | ')).toContain('Outage workaround');
    expect(changes.evidence.every((e) => e.kind === 'event' && e.sprintId === secondSprint)).toBe(true);

    // 1 of 4 in sprint 1, 0 of 2 in sprint 2 (the removed item left the sprint).
    const carry = signal(body, 'carry_over');
    expect(carry.value).toBe(16.7);
    expect(carry.evidence).toHaveLength(1);

    const back = signal(body, 'reopened_or_rejected');
    expect(back.evidence.map((e) => e.id)).toEqual([rejectedItem]);

    const unstated = signal(body, 'unstated_value');
    expect(unstated.evidence).toHaveLength(1);
    expect(unstated.evidence[0]!.summary).toContain('no problem');

    const over = signal(body, 'commitment_over_forecast');
    expect(over.value).toBe(50); // Sprint 1 (16 > 10); Sprint 2 (5 ≤ 10)

    const rows = body.sprints.map((r) => [r.name, r.scopeChanges, r.carryOverPercent, r.overForecast]);
    expect(rows).toEqual([
      ['Sprint 1', 0, 25, true],
      ['Sprint 2', 2, 0, false],
    ]);
  });

  it('counts a size attempt from outside the team, which is refused and logged (the cache sees it)', async () => {
    expect(signal(await radar(), 'size_by_non_team').value).toBe(0);
    const id = await item(null);
    const r = await api(owner, 'PATCH', `/api/v1/items/${id}`, { size: 8 }, { 'If-Match': '1' });
    expect(r.statusCode).toBe(403);
    const s = signal(await radar(), 'size_by_non_team');
    expect(s.value).toBe(1);
    expect(s.evidence[0]).toMatchObject({ kind: 'event', itemId: id });
    const size = await t.pool.query('select size from items where id = $1', [id]);
    expect(size.rows[0].size).toBeNull();
  });

  it('takes a window; an empty one has no score', async () => {
    const body = await radar(owner, '?from=2020-01-01&to=2020-02-01');
    expect(body.sprints).toEqual([]);
    expect(signal(body, 'carry_over').score).toBeNull();
    const bad = await api(owner, 'GET', `/api/v1/products/${productId}/trust?from=2020-02-01&to=2020-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    const junk = await api(owner, 'GET', `/api/v1/products/${productId}/trust?from=soon`);
    expect(junk.statusCode).toBe(400);
  });

  it('is for readers: stakeholders get 403, strangers 404', async () => {
    for (const who of [tina, fay, vic]) await radar(who);
    expect((await api(stan, 'GET', `/api/v1/products/${productId}/trust`)).statusCode).toBe(403);
    expect((await api(stranger, 'GET', `/api/v1/products/${productId}/trust`)).statusCode).toBe(404);
  });
});
