import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Services } from '#app/services.ts';
import type { Store } from '#app/store.ts';
import { allClocks, allJobs, allRoutes, allTasks, type Wiring, wire } from '#capabilities/index.ts';
import { type EmbeddedDatabase, startEmbedded } from '#db/embedded.ts';
import { migrate } from '#db/migrate.ts';
import { createPool, createQueuePool } from '#db/pool.ts';
import { type DatabaseSupervisor, superviseEmbedded } from '#db/supervisor.ts';
import { buildServer } from '#http/server.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import type { Config } from './config.ts';
import { mailFromConfig } from './mail-setup.ts';
import { openUrl } from './open-url.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface Running {
  app: FastifyInstance;
  services: Services;
  /** The store, for the demo builder; requests reach data through `services`. */
  store: Store;
  url: string;
  databaseUrl: string;
  /** The embedded database's supervisor (null with DATABASE_URL). */
  database: DatabaseSupervisor | null;
  stop(): Promise<void>;
}

/** Resolves the database: DATABASE_URL in production, else the embedded server in the data folder. */
export async function openDatabase(
  config: Config,
  log: Logger,
): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbedded(config.dataDir, (msg) => log.info(msg));
  return { url: embedded.url, embedded };
}

/** Composition root: config → database → migrations → capabilities (store, services) → HTTP. */
export async function startTandem(
  config: Config,
  log: Logger,
  hooks: { afterMigrate?: (tandem: Wiring) => Promise<void> } = {},
): Promise<Running> {
  const db = await openDatabase(config, log);
  // A killed or crashed embedded server is started again; until then requests get 503.
  const database = db.embedded ? superviseEmbedded(db.embedded, { log }) : null;
  const stopDatabase = () => database?.stop() ?? db.embedded?.stop();
  const pool = createPool(db.url);
  // The job queue's own connections: its two worker pools (reactions 2 at once, sends 8) fetch
  // jobs and LISTEN for new ones through them; handlers use `pool`.
  const queuePool = createQueuePool(db.url, 12);
  let reactions: Reactions | undefined;
  try {
    const { applied } = await migrate(pool);
    if (applied.length) log.info({ applied }, 'database migrated');
    const mail = mailFromConfig(config);
    const { store, services } = wire(pool, {
      session: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
      signIn: { password: config.passwordSignIn, sso: config.sso },
      webhooks: config.webhooks,
      mail: mail.setup,
    });
    // After the migrations: reactions install graphile-worker's schema, then run its worker.
    reactions = await startReactions({
      store,
      databaseUrl: db.url,
      queuePool,
      log,
      work: config.worker,
      subscribers: allJobs,
      clocks: allClocks,
      tasks: allTasks(services),
      mail,
      silentAfterMs: config.workerTakeoverMs,
      heartbeatMs: Math.min(15_000, config.workerTakeoverMs / 4),
    });
    if (config.admin && (await services.auth.ensureAdmin(config.admin)))
      log.info({ email: config.admin.email }, 'created the admin from TANDEM_ADMIN_EMAIL');
    await hooks.afterMigrate?.({ store, services });
    const app = await buildServer({
      services,
      routes: allRoutes,
      logger: log,
      baseUrl: config.baseUrl,
      webDir: WEB_DIR,
      trustProxy: config.trustProxy,
      database: database ?? undefined,
    });
    await app.listen({ port: config.port, host: config.host });
    const url = openUrl(config.baseUrl, config.host, (app.server.address() as AddressInfo).port);
    // Without TANDEM_BASE_URL, mails link to the address Tandem now listens on.
    if (!config.baseUrl) mail.setup.publicUrl = url;
    let stopping: Promise<void> | undefined;
    return {
      app,
      services,
      store,
      url,
      databaseUrl: db.url,
      database,
      stop() {
        stopping ??= (async () => {
          await app.close();
          await reactions?.stop();
          await queuePool.end();
          await services.close();
          await pool.end();
          await stopDatabase();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await reactions?.stop().catch(() => undefined);
    await queuePool.end().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await stopDatabase();
    throw err;
  }
}
