import type { Logger } from 'pino';
import { allClocks, allJobs, allTasks, wire } from '#capabilities/index.ts';
import { migrate } from '#db/migrate.ts';
import { createPool, createQueuePool } from '#db/pool.ts';
import { startReactions } from '#jobs/reactions.ts';
import { type Config, ConfigError, loadConfig } from '#server/config.ts';
import { createLogger } from '#server/logger.ts';
import { mailFromConfig } from '#server/mail-setup.ts';
import { seedDemo } from './demo/index.ts';
import { signInLines } from './demo/sign-ins.ts';

/**
 * `tandem worker`: only the reactions worker, for running it apart from the web processes
 * (set TANDEM_WORKER=off on those). Needs DATABASE_URL: the embedded database belongs to
 * `tandem start`, which runs the worker itself.
 */
async function runWorker(config: Config, log: Logger) {
  if (!config.databaseUrl) {
    console.error(
      'tandem worker needs DATABASE_URL; with the embedded database, tandem start runs the worker.',
    );
    process.exit(2);
  }
  const pool = createPool(config.databaseUrl, 5);
  await migrate(pool);
  const mail = mailFromConfig(config);
  const { store, services } = wire(pool, {
    session: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
    webhooks: config.webhooks,
    mail: mail.setup,
  });
  // The queue's own connections, which wait for a restarting database (db/pool.ts).
  const queuePool = createQueuePool(config.databaseUrl, 12);
  const reactions = await startReactions({
    store,
    databaseUrl: config.databaseUrl,
    queuePool,
    log,
    subscribers: allJobs,
    clocks: allClocks,
    tasks: allTasks(services),
    mail,
    silentAfterMs: config.workerTakeoverMs,
    heartbeatMs: Math.min(15_000, config.workerTakeoverMs / 4),
  });
  console.log('Tandem reactions worker is running.');
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    reactions
      .stop()
      .then(() => Promise.all([queuePool.end(), pool.end()]))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** The `tandem` command: start (default), migrate, demo, worker. */
async function main(command: string) {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (command === 'worker') return runWorker(config, log);
  // Loaded here, not above: the embedded server's package takes over SIGTERM (it exits the
  // process once its own clusters stopped), which would cut a worker's clean stop short.
  const { openDatabase, startTandem } = await import('#server/main.ts');
  if (command === 'migrate') {
    const db = await openDatabase(config, log);
    const pool = createPool(db.url, 2);
    const { applied } = await migrate(pool);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    await pool.end();
    await db.embedded?.stop();
    return;
  }
  if (command !== 'start' && command !== 'demo') {
    console.error(`Unknown command "${command}". Use: start | migrate | demo | worker`);
    process.exit(2);
  }
  let demo: Awaited<ReturnType<typeof seedDemo>> = null;
  const running = await startTandem(config, log, {
    afterMigrate: async (tandem) => {
      if (!config.demo && command !== 'demo') return;
      demo = await seedDemo(tandem);
    },
  });
  // The sign-ins once the address is known: the VIP's personal link is a full URL.
  if (demo) console.log(signInLines(demo, running.url).join('\n'));
  // Printed whatever the log level (scripts wait for it), after the demo sign-ins: the last line.
  console.log(`Tandem is running at ${running.url}`);
  let closing = false;
  const shutdown = (signal: string, code = 0) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    running.stop().then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // The embedded database could not be started again: exit, so a service manager can restart us.
  running.database?.onChange((state) => state === 'failed' && shutdown('database failed', 1));
}

main(process.argv[2] ?? 'start').catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
