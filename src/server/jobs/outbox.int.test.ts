import { beforeAll, describe, expect, it } from 'vitest';
import { startReactions } from '#jobs/reactions.ts';
import { defineSubscriber } from '#jobs/subscriber.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * The outbox is the events table's trigger, so every writer enqueues, including the items
 * repository's moveMany, which appends its item.moved rows in its own SQL statement.
 */
let t: TestApp;
let po: TestUser;
let productId: string;

const moves = defineSubscriber({ name: 'test-moves', eventTypes: ['item.moved'], async handle() {} });

beforeAll(async () => {
  t = await createTestApp();
  // Installs the queue and the subscription list, without running a worker: jobs stay queued.
  await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    work: false,
    subscribers: [moves],
  });
  po = await t.user('Olive Owner');
  productId = (await t.product(po, 'VIP Meetings', 'VIP')).id;
});

const item = async (title: string): Promise<string> => {
  const r = await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title, problem: 'Someone needs it.' },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
};

describe('the outbox', () => {
  it('enqueues one job per subscribed event in the writing transaction, keyed subscriber:event', async () => {
    const a = await item('A');
    const b = await item('B');
    const jobs = async () =>
      (
        await t.pool.query<{ key: string; task: string }>(
          'select key, task_identifier as task from graphile_worker.jobs',
        )
      ).rows;
    expect(await jobs()).toEqual([]); // item.created has no subscriber here
    const r = await t.call(po, { method: 'POST', url: `/api/v1/items/${b}/move`, payload: { before: a } });
    expect(r.statusCode, r.body).toBe(200);
    const moved = await t.pool.query<{ id: number }>(`select id from events where type = 'item.moved'`);
    expect(moved.rows).toHaveLength(1);
    expect(await jobs()).toEqual([{ key: `test-moves:${moved.rows[0]!.id}`, task: 'test-moves' }]);
    // Admins see it waiting (no worker runs in this file), named by its event.
    const admin = await t.user('Ada Admin', { admin: true });
    const pending = (await t.call(admin, { method: 'GET', url: '/api/v1/admin/jobs?state=pending' })).json();
    expect(pending.jobs).toMatchObject([
      {
        subscriber: 'test-moves',
        eventId: String(moved.rows[0]!.id),
        eventType: 'item.moved',
        productId,
        attempts: 0,
        state: 'pending',
      },
    ]);
    const failed = (await t.call(admin, { method: 'GET', url: '/api/v1/admin/jobs?state=failed' })).json();
    expect(failed.jobs).toEqual([]);
  });

  it('enqueues nothing when the write rolls back', async () => {
    const before = (await t.pool.query('select count(*)::int as n from graphile_worker.jobs')).rows[0].n;
    await expect(
      t.store.transaction(async (r) => {
        await r.events.appendMany([
          {
            productId,
            actorId: po.id,
            entityType: 'item',
            entityId: 'x',
            type: 'item.moved',
            after: { rank: 'a0' },
          },
        ]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await t.pool.query('select count(*)::int as n from graphile_worker.jobs')).rows[0].n).toBe(
      before,
    );
  });
});
