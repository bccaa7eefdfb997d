import { allJobs, allTasks, wire } from '#capabilities/index.ts';
import { createPool } from '#db/pool.ts';
import { startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';

/**
 * A Tandem worker process for webhooks-crash.int.test.ts, which SIGKILLs it while a webhook is in
 * flight (sent, the receiver not yet answered, nothing recorded): every capability's reactions and
 * tasks, private targets allowed (the receiver is on 127.0.0.1).
 */
const url = process.env.TEST_DATABASE_URL!;
const pool = createPool(url, 6);
const { store, services } = wire(pool, {
  session: { idleMs: 3600_000, maxMs: 86_400_000 },
  webhooks: { allowPrivate: true },
});
await startReactions({
  store,
  databaseUrl: url,
  log: createLogger('silent'),
  subscribers: allJobs,
  tasks: allTasks(services),
  pollInterval: 200,
  heartbeatMs: 300,
  silentAfterMs: 1_000,
});
process.stdout.write('ready\n');
