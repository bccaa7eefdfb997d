import { performance } from 'node:perf_hooks';
import { allJobs, allTasks, wire } from '#capabilities/index.ts';
import { CreateItemBody } from '#contracts/items.ts';
import { migrate } from '#db/migrate.ts';
import { createPool } from '#db/pool.ts';
import { startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { startReceiver } from '#testing/webhook-receiver.ts';
import { scratchDatabase } from './bench-kit.ts';
import { verdict } from './sprints-harness.ts';

/**
 * Webhooks (issue 12): a delivery starts ≤ 1 s (p95) after the commit of its event. Tandem as it
 * runs by default (the worker in the app process, graphile-worker woken by NOTIFY, its 2 s poll as
 * the fallback), a real receiver on 127.0.0.1, two endpoints asking for item.created. Each item is
 * created through the use case; the clock starts when the create returned (committed) and stops
 * when the receiver has the request. Events are spaced out (one every 25 ms) and also sent in
 * bursts of 20, so the figure covers an idle worker being woken and a queue with work in it.
 */
const SPACED = 150;
const BURSTS = 5;
const BURST = 20;

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const db = await scratchDatabase();
const pool = createPool(db.url, 20);
const receiver = await startReceiver();
let ok = false;
let closeServices: () => Promise<void> = async () => {};
try {
  await migrate(pool);
  const { store, services } = wire(pool, {
    session: { idleMs: 3600_000, maxMs: 86_400_000 },
    webhooks: { allowPrivate: true },
  });
  closeServices = () => services.close();
  const reactions = await startReactions({
    store,
    databaseUrl: db.url,
    log: createLogger('silent'),
    subscribers: allJobs,
    tasks: allTasks(services),
  });
  const user = await store.read.users.insert({
    email: 'olive@bench.test',
    name: 'Olive Owner',
    passwordHash: null,
    workspaceRole: 'admin',
  });
  const actor = { userId: user.id, name: user.name, email: user.email, workspaceRole: 'admin' as const };
  const product = await services.products.create(actor, {
    name: 'VIP Meetings',
    key: 'VIP',
    description: '',
  });
  const ctx = { actor, productId: product.id, role: 'owner' as const };
  for (const path of ['/a', '/b']) {
    const { secret } = await services.webhooks.create(ctx, {
      url: receiver.url(path),
      events: ['item.created'],
      description: '',
    });
    receiver.trust(path, secret);
  }

  // item id → when its create committed; the receiver's requests carry the item id in the body.
  const committed = new Map<string, number>();
  const create = async (n: number) => {
    const item = await services.items.create(
      ctx,
      CreateItemBody.parse({ type: 'story', title: `Item ${n}`, problem: 'A receiver hears of it' }),
    );
    committed.set(item.id, performance.now());
  };
  for (let i = 0; i < SPACED; i++) {
    await create(i);
    await new Promise((r) => setTimeout(r, 25));
  }
  for (let b = 0; b < BURSTS; b++) {
    await Promise.all(Array.from({ length: BURST }, (_, i) => create(SPACED + b * BURST + i)));
    await new Promise((r) => setTimeout(r, 300));
  }
  const expected = committed.size * 2;
  const until = Date.now() + 30_000;
  while (receiver.received.length < expected && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));

  const delays = receiver.received
    .map((r) => {
      const itemId = (JSON.parse(r.body) as { data: { entity: { id: string } } }).data.entity.id;
      return r.at - committed.get(itemId)!;
    })
    .sort((a, b) => a - b);
  const bad = receiver.received.filter((r) => r.error !== null).length;
  console.log(
    `${delays.length}/${expected} deliveries received (${bad} failed verification); commit → request: median ${pct(delays, 0.5).toFixed(1)} ms, p95 ${pct(delays, 0.95).toFixed(1)} ms, p99 ${pct(delays, 0.99).toFixed(1)} ms, max ${delays.at(-1)!.toFixed(1)} ms`,
  );
  ok =
    delays.length === expected &&
    bad === 0 &&
    verdict('a webhook delivery starts after the commit (p95)', pct(delays, 0.95), 1000);
  await reactions.stop();
} finally {
  await closeServices();
  await receiver.close();
  await pool.end();
  await db.drop();
}
process.exit(ok ? 0 : 1);
