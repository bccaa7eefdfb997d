import { beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '#app/events.ts';
import { MAIL_OFF } from '#app/mail/ports.ts';
import { toStoredEvent } from '#app/reactions/stored-event.ts';
import { allJobs } from '#capabilities/index.ts';
import { acceptedNotices, releaseShippedNotices } from '#jobs/close-the-loop.job.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { eventually } from '#testing/eventually.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Close the loop (issue 10): an item with requests, supporters, voters and sad answers is accepted
 * (and the acceptance retried, and its release shipped): each of those people, still a member,
 * gets ONE "What you asked for shipped" notice; the requester hears each status change; the bell
 * lists only the caller's own, unread first.
 */
let t: TestApp;
let worker: Reactions;
let po: TestUser;
let tina: TestUser;
let stan: TestUser; // requester (also votes: counted once)
let sue: TestUser; // supporter
let vic: TestUser; // voter
let sid: TestUser; // sad at the review
let hap: TestUser; // happy at the review: not told
let fred: TestUser; // was sad, then left the product
let productId: string;
let productKey: string;
let itemId: string;
let sprintId: string;
let requestId: string;
let releaseId: string;

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.pool.query<T & Record<string, unknown>>(sql, params).then((r) => r.rows);
const one = async (sql: string, params: unknown[] = []) => (await q<{ id: string }>(sql, params))[0]!.id;
const count = async (sql: string, params: unknown[] = []) =>
  Number((await q<{ n: string }>(sql, params))[0]!.n);

const queueEmpty = () =>
  eventually(async () => (await count('select count(*) as n from graphile_worker.jobs')) === 0);

const api = (as: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(as, { method, url, ...(payload ? { payload } : {}) });

const shippedFor = (u: TestUser) =>
  count(`select count(*) as n from notices where recipient_id = $1 and cause_key = $2`, [
    u.id,
    `shipped:${itemId}`,
  ]);

beforeAll(async () => {
  t = await createTestApp();
  worker = await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs,
    pollInterval: 100,
    heartbeatMs: 500,
  });
  po = await t.user('Olive Owner');
  tina = await t.user('Tina Team');
  stan = await t.user('Stan Requester');
  sue = await t.user('Sue Supporter');
  vic = await t.user('Vic Voter');
  sid = await t.user('Sid Sad');
  hap = await t.user('Hap Happy');
  fred = await t.user('Fred Former');
  ({ id: productId, key: productKey } = await t.product(po, 'VIP Meetings', 'VIP'));
  await t.addMember(po, productId, tina, 'team');
  for (const u of [stan, sue, vic, sid, hap, fred]) await t.addMember(po, productId, u, 'stakeholder');

  const item = await api(po, 'POST', `/api/v1/products/${productId}/items`, {
    type: 'story',
    title: 'Export the guest list',
    problem: 'The secretariat retypes the list for the hotel.',
    acceptanceCriteria: [{ given: 'a meeting', when: 'I export', then: 'I get a CSV' }],
  });
  expect(item.statusCode, item.body).toBe(201);
  itemId = item.json().id;
  await q(`update items set status = 'ready', size = 3 where id = $1`, [itemId]);

  // Requests, supporters, votes and review answers: the other engineers' APIs, seeded as rows.
  requestId = await one(
    `insert into requests (product_id, title, problem, status, item_id, requester_id, published, supporters)
     values ($1, 'Guest list as a file', 'We retype it', 'planned', $2, $3, true, 1) returning id`,
    [productId, itemId, stan.id],
  );
  await q(`insert into request_supporters (request_id, user_id) values ($1, $2)`, [requestId, sue.id]);
  // A declined request for the same item tells nobody that it shipped.
  await q(
    `insert into requests (product_id, title, problem, status, item_id, requester_id, decline_reason)
     values ($1, 'Print it', 'Paper', 'declined', $2, $3, 'Not printing')`,
    [productId, itemId, hap.id],
  );
  releaseId = await one(`insert into releases (product_id, name) values ($1, 'Spring') returning id`, [
    productId,
  ]);
  for (const u of [vic, stan]) {
    await q(`insert into release_voters (release_id, user_id, total) values ($1, $2, 3)`, [releaseId, u.id]);
    await q(`insert into release_votes (release_id, user_id, item_id, points) values ($1, $2, $3, 3)`, [
      releaseId,
      u.id,
      itemId,
    ]);
  }
  const sprint = await api(tina, 'POST', `/api/v1/products/${productId}/sprints`, {
    name: 'Sprint 1',
    startDate: '2025-03-03',
    endDate: '2025-03-14',
    capacity: { unit: 'points', points: 20 },
  });
  expect(sprint.statusCode, sprint.body).toBe(201);
  sprintId = sprint.json().id;
  const reviewId = await one(
    `insert into customer_reviews (product_id, sprint_id, opened_by) values ($1, $2, $3) returning id`,
    [productId, sprintId, po.id],
  );
  await q(
    `insert into review_increments (review_id, item_id, position, what_changed) values ($1, $2, 0, $3)`,
    [reviewId, itemId, 'You can download the guest list as a CSV for the hotel.'],
  );
  for (const [u, mood] of [
    [sid, 'sad'],
    [hap, 'happy'],
    [fred, 'sad'],
  ] as const)
    await q(
      `insert into review_answers (review_id, item_id, user_id, mood, comment) values ($1, $2, $3, $4, 'x')`,
      [reviewId, itemId, u.id, mood],
    );
  const removed = await t.call(po, {
    method: 'DELETE',
    url: `/api/v1/products/${productId}/members/${fred.id}`,
  });
  expect(removed.statusCode, removed.body).toBeLessThan(300);

  expect((await api(tina, 'POST', `/api/v1/sprints/${sprintId}/items/${itemId}`)).statusCode).toBe(200);
  const started = await api(tina, 'POST', `/api/v1/sprints/${sprintId}/start`, { confirmOverForecast: true });
  expect(started.statusCode, started.body).toBe(200);
  return () => worker.stop();
});

const done = async () => {
  const dod = (await api(tina, 'GET', `/api/v1/products/${productId}/definition-of-done`)).json().checklist;
  const r = await api(tina, 'POST', `/api/v1/sprints/${sprintId}/items/${itemId}/done`, { checked: dod });
  expect(r.statusCode, r.body).toBe(200);
};

describe('close the loop', () => {
  it('tells requester, supporter, voter and sad answerer once each when the PO accepts', async () => {
    await done();
    const accepted = await api(po, 'POST', `/api/v1/sprints/${sprintId}/items/${itemId}/accept`, {
      comment: 'Good',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await eventually(async () => (await shippedFor(sid)) === 1);
    await queueEmpty();
    for (const u of [stan, sue, vic, sid]) expect(await shippedFor(u), u.name).toBe(1);
    // Happy answerers, the declined requester (happy too), a former member and the team hear nothing.
    for (const u of [hap, fred, tina, po]) expect(await shippedFor(u), u.name).toBe(0);

    const list = (await api(stan, 'GET', '/api/v1/me/notifications')).json();
    expect(list.unread).toBe(1);
    expect(list.notifications[0]).toMatchObject({
      kind: 'shipped',
      productKey,
      title: `What you asked for shipped: ${productKey}-1 Export the guest list`,
      body: 'You can download the guest list as a CSV for the hotel.',
      itemId,
      readAt: null,
    });
  });

  it("marks the item's open and planned requests shipped, with a request.shipped event", async () => {
    const rows = await q<{ status: string }>(
      `select status from requests where item_id = $1 order by status`,
      [itemId],
    );
    expect(rows.map((r) => r.status)).toEqual(['declined', 'shipped']);
    expect(
      await count(`select count(*) as n from events where type = 'request.shipped' and entity_id = $1`, [
        requestId,
      ]),
    ).toBe(1);
  });

  it('still leaves one notice per person when the acceptance is retried, the job runs twice and the release ships', async () => {
    // The PO rejects and accepts again: a second acceptance event.
    expect(
      (await api(po, 'POST', `/api/v1/sprints/${sprintId}/items/${itemId}/reject`, { comment: 'Oops' }))
        .statusCode,
    ).toBe(200);
    await done();
    expect(
      (await api(po, 'POST', `/api/v1/sprints/${sprintId}/items/${itemId}/accept`, { comment: 'Good' }))
        .statusCode,
    ).toBe(200);
    // The release holding it ships.
    await t.store.transaction((r) =>
      recordEvent(r, {
        productId,
        actorId: po.id,
        entityType: 'release',
        entityId: releaseId,
        type: 'release.shipped',
        after: { name: 'Spring', itemIds: [itemId] },
      }),
    );
    await queueEmpty();
    expect(
      await count(`select count(*) as n from reaction_receipts where subscriber = 'release-shipped-notices'`),
    ).toBe(1);
    // And the subscribers' handlers run again on the same events, as a replayed job would.
    const events = await q<{ id: string }>(
      `select id from events where product_id = $1 and (type = 'release.shipped' or (type = 'item.updated' and after->>'status' = 'accepted'))`,
      [productId],
    );
    expect(events).toHaveLength(3);
    for (const { id } of events) {
      for (let i = 0; i < 2; i++) {
        await t.store.transaction(async (r) => {
          const event = toStoredEvent((await r.events.byId(Number(id)))!);
          if (event.type === 'release.shipped')
            await releaseShippedNotices.handle(event, { repos: r, attempt: 2, mail: MAIL_OFF });
          if (event.type === 'item.updated')
            await acceptedNotices.handle(event, { repos: r, attempt: 2, mail: MAIL_OFF });
        });
      }
    }
    for (const u of [stan, sue, vic, sid]) expect(await shippedFor(u), u.name).toBe(1);
    for (const u of [hap, fred]) expect(await shippedFor(u), u.name).toBe(0);
    // The requester's "request shipped" is the same notice, not a second one.
    expect(await count(`select count(*) as n from notices where recipient_id = $1`, [stan.id])).toBe(1);
    expect(await count(`select count(*) as n from events where type = 'request.shipped'`)).toBe(1);
  });
});

describe('the requester hears every status change', () => {
  let other: string;
  beforeAll(async () => {
    other = await one(
      `insert into requests (product_id, title, problem, requester_id) values ($1, 'Badges', 'No names', $2) returning id`,
      [productId, sue.id],
    );
  });

  const triage = (status: 'planned' | 'declined', reason: string | null, linked: string | null) =>
    t.store.transaction(async (r) => {
      await q(`update requests set status = $2, decline_reason = $3, item_id = $4 where id = $1`, [
        other,
        status,
        reason,
        linked,
      ]);
      await recordEvent(r, {
        productId,
        actorId: po.id,
        entityType: 'request',
        entityId: other,
        type: 'request.triaged',
        before: { status: 'open', itemId: null },
        after: { action: status === 'declined' ? 'decline' : 'link', status, itemId: linked, reason },
      });
    });

  it('planned (with the item), then declined with the reason', async () => {
    await triage('planned', null, itemId);
    await queueEmpty();
    await triage('declined', 'We print nothing any more.', null);
    await queueEmpty();
    const mine = (await api(sue, 'GET', '/api/v1/me/notifications')).json();
    const requestNotices = mine.notifications.filter((n: { kind: string }) => n.kind === 'request_status');
    expect(requestNotices.map((n: { title: string; body: string | null }) => [n.title, n.body])).toEqual([
      ['Your request was declined: Badges', 'We print nothing any more.'],
      ['Your request is planned: Badges', `It is on the backlog as ${productKey}-1 Export the guest list.`],
    ]);
    expect(requestNotices[0].requestId).toBe(other);
  });

  it('tells nobody about a request of someone who left', async () => {
    const id = await one(
      `insert into requests (product_id, title, problem, requester_id) values ($1, 'Old', 'Old', $2) returning id`,
      [productId, fred.id],
    );
    await t.store.transaction((r) =>
      recordEvent(r, {
        productId,
        actorId: po.id,
        entityType: 'request',
        entityId: id,
        type: 'request.triaged',
        before: { status: 'open', itemId: null },
        after: { action: 'decline', status: 'declined', itemId: null, reason: 'Gone' },
      }),
    );
    await queueEmpty();
    expect(await count(`select count(*) as n from notices where recipient_id = $1`, [fred.id])).toBe(0);
  });
});

describe('the bell', () => {
  it('lists only my own, unread first then newest, and pages', async () => {
    // Sue has: shipped (older), planned, declined (newest). Read the newest: it goes last.
    const before = (await api(sue, 'GET', '/api/v1/me/notifications')).json();
    expect(before.total).toBe(3);
    expect(before.unread).toBe(3);
    const newest = before.notifications[0];
    const marked = await api(sue, 'POST', '/api/v1/me/notifications/read', { ids: [newest.id] });
    expect(marked.json()).toEqual({ marked: 1, unread: 2 });
    const after = (await api(sue, 'GET', '/api/v1/me/notifications')).json();
    expect(after.notifications.map((n: { id: string }) => n.id).at(-1)).toBe(newest.id);
    expect(after.notifications.slice(0, 2).every((n: { readAt: string | null }) => n.readAt === null)).toBe(
      true,
    );
    const page = (await api(sue, 'GET', '/api/v1/me/notifications?limit=1&offset=1')).json();
    expect(page.notifications).toHaveLength(1);
    expect(page.notifications[0].id).toBe(after.notifications[1].id);
    // Nobody else sees Sue's.
    const vics = (await api(vic, 'GET', '/api/v1/me/notifications')).json();
    expect(vics.notifications.map((n: { id: string }) => n.id)).not.toContain(newest.id);
    expect(vics.total).toBe(1);
  });

  it("marks only the caller's: someone else's ids are ignored and not revealed", async () => {
    const sues = (await api(sue, 'GET', '/api/v1/me/notifications')).json();
    const unreadOfSue = sues.notifications.filter((n: { readAt: string | null }) => !n.readAt);
    const vics = (await api(vic, 'GET', '/api/v1/me/notifications')).json();
    const res = await api(vic, 'POST', '/api/v1/me/notifications/read', {
      ids: [...unreadOfSue.map((n: { id: string }) => n.id), vics.notifications[0].id],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 1, unread: 0 });
    expect((await api(sue, 'GET', '/api/v1/me/notifications')).json().unread).toBe(unreadOfSue.length);
    const bad = await api(vic, 'POST', '/api/v1/me/notifications/read', { ids: ['nope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['ids.0']);
  });

  it('keeps the older mentions routes, listing mentions only', async () => {
    const res = await api(sue, 'GET', '/api/v1/me/notices');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ notices: [], unread: 0 });
  });

  it('streams the unread count live', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const ctrl = new AbortController();
    const res = await fetch(`${address}/api/v1/me/notifications/stream`, {
      headers: { cookie: tina.cookie },
      signal: ctrl.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let seen = '';
    const read = async (want: RegExp) => {
      while (!want.test(seen)) {
        const { value, done: end } = await reader.read();
        if (end) throw new Error(`stream ended: ${seen}`);
        seen += new TextDecoder().decode(value);
      }
    };
    await read(/event: unread\ndata: \{"unread":0\}/);
    // A notice for Hap written by a reaction (a mention on the item) rings the bell.
    // A stakeholder mentioned is not told (comments are internal); Tina's bell rings.
    const c = await api(po, 'POST', `/api/v1/items/${itemId}/comments`, {
      body: '@Hap Happy and @Tina Team look',
    });
    expect(c.statusCode, c.body).toBe(201);
    await read(/"unread":1\}/);
    ctrl.abort();
    const tinas = (await api(tina, 'GET', '/api/v1/me/notifications')).json();
    expect(tinas.notifications[0]).toMatchObject({
      kind: 'mention',
      title: `Olive Owner mentioned you on ${productKey}-1 “Export the guest list”`,
      body: '@Hap Happy and @Tina Team look',
    });
    expect(
      await count(`select count(*) as n from notices where recipient_id = $1 and kind = 'mention'`, [hap.id]),
    ).toBe(0);
  });
});
