import { afterAll, beforeAll, expect, it } from 'vitest';
import { allJobs, allTasks, wire } from '#capabilities/index.ts';
import { createPool } from '#db/pool.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { startReceiver } from '#testing/webhook-receiver.ts';

/**
 * Two Tandem instances on one database share the webhook work: every delivery reaches the
 * receiver, and no webhook-id arrives twice (graphile-worker's row locks and the per-delivery job
 * key decide who sends; no home-made lock). The receiver sees the ids, as a receiver would.
 */
const EVENTS = 120;
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const workers: Reactions[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  // Slow answers keep several deliveries in flight on both instances at once.
  receiver.answerWith(() => ({ status: 200, delayMs: 5 + Math.floor(Math.random() * 20) }));
  const settings = { allowPrivate: true };
  t = await createTestApp({ webhooks: settings });
  const poolB = createPool(t.pool.options.connectionString!, 6);
  afterAll(() => poolB.end());
  const b = wire(poolB, { session: { idleMs: 3600_000, maxMs: 86_400_000 }, webhooks: settings });
  for (const { store, services } of [t, b])
    workers.push(
      await startReactions({
        store,
        databaseUrl: t.pool.options.connectionString!,
        log: createLogger('silent'),
        subscribers: allJobs,
        tasks: allTasks(services),
        concurrency: 4,
        pollInterval: 100,
        heartbeatMs: 500,
      }),
    );
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await receiver?.close();
});

it(`delivers ${EVENTS} events to two endpoints exactly once each, across two instances`, async () => {
  const po = await t.user('Olive Owner');
  const { id: productId } = await t.product(po, 'Twin product', 'TWN');
  for (const path of ['/a', '/b']) {
    const res = await t.call(po, {
      method: 'POST',
      url: `/api/v1/products/${productId}/webhooks`,
      payload: { url: receiver.url(path), events: ['item.created'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    receiver.trust(path, res.json().secret);
  }
  await Promise.all(
    Array.from({ length: EVENTS }, (_, i) =>
      t.call(po, {
        method: 'POST',
        url: `/api/v1/products/${productId}/items`,
        payload: { type: 'story', title: `Item ${i}`, problem: 'Twice is once too many' },
      }),
    ),
  );
  const until = Date.now() + 60_000;
  while (receiver.received.length < EVENTS * 2 && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100));
  // Let anything that would be a duplicate arrive.
  await new Promise((r) => setTimeout(r, 1_000));
  const ids = receiver.received.map((r) => r.id);
  const counts = { received: ids.length, distinct: new Set(ids).size };
  console.log(`webhooks over two instances: ${JSON.stringify(counts)}`);
  expect(counts).toEqual({ received: EVENTS * 2, distinct: EVENTS * 2 });
  expect(receiver.received.every((r) => r.error === null)).toBe(true);
  const rows = await t.pool.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from webhook_deliveries group by status`,
  );
  expect(rows.rows).toEqual([{ status: 'sent', n: EVENTS * 2 }]);
});
