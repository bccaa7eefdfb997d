import { migrate } from '#db/migrate.ts';
import { createPool } from '#db/pool.ts';
import { ConfigError, loadConfig } from '#server/config.ts';
import { createLogger } from '#server/logger.ts';
import { openDatabase, startTandem } from '#server/main.ts';
import { seedDemo } from './demo/index.ts';
import { signInLines } from './demo/sign-ins.ts';

/** The `tandem` command: start (default), migrate, demo. */
async function main(command: string) {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
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
    console.error(`Unknown command "${command}". Use: start | migrate | demo`);
    process.exit(2);
  }
  const running = await startTandem(config, log, {
    afterMigrate: async (services) => {
      if (!config.demo && command !== 'demo') return;
      const result = await seedDemo(services);
      if (result) console.log(signInLines(result).join('\n'));
    },
  });
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
