import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ensureAdmin } from '#app/bootstrap.ts';
import { createServices, type Services } from '#app/services.ts';
import { type EmbeddedDatabase, startEmbedded } from '#db/embedded.ts';
import { migrate } from '#db/migrate.ts';
import { createPool } from '#db/pool.ts';
import { createStore } from '#db/store.ts';
import { type DatabaseSupervisor, superviseEmbedded } from '#db/supervisor.ts';
import { buildServer } from '#http/server.ts';
import type { Config } from './config.ts';
import { openUrl } from './open-url.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface Running {
  app: FastifyInstance;
  services: Services;
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

/** Composition root: config → database → migrations → services → HTTP. */
export async function startTandem(
  config: Config,
  log: Logger,
  hooks: { afterMigrate?: (services: Services) => Promise<void> } = {},
): Promise<Running> {
  const db = await openDatabase(config, log);
  // A killed or crashed embedded server is started again; until then requests get 503.
  const database = db.embedded ? superviseEmbedded(db.embedded, { log }) : null;
  const stopDatabase = () => database?.stop() ?? db.embedded?.stop();
  const pool = createPool(db.url);
  try {
    const { applied } = await migrate(pool);
    if (applied.length) log.info({ applied }, 'database migrated');
    const store = createStore(pool);
    const services = createServices(store, {
      session: { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
    });
    if (config.admin) await ensureAdmin(services, config.admin, log);
    await hooks.afterMigrate?.(services);
    const app = await buildServer({
      services,
      logger: log,
      baseUrl: config.baseUrl,
      webDir: WEB_DIR,
      database: database ?? undefined,
    });
    await app.listen({ port: config.port, host: config.host });
    const url = openUrl(config.baseUrl, config.host, (app.server.address() as AddressInfo).port);
    let stopping: Promise<void> | undefined;
    return {
      app,
      services,
      url,
      databaseUrl: db.url,
      database,
      stop() {
        stopping ??= (async () => {
          await app.close();
          await services.close();
          await pool.end();
          await stopDatabase();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    await stopDatabase();
    throw err;
  }
}
