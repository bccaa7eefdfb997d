import ical, { type VEvent } from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * The personal calendar feed, parsed back with node-ical as a calendar would: who sees what,
 * stable UIDs, SEQUENCE on change, cancelled deadlines, and a link that is its own credential.
 */
let t: TestApp;
let owner: TestUser;
let team: TestUser;
let customer: TestUser;
let stranger: TestUser;
let productId: string;
let sprint: { id: string; version: number };
let reviewId: string;
let releaseId: string;
const closesAt = '2026-12-20T17:00:00.000Z';

const post = (as: TestUser, url: string, payload: object = {}) =>
  t.call(as, { method: 'POST', url, payload });

async function feedUrl(as: TestUser): Promise<string> {
  const r = await post(as, '/api/v1/me/calendar-feed');
  expect(r.statusCode).toBe(201);
  return r.json().url;
}

const path = (url: string) => new URL(url).pathname;

async function events(url: string): Promise<Record<string, VEvent>> {
  const r = await t.app.inject({ method: 'GET', url: path(url) });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toBe('text/calendar; charset=utf-8');
  const parsed = ical.sync.parseICS(r.body);
  return Object.fromEntries(
    Object.values(parsed)
      .filter((c): c is VEvent => c?.type === 'VEVENT')
      .map((e) => [e.uid, e]),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Calendar owner');
  team = await t.user('Calendar team');
  customer = await t.user('Calendar customer');
  stranger = await t.user('Calendar stranger');
  productId = (await t.product(owner, 'Calendar product', 'CAL')).id;
  await t.addMember(owner, productId, team, 'team');
  await t.addMember(owner, productId, customer, 'stakeholder');
  const s = await post(team, `/api/v1/products/${productId}/sprints`, {
    name: 'Sprint 7',
    goal: 'Ship the calendar',
    startDate: '2026-12-07',
    endDate: '2026-12-18',
  });
  expect(s.statusCode, s.body).toBe(201);
  sprint = s.json();
  const item = await post(owner, `/api/v1/products/${productId}/items`, {
    type: 'story',
    title: 'Subscribe to the calendar',
    problem: 'People miss the review',
  });
  await t.pool.query(
    `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
    [sprint.id, item.json().id, productId],
  );
  const review = await post(owner, `/api/v1/sprints/${sprint.id}/review`, { closesAt });
  expect(review.statusCode, review.body).toBe(201);
  reviewId = review.json().id;
  const release = await post(owner, `/api/v1/products/${productId}/releases`, { name: 'Winter release' });
  releaseId = release.json().id;
  const vote = await t.call(owner, {
    method: 'PUT',
    url: `/api/v1/releases/${releaseId}/vote`,
    payload: { budget: 10, itemIds: [item.json().id], closesAt: '2026-12-22T12:00:00Z' },
  });
  expect(vote.statusCode, vote.body).toBe(200);
});

describe('calendar feed', () => {
  it('gives the team sprint starts and ends (all-day), the review deadline and the vote deadline', async () => {
    const e = await events(await feedUrl(team));
    expect(Object.keys(e).sort()).toEqual(
      [
        `review-${reviewId}@tandem`,
        `sprint-end-${sprint.id}@tandem`,
        `sprint-start-${sprint.id}@tandem`,
        `vote-${releaseId}@tandem`,
      ].sort(),
    );
    const start = e[`sprint-start-${sprint.id}@tandem`]!;
    expect(start.summary).toBe('Sprint 7 starts (Calendar product)');
    expect(start.datetype).toBe('date');
    expect(start.start.toISOString().slice(0, 10)).toBe('2026-12-07');
    expect(Number(start.sequence)).toBe(0);
    expect(start.status).toBe('CONFIRMED');
    expect(JSON.stringify(start.url)).toContain(`/p/CAL/sprints/${sprint.id}`);
    expect(e[`sprint-end-${sprint.id}@tandem`]!.start.toISOString().slice(0, 10)).toBe('2026-12-18');
    const review = e[`review-${reviewId}@tandem`]!;
    expect(review.datetype).toBe('date-time');
    expect(review.start.toISOString()).toBe(closesAt);
    expect(e[`vote-${releaseId}@tandem`]!.start.toISOString()).toBe('2026-12-22T12:00:00.000Z');
  });

  it('shows a stakeholder the review and the vote, not the internal sprint; a stranger nothing', async () => {
    const mine = await events(await feedUrl(customer));
    expect(Object.keys(mine).sort()).toEqual(
      [`review-${reviewId}@tandem`, `vote-${releaseId}@tandem`].sort(),
    );
    expect(await events(await feedUrl(stranger))).toEqual({});
  });

  it('keeps the UID and raises SEQUENCE when the sprint changes', async () => {
    const url = await feedUrl(team);
    const r = await t.call(team, {
      method: 'PATCH',
      url: `/api/v1/sprints/${sprint.id}`,
      headers: { 'if-match': String(sprint.version) },
      payload: { name: 'Sprint 7b', startDate: '2026-12-08' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const start = (await events(url))[`sprint-start-${sprint.id}@tandem`]!;
    expect(start.summary).toBe('Sprint 7b starts (Calendar product)');
    expect(start.start.toISOString().slice(0, 10)).toBe('2026-12-08');
    expect(Number(start.sequence)).toBe(1);
    // The product's name is in every summary: renaming it raises SEQUENCE too.
    const product = await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}` });
    const renamed = await t.call(owner, {
      method: 'PATCH',
      url: `/api/v1/products/${productId}`,
      headers: { 'if-match': String(product.json().version) },
      payload: { name: 'Calendar app' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const after = (await events(url))[`sprint-start-${sprint.id}@tandem`]!;
    expect(after.summary).toBe('Sprint 7b starts (Calendar app)');
    expect(Number(after.sequence)).toBe(2);
  });

  it('sends a review closed early and a vote ended by shipping as cancelled, with a higher SEQUENCE', async () => {
    const url = await feedUrl(customer);
    expect((await post(owner, `/api/v1/reviews/${reviewId}/close`)).statusCode).toBe(200);
    expect((await post(owner, `/api/v1/releases/${releaseId}/ship`)).statusCode).toBe(200);
    const e = await events(url);
    const review = e[`review-${reviewId}@tandem`]!;
    const vote = e[`vote-${releaseId}@tandem`]!;
    expect([review.status, vote.status]).toEqual(['CANCELLED', 'CANCELLED']);
    expect(Number(review.sequence)).toBeGreaterThan(0);
    expect(Number(vote.sequence)).toBeGreaterThan(0);
  });

  it('answers with cache headers and 304 to a calendar that already has this version', async () => {
    const url = path(await feedUrl(team));
    const first = await t.app.inject({ method: 'GET', url });
    expect(first.headers['cache-control']).toBe('private, max-age=300');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    const etag = String(first.headers.etag);
    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('treats the link as the only credential: a new one revokes the old, DELETE revokes, only a hash is kept', async () => {
    const old = await feedUrl(team);
    const fresh = await feedUrl(team);
    expect(fresh).not.toBe(old);
    expect((await t.app.inject({ method: 'GET', url: path(old) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: path(fresh) })).statusCode).toBe(200);
    const token = path(fresh)
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    const stored = await t.pool.query(`select * from calendar_feeds where user_id = $1`, [team.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
    expect(stored.rows[0].token_hash).toHaveLength(32);
    const status = await t.call(team, { method: 'GET', url: '/api/v1/me/calendar-feed' });
    expect(status.json()).toMatchObject({ active: true });
    expect(status.body).not.toContain(token);
    expect((await t.call(team, { method: 'DELETE', url: '/api/v1/me/calendar-feed' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: path(fresh) })).statusCode).toBe(404);
    expect((await t.call(team, { method: 'DELETE', url: '/api/v1/me/calendar-feed' })).statusCode).toBe(404);
    const bogus = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/cal_${'x'.repeat(43)}.ics` });
    expect(bogus.statusCode).toBe(404);
    // A session cookie or an API token does not read someone else's feed: only the URL does.
    const asCookie = await t.call(team, {
      method: 'GET',
      url: '/api/v1/calendar/whatever-but-long-enough.ics',
    });
    expect(asCookie.statusCode).toBe(404);
  });

  it('stops answering the link of a disabled person', async () => {
    const gone = await t.user('Calendar leaver');
    const url = await feedUrl(gone);
    expect((await t.app.inject({ method: 'GET', url: path(url) })).statusCode).toBe(200);
    await t.pool.query('update users set disabled = true where id = $1', [gone.id]);
    expect((await t.app.inject({ method: 'GET', url: path(url) })).statusCode).toBe(404);
  });

  it('holds the comment periods of working agreements for the team; a withdrawn one is cancelled', async () => {
    const created = await post(owner, `/api/v1/products/${productId}/agreements`, {
      title: 'How we handle urgent bugs',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const propose = (body: string) =>
      post(owner, `/api/v1/agreements/${id}/versions`, {
        body,
        commentUntil: '2027-01-10T17:00:00.000Z',
        effectiveFrom: '2027-01-20T09:00:00.000Z',
      });
    expect((await propose('S1 defects: the root cause, with the tech lead.')).statusCode).toBe(201);
    const url = await feedUrl(team);
    const first = (await events(url))[`comment-period-${id}-v1@tandem`]!;
    expect(first.summary).toMatch(/^Comments close: How we handle urgent bugs, version 1 \(Calendar /);
    expect(first.start.toISOString()).toBe('2027-01-10T17:00:00.000Z');
    expect(first.status).toBe('CONFIRMED');
    expect(JSON.stringify(first.url)).toContain(`/p/CAL/agreements/${id}`);
    // A stakeholder cannot comment: not in their calendar.
    expect(Object.keys(await events(await feedUrl(customer)))).not.toContain(
      `comment-period-${id}-v1@tandem`,
    );
    // A newer proposal before the first took effect withdraws it: cancelled, with a higher SEQUENCE.
    expect((await propose('S1 defects: the root cause, with the tech lead, within a day.')).statusCode).toBe(
      201,
    );
    const after = await events(url);
    expect(after[`comment-period-${id}-v1@tandem`]!.status).toBe('CANCELLED');
    expect(after[`comment-period-${id}-v2@tandem`]!.status).toBe('CONFIRMED');
  });

  it('drops a product from the feed when the person leaves it', async () => {
    const url = await feedUrl(customer);
    expect(Object.keys(await events(url)).length).toBeGreaterThan(0);
    const r = await t.call(owner, {
      method: 'DELETE',
      url: `/api/v1/products/${productId}/members/${customer.id}`,
    });
    expect(r.statusCode, r.body).toBe(204);
    expect(await events(url)).toEqual({});
  });
});
