import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * The portal is what customers read: key, title, problem, segments, status and release of what
 * the PO put before them — never an item's size, comments, description, value inputs, assignee or
 * history, and never an unpublished item. Every internal field of the seeded items carries a
 * marker found nowhere else, and the serialized answers are searched for each.
 */
let t: TestApp;
let po: TestUser;
let tina: TestUser;
let sara: TestUser;
let assignee: TestUser;
let productId: string;
let vipId: string;

const api = (
  as: TestUser,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  headers?: Record<string, string>,
) => t.call(as, { method, url, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

/** Markers of one item's internal fields: each string is unique to that field of that item. */
const markers = (tag: string) => ({
  description: `DESC_${tag}_q8x`,
  oldDescription: `HISTORY_${tag}_z3k`,
  label: `LABEL_${tag}_m2p`,
  given: `GIVEN_${tag}_w7r`,
  when: `WHEN_${tag}_w7r`,
  then: `THEN_${tag}_w7r`,
  comment: `COMMENT_${tag}_c5v`,
  externalId: `EXT_${tag}_e1u`,
  size: tag === 'A' ? 791.25 : 607.75,
});
const INTERNAL_KEYS = [
  'size',
  'description',
  'businessValue',
  'timeCriticality',
  'riskReduction',
  'assigneeId',
  'assignee',
  'comments',
  'history',
  'labels',
  'acceptanceCriteria',
  'wsjf',
  'costOfDelay',
  'externalId',
  'rank',
];

const itemIds: Record<string, string> = {};
const allMarkers: string[] = [];

/** An item with every internal field set (through the API, so its history and comments are real). */
async function markedItem(tag: string, title: string, problem: string): Promise<string> {
  const m = markers(tag);
  const created = await api(po, 'POST', `/api/v1/products/${productId}/items`, {
    title,
    problem,
    description: m.oldDescription,
    labels: [m.label],
    acceptanceCriteria: [{ given: m.given, when: m.when, then: m.then }],
    segmentIds: [vipId],
    assigneeId: assignee.id,
    businessValue: 13,
    timeCriticality: 20,
    riskReduction: 8,
    releaseCritical: true,
  });
  expect(created.statusCode, created.body).toBe(201);
  const item = created.json();
  const v2 = await api(
    po,
    'PATCH',
    `/api/v1/items/${item.id}`,
    { description: m.description, published: true },
    {
      'if-match': String(item.version),
    },
  );
  expect(v2.statusCode, v2.body).toBe(200);
  const v3 = await api(
    tina,
    'PATCH',
    `/api/v1/items/${item.id}`,
    { size: m.size },
    {
      'if-match': String(v2.json().version),
    },
  );
  expect(v3.statusCode, v3.body).toBe(200);
  expect((await api(tina, 'POST', `/api/v1/items/${item.id}/comments`, { body: m.comment })).statusCode).toBe(
    201,
  );
  await t.pool.query('update items set external_id = $2 where id = $1', [item.id, m.externalId]);
  allMarkers.push(
    m.description,
    m.oldDescription,
    m.label,
    m.given,
    m.when,
    m.then,
    m.comment,
    m.externalId,
    String(m.size),
  );
  return item.id;
}

beforeAll(async () => {
  t = await createTestApp();
  po = await t.user('Paula PO');
  tina = await t.user('Tina Team');
  sara = await t.user('Sara Stakeholder');
  assignee = await t.user('ASSIGNEE_NAME_k4j');
  productId = (await t.product(po, 'VIP Meetings', 'VIP')).id;
  await t.addMember(po, productId, tina, 'team');
  await t.addMember(po, productId, sara, 'stakeholder');
  await t.addMember(po, productId, assignee, 'team');
  allMarkers.push(assignee.id, 'ASSIGNEE_NAME_k4j');
  vipId = (await api(po, 'POST', `/api/v1/products/${productId}/segments`, { name: 'VIP members' })).json()
    .id;

  // A: delivered in a closed sprint, with the PO's "what changed for you" line.
  itemIds.A = await markedItem('A', 'Guest list on the phone', 'VIPs cannot see who comes');
  // B: published, planned for the spring release.
  itemIds.B = await markedItem('B', 'Seat finder', 'VIPs cannot find their seat');
  // C: not published: must not appear at all.
  const c = await api(po, 'POST', `/api/v1/products/${productId}/items`, {
    title: 'UNPUBLISHED_TITLE_u9u',
    problem: 'UNPUBLISHED_PROBLEM_u9u',
  });
  itemIds.C = c.json().id;
  // Its id may show as a request's `itemId` (the request's documented shape); nothing of its content.
  allMarkers.push('UNPUBLISHED_TITLE_u9u', 'UNPUBLISHED_PROBLEM_u9u');

  const sprint = (
    await t.pool.query<{ id: string }>(
      `insert into sprints (product_id, name, start_date, end_date, state, started_at, closed_at)
       values ($1, 'Sprint 7', '2026-11-02', '2026-11-13', 'closed', now() - interval '14 days', now() - interval '1 day')
       returning id`,
      [productId],
    )
  ).rows[0]!.id;
  await t.pool.query(`update items set status = 'accepted' where id = $1`, [itemIds.A]);
  await t.pool.query(
    `insert into sprint_items (sprint_id, item_id, product_id, open, review, reviewed_at)
     values ($1, $2, $3, false, 'accepted', now() - interval '2 days')`,
    [sprint, itemIds.A, productId],
  );
  const review = (
    await t.pool.query<{ id: string }>(
      `insert into customer_reviews (product_id, sprint_id, state) values ($1, $2, 'open') returning id`,
      [productId, sprint],
    )
  ).rows[0]!.id;
  await t.pool.query(
    `insert into review_increments (review_id, item_id, position, what_changed)
     values ($1, $2, 0, 'You see your guests on your phone')`,
    [review, itemIds.A],
  );
  const release = (
    await t.pool.query<{ id: string }>(
      `insert into releases (product_id, name, vote_budget, vote_opened_at, vote_closes_at)
       values ($1, 'Spring release', 10, now(), now() + interval '3 days') returning id`,
      [productId],
    )
  ).rows[0]!.id;
  await t.pool.query(
    `insert into releases (product_id, name, vote_budget, vote_opened_at, vote_closes_at)
     values ($1, 'Closed vote', 10, now() - interval '9 days', now() - interval '1 day')`,
    [productId],
  );
  await t.pool.query('update items set release_id = $2 where id = $1', [itemIds.B, release]);

  // Sara asks; the PO links her request to the published item and another to the hidden one.
  for (const [title, itemId] of [
    ['Let me see the guests', itemIds.A],
    ['Something secret', itemIds.C],
  ] as const) {
    const q = await api(sara, 'POST', `/api/v1/products/${productId}/requests`, { title, problem: 'Hard' });
    await api(po, 'POST', `/api/v1/requests/${q.json().id}/triage`, { action: 'link', itemId });
  }
});

/** Each marker and internal key that appears in a serialized body. */
function leaks(body: string): string[] {
  const found = allMarkers.filter((m) => body.includes(m));
  for (const k of INTERNAL_KEYS) if (body.includes(`"${k}"`)) found.push(`"${k}"`);
  return found;
}

describe('the stakeholder portal', () => {
  it('shows delivered, coming next, waiting and own requests — in customer fields only', async () => {
    const r = await api(sara, 'GET', `/api/v1/products/${productId}/portal`);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.delivered).toEqual([
      {
        key: expect.stringMatching(/^VIP-\d+$/),
        title: 'Guest list on the phone',
        problem: 'VIPs cannot see who comes',
        segments: [{ id: vipId, name: 'VIP members' }],
        acceptedAt: expect.any(String),
        sprintName: 'Sprint 7',
        whatChanged: 'You see your guests on your phone',
      },
    ]);
    expect(p.planned).toEqual([
      {
        key: expect.stringMatching(/^VIP-\d+$/),
        title: 'Seat finder',
        problem: 'VIPs cannot find their seat',
        segments: [{ id: vipId, name: 'VIP members' }],
        status: 'new',
        release: 'Spring release',
      },
    ]);
    expect(p.waiting.review).toMatchObject({ sprintName: 'Sprint 7', answered: false });
    expect(p.waiting.votes).toEqual([
      { releaseId: expect.any(String), name: 'Spring release', closesAt: expect.any(String), voted: false },
    ]);
    expect(p.requests.map((q: { title: string; status: string }) => [q.title, q.status])).toEqual([
      ['Something secret', 'planned'],
      ['Let me see the guests', 'shipped'],
    ]);
  });

  it('never carries an internal field or an unpublished item, on the portal or the requests', async () => {
    const bodies = [
      (await api(sara, 'GET', `/api/v1/products/${productId}/portal`)).body,
      (await api(sara, 'GET', `/api/v1/products/${productId}/requests`)).body,
      (await api(sara, 'GET', `/api/v1/products/${productId}/requests?sort=supporters`)).body,
    ];
    const mine = JSON.parse(bodies[1]!).requests as Array<{ id: string }>;
    for (const q of mine) bodies.push((await api(sara, 'GET', `/api/v1/requests/${q.id}`)).body);
    for (const q of mine) bodies.push((await api(sara, 'POST', `/api/v1/requests/${q.id}/support`)).body);
    for (const body of bodies) expect(leaks(body)).toEqual([]);
    // The check itself catches a leak: the PO's item read carries every marker.
    const internal = (await api(po, 'GET', `/api/v1/items/${itemIds.A}`)).body;
    expect(leaks(internal)).toEqual(
      expect.arrayContaining([markers('A').description, '"size"', assignee.id]),
    );
  });

  it('drops an item from "coming next" once the PO unpublishes it, and counts answers and votes', async () => {
    const item = (await api(po, 'GET', `/api/v1/items/${itemIds.B}`)).json();
    await api(
      po,
      'PATCH',
      `/api/v1/items/${itemIds.B}`,
      { published: false },
      { 'if-match': String(item.version) },
    );
    const review = (await api(sara, 'GET', `/api/v1/products/${productId}/portal`)).json().waiting.review;
    await t.pool.query(
      `insert into review_answers (review_id, item_id, user_id, mood) values ($1, $2, $3, 'happy')`,
      [review.id, itemIds.A, sara.id],
    );
    const vote = (await api(sara, 'GET', `/api/v1/products/${productId}/portal`)).json().waiting.votes[0];
    await t.pool.query('insert into release_voters (release_id, user_id, total) values ($1, $2, 3)', [
      vote.releaseId,
      sara.id,
    ]);
    const p = (await api(sara, 'GET', `/api/v1/products/${productId}/portal`)).json();
    expect(p.planned).toEqual([]);
    expect(p.waiting.review.answered).toBe(true);
    expect(p.waiting.votes[0].voted).toBe(true);
  });

  it('is for members only: a stranger gets 404', async () => {
    const stranger = await t.user('Stranger');
    const r = await api(stranger, 'GET', `/api/v1/products/${productId}/portal`);
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('Seat finder');
  });
});
