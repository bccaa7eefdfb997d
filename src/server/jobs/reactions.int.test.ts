import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes, wire } from '#capabilities/index.ts';
import { createPool } from '#db/pool.ts';
import { buildServer } from '#http/server.ts';
import { mentionNotices } from '#jobs/mention-notices.job.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { type AnySubscriber, defineSubscriber } from '#jobs/subscriber.ts';
import { createLogger } from '#server/logger.ts';
import { eventually } from '#testing/eventually.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Two Tandem instances (each an HTTP server with its own pool and its own in-process worker) on
 * one database, with the real mention subscriber and two test subscribers.
 */
let t: TestApp;
let b: Awaited<ReturnType<typeof buildServer>>;
const workers: Reactions[] = [];
let po: TestUser;
let tom: TestUser;
let tess: TestUser;
let admin: TestUser;
let productId: string;
let itemId: string;

/** Handler runs per event id, across both instances (same test process). */
const runs = new Map<number, number>();
const counting = defineSubscriber({
  name: 'test-counting',
  eventTypes: ['item.commented'],
  async handle(event, ctx) {
    runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
    // A committed effect that is not idempotent by itself: only the receipt keeps it single.
    await ctx.repos.events.appendMany([
      {
        productId: null,
        actorId: null,
        entityType: 'api_token',
        entityId: `handled:${event.id}`,
        type: 'token.revoked',
      },
    ]);
  },
});
let failing = false;
const flaky = defineSubscriber({
  name: 'test-flaky',
  eventTypes: ['item.commented'],
  maxAttempts: 2,
  async handle() {
    if (failing) throw new Error('The mail server said no');
  },
});
const subscribers: AnySubscriber[] = [mentionNotices, counting, flaky];

const log = createLogger('silent');
const url = () => t.pool.options.connectionString!;

beforeAll(async () => {
  t = await createTestApp();
  const poolB = createPool(url(), 5);
  const { store: storeB, services: servicesB } = wire(poolB, {
    session: { idleMs: 3600_000, maxMs: 86_400_000 },
  });
  b = await buildServer({ services: servicesB, routes: allRoutes, logger: log, checkResponses: true });
  await b.ready();
  for (const store of [t.store, storeB])
    workers.push(
      await startReactions({
        store,
        databaseUrl: url(),
        log,
        subscribers,
        pollInterval: 200,
        heartbeatMs: 500,
      }),
    );
  po = await t.user('Olive Owner');
  tom = await t.user('Tom Team');
  tess = await t.user('Tess Tester');
  admin = await t.user('Ada Admin', { admin: true });
  productId = (await t.product(po, 'VIP Meetings', 'VIP')).id;
  await t.addMember(po, productId, tom, 'team');
  await t.addMember(po, productId, tess, 'team');
  const item = await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title: 'Import profiles', problem: 'Members retype their profiles.' },
  });
  itemId = item.json().id;
  return async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await b.close();
    await servicesB.close();
    await poolB.end();
  };
});
afterAll(() => undefined);

const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

function comment(onB: boolean, as: TestUser, body: string) {
  const opts = {
    method: 'POST' as const,
    url: `/api/v1/items/${itemId}/comments`,
    payload: { body },
    headers: { origin: 'http://localhost', host: 'localhost', cookie: as.cookie },
  };
  return onB ? b.inject(opts) : t.call(as, opts);
}

describe('reactions on the job queue', () => {
  it('handles events written by two instances exactly once per subscriber, with one notice per mention', async () => {
    const n = 24;
    const writes = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        comment(i % 2 === 1, po, `@Tom Team and @Tess Tester, see step ${i} (@olive)`),
      ),
    );
    for (const w of writes) expect(w.statusCode, w.body).toBe(201);
    const events = await count(`select count(*) as n from events where type = 'item.commented'`);
    expect(events).toBe(n);
    await eventually(async () => (await count('select count(*) as n from reaction_receipts')) === n * 3);

    for (const s of subscribers)
      expect(await count('select count(*) as n from reaction_receipts where subscriber = $1', [s.name])).toBe(
        n,
      );
    expect([...runs.values()]).toEqual(Array(n).fill(1));
    expect(
      await count(
        `select count(*) as n from (select entity_id from events where entity_id like 'handled:%'
          group by entity_id having count(*) = 1) x`,
      ),
    ).toBe(n);
    // Tom and Tess get one notice per comment; the author's own @olive tells nobody.
    expect(await count('select count(*) as n from notices where recipient_id = $1', [tom.id])).toBe(n);
    expect(await count('select count(*) as n from notices where recipient_id = $1', [tess.id])).toBe(n);
    expect(await count('select count(*) as n from notices where recipient_id = $1', [po.id])).toBe(0);
    // Nothing is left on the queue.
    expect(await count('select count(*) as n from graphile_worker.jobs')).toBe(0);
  });

  it('does nothing when a job runs again for an event it already handled (the receipt)', async () => {
    const eventId = await count(`select min(id) as n from events where type = 'item.commented'`);
    const markers = `select count(*) as n from events where entity_id = 'handled:' || $1`;
    expect(await count(markers, [eventId])).toBe(1);
    // As if a worker died after the effect committed and the job came back: a second job, same event.
    await t.pool.query(
      `select graphile_worker.add_job('test-counting', json_build_object('eventId', $1::bigint), job_key => 'replay:' || $1)`,
      [eventId],
    );
    await eventually(async () => (await count('select count(*) as n from graphile_worker.jobs')) === 0);
    expect(await count(markers, [eventId])).toBe(1);
    expect(runs.get(eventId)).toBe(1);
  });

  it('lists my notices in words, and marks one read (only mine)', async () => {
    const res = await t.call(tom, { method: 'GET', url: '/api/v1/me/notices' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unread).toBe(24);
    expect(body.notices[0]).toMatchObject({
      kind: 'mention',
      productKey: 'VIP',
      actorName: 'Olive Owner',
      itemKey: 'VIP-1',
      itemTitle: 'Import profiles',
      readAt: null,
    });
    expect(body.notices[0].excerpt).toMatch(/^@Tom Team and @Tess Tester, see step/);
    const id = body.notices[0].id;
    expect((await t.call(tess, { method: 'POST', url: `/api/v1/me/notices/${id}/read` })).statusCode).toBe(
      404,
    );
    expect((await t.call(tom, { method: 'POST', url: `/api/v1/me/notices/${id}/read` })).statusCode).toBe(
      200,
    );
    const after = (await t.call(tom, { method: 'GET', url: '/api/v1/me/notices' })).json();
    expect(after.unread).toBe(23);
    expect(after.notices.find((x: { id: string }) => x.id === id).readAt).not.toBeNull();
  });

  it('moves a failing reaction to failed after its attempts, shows it to admins, and retries it', async () => {
    failing = true;
    const res = await comment(false, po, 'No mentions here');
    expect(res.statusCode).toBe(201);
    const eventId = await count(`select max(id) as n from events where type = 'item.commented'`);
    // Two attempts with graphile-worker's back-off between them (about e¹ ≈ 2.7 s).
    type Listed = { id: string; subscriber: string; eventId: string; lastError: string; attempts: number };
    let failed: Listed | undefined;
    await eventually(async () => {
      const list = await t.call(admin, { method: 'GET', url: '/api/v1/admin/jobs?state=failed' });
      failed = (list.json().jobs as Listed[]).find((j) => j.eventId === String(eventId));
      return failed !== undefined;
    });
    expect(failed).toMatchObject({ subscriber: 'test-flaky', attempts: 2, eventType: 'item.commented' });
    expect(failed!.lastError).toContain('The mail server said no');
    expect(
      await count('select count(*) as n from reaction_receipts where event_id = $1 and subscriber = $2', [
        eventId,
        'test-flaky',
      ]),
    ).toBe(0);
    // Other subscribers of the same event were not held back by it.
    expect(await count('select count(*) as n from reaction_receipts where event_id = $1', [eventId])).toBe(2);
    expect(
      (await t.call(po, { method: 'GET', url: '/api/v1/admin/jobs?state=failed' })).statusCode,
      'not an admin',
    ).toBe(403);

    failing = false;
    const retry = await t.call(admin, { method: 'POST', url: `/api/v1/admin/jobs/${failed!.id}/retry` });
    expect(retry.statusCode, retry.body).toBe(200);
    await eventually(
      async () =>
        (await count('select count(*) as n from reaction_receipts where event_id = $1 and subscriber = $2', [
          eventId,
          'test-flaky',
        ])) === 1,
    );
    const list = (await t.call(admin, { method: 'GET', url: '/api/v1/admin/jobs?state=failed' })).json();
    expect(list.jobs).toEqual([]);
    const again = await t.call(admin, { method: 'POST', url: `/api/v1/admin/jobs/${failed!.id}/retry` });
    expect(again.statusCode).toBe(404);
  });
});
