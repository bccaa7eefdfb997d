import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/** Benefit hypotheses (seed 004): stated by contributors, suggested by the evidence, judged by the PO. */
let t: TestApp;
let po: TestUser;
let tina: TestUser;
let vera: TestUser;
let stan: TestUser;
let stranger: TestUser;
let productId: string;
let itemId: string;
let version: number;

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.pool.query<T & Record<string, unknown>>(sql, params).then((r) => r.rows);
const one = async (sql: string, params: unknown[] = []) => (await q<{ id: string }>(sql, params))[0]!.id;

const url = () => `/api/v1/items/${itemId}/hypothesis`;
const get = (as: TestUser) => t.call(as, { method: 'GET', url: url() });
const put = (as: TestUser, payload: object, v: number | string = version) =>
  t.call(as, { method: 'PUT', url: url(), payload, headers: { 'if-match': String(v) } });
const judge = (as: TestUser, payload: object) =>
  t.call(as, { method: 'POST', url: `${url()}/judgement`, payload });

const HYPOTHESIS = {
  belief: 'Letting VIPs book their own hotel',
  outcome: 'fewer calls to the secretariat',
  signal: 'calls about hotels drop by half within a month',
};

beforeAll(async () => {
  t = await createTestApp();
  po = await t.user('Olive Owner');
  tina = await t.user('Tina Team');
  vera = await t.user('Vera Viewer');
  stan = await t.user('Stan Stakeholder');
  stranger = await t.user('Sam Stranger');
  productId = (await t.product(po, 'VIP Meetings', 'VIP')).id;
  await t.addMember(po, productId, tina, 'team');
  await t.addMember(po, productId, vera, 'viewer');
  await t.addMember(po, productId, stan, 'stakeholder');
  const item = await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title: 'Hotel booking', problem: 'VIPs call to book hotels.' },
  });
  expect(item.statusCode, item.body).toBe(201);
  itemId = item.json().id;
  version = item.json().version;
});

describe('benefit hypotheses', () => {
  it('starts empty and unvalidated', async () => {
    const res = await get(tina);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      hypothesis: null,
      status: 'unvalidated',
      suggested: 'unvalidated',
      evidence: [],
      judgedBy: null,
    });
  });

  it('is stated by contributors through the item (If-Match, an item.updated event), not by viewers or stakeholders', async () => {
    expect((await put(vera, { hypothesis: HYPOTHESIS })).statusCode).toBe(403);
    expect((await put(stan, { hypothesis: HYPOTHESIS })).statusCode).toBe(403);
    expect((await put(stranger, { hypothesis: HYPOTHESIS })).statusCode).toBe(404);
    const empty = await put(tina, { hypothesis: { belief: ' ', outcome: '', signal: 'x' } });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().error.fields).sort()).toEqual([
      'hypothesis.belief',
      'hypothesis.outcome',
    ]);
    const noMatch = await t.call(tina, { method: 'PUT', url: url(), payload: { hypothesis: HYPOTHESIS } });
    expect(noMatch.statusCode).toBe(428);
    const ok = await put(tina, { hypothesis: HYPOTHESIS });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().hypothesis).toEqual(HYPOTHESIS);
    expect(ok.json().version).toBe(version + 1);
    const stale = await put(tina, { hypothesis: { ...HYPOTHESIS, signal: 'later' } });
    expect(stale.statusCode).toBe(412);
    version = ok.json().version;
    const [event] = await q<{ before: unknown; after: unknown }>(
      `select before, after from events where type = 'item.updated' and entity_id = $1 order by id desc limit 1`,
      [itemId],
    );
    expect(event).toEqual({ before: { hypothesis: null }, after: { hypothesis: HYPOTHESIS } });
  });

  it('lets readers see it, and keeps it from stakeholders and strangers', async () => {
    expect((await get(vera)).statusCode).toBe(200);
    expect((await get(po)).statusCode).toBe(200);
    expect((await get(stan)).statusCode).toBe(403);
    expect((await get(stranger)).statusCode).toBe(404);
    expect((await judge(stranger, { status: 'supported', reason: 'x' })).statusCode).toBe(404);
    expect((await judge(tina, { status: 'unvalidated' })).statusCode).toBe(403);
  });

  it('lists the evidence per review and from requests, and suggests from it (seed 004: light but interesting)', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => t.user(`VIP ${i}`)));
    const sprint = await t.call(tina, {
      method: 'POST',
      url: `/api/v1/products/${productId}/sprints`,
      payload: { name: 'Sprint 7', startDate: '2025-03-03', endDate: '2025-03-14' },
    });
    expect(sprint.statusCode, sprint.body).toBe(201);
    const reviewId = await one(
      `insert into customer_reviews (product_id, sprint_id) values ($1, $2) returning id`,
      [productId, sprint.json().id],
    );
    await q(`insert into review_increments (review_id, item_id, position) values ($1, $2, 0)`, [
      reviewId,
      itemId,
    ]);
    const answers: Array<[string, number | null]> = [
      ['happy', 4],
      ['neutral', 3],
      ['neutral', 3],
      ['neutral', null],
      ['sad', 2],
      ['neutral', null],
    ];
    for (const [i, [mood, rating]] of answers.entries())
      await q(
        `insert into review_answers (review_id, item_id, user_id, mood, rating) values ($1, $2, $3, $4, $5)`,
        [reviewId, itemId, users[i]!.id, mood, rating],
      );
    const requestId = await one(
      `insert into requests (product_id, title, problem, status, item_id, requester_id) values ($1, 'Hotels', 'Calls', 'planned', $2, $3) returning id`,
      [productId, itemId, stan.id],
    );
    for (const u of users.slice(0, 2))
      await q(`insert into request_supporters (request_id, user_id) values ($1, $2)`, [requestId, u.id]);

    const view = (await get(tina)).json();
    expect(view.evidence).toEqual([
      {
        kind: 'review',
        reviewId,
        sprintId: sprint.json().id,
        sprintName: 'Sprint 7',
        happy: 1,
        neutral: 4,
        sad: 1,
        ratingAvg: 3,
        ratings: 4,
        responses: 6,
      },
      { kind: 'requests', requests: 1, supporters: 2 },
    ]);
    expect(view.suggested).toBe('contradicted');
    expect(view.suggestedReason).toBe('83% of 6 answers were neutral or sad (contradicted from 60%).');
    expect(view.status).toBe('unvalidated');
  });

  it('needs a reason to override the suggestion, none to confirm it, and records the judgement', async () => {
    const bare = await judge(po, { status: 'supported' });
    expect(bare.statusCode).toBe(400);
    expect(Object.keys(bare.json().error.fields)).toEqual(['reason']);
    const blank = await judge(po, { status: 'supported', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(Object.keys(blank.json().error.fields)).toEqual(['reason']);

    const confirmed = await judge(po, { status: 'contradicted' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'contradicted',
      suggested: 'contradicted',
      reason: null,
      judgedBy: { id: po.id, name: 'Olive Owner' },
    });
    const overridden = await judge(po, { status: 'supported', reason: 'Hotel calls halved in the log' });
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toMatchObject({
      status: 'supported',
      suggested: 'contradicted',
      suggestedAtJudgement: 'contradicted',
      reason: 'Hotel calls halved in the log',
    });
    const events = await q<{ after: unknown }>(
      `select after from events where type = 'item.hypothesis_judged' and entity_id = $1 order by id`,
      [itemId],
    );
    expect(events.map((e) => e.after)).toEqual([
      { status: 'contradicted', suggested: 'contradicted', reason: null },
      { status: 'supported', suggested: 'contradicted', reason: 'Hotel calls halved in the log' },
    ]);
  });

  it('refuses a judgement before the hypothesis is stated', async () => {
    const other = await t.call(po, {
      method: 'POST',
      url: `/api/v1/products/${productId}/items`,
      payload: { type: 'enabler', title: 'Upgrade the database' },
    });
    const res = await t.call(po, {
      method: 'POST',
      url: `/api/v1/items/${other.json().id}/hypothesis/judgement`,
      payload: { status: 'unvalidated' },
    });
    expect(res.statusCode).toBe(409);
  });
});
