import { createRepos } from '#capabilities/index.ts';
import { createPool } from '#db/pool.ts';
import { createStore } from '#db/store.ts';
import { startReactions } from '#jobs/reactions.ts';
import { defineSubscriber } from '#jobs/subscriber.ts';
import { createLogger } from '#server/logger.ts';

/**
 * A worker process for reactions-crash.int.test.ts, which SIGKILLs it mid-batch: one slow
 * subscriber whose committed effect is a marker event `handled:<event id>` (not idempotent by
 * itself, so a repeated effect would show as two markers).
 */
const url = process.env.TEST_DATABASE_URL!;
const delayMs = Number(process.env.TEST_DELAY_MS ?? 30);
const pool = createPool(url, 8);
const store = createStore(pool, createRepos);
const slow = defineSubscriber({
  name: 'test-slow',
  eventTypes: ['item.commented'],
  async handle(event, ctx) {
    await ctx.repos.events.appendMany([
      {
        productId: null,
        actorId: null,
        entityType: 'api_token',
        entityId: `handled:${event.id}`,
        type: 'token.revoked',
      },
    ]);
    // Slow inside the transaction: a kill lands between the effect and its commit, or after it.
    await new Promise((r) => setTimeout(r, delayMs));
  },
});
await startReactions({
  store,
  databaseUrl: url,
  log: createLogger('silent'),
  subscribers: [slow],
  concurrency: 4,
  pollInterval: 200,
  heartbeatMs: 300,
  silentAfterMs: Number(process.env.TEST_SILENT_MS ?? 1_000),
});
process.stdout.write('ready\n');
