import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { hashPassword } from '#app/secrets.ts';
import type { Services } from '#app/services.ts';
import type { Store } from '#app/store.ts';
import { allRoutes, wire } from '#capabilities/index.ts';
import { migrate } from '#db/migrate.ts';
import { createPool } from '#db/pool.ts';
import { buildServer, SESSION_COOKIE } from '#http/server.ts';
import { createLogger } from '#server/logger.ts';

/** The PostgreSQL the benchmarks use: a fresh database on it per run, dropped afterwards. */
export const BENCH_PG = process.env.TANDEM_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PASSWORD = 'bench password 123';

export interface BenchServer {
  url: string;
  pool: pg.Pool;
  services: Services;
  /** For arranging data directly, beside the API. */
  store: Store;
  /** Creates a user and signs them in; returns the id and session cookie. */
  user(name: string): Promise<{ id: string; cookie: string }>;
  stop(): Promise<void>;
}

/** A real Tandem server (Fastify listening on a port) over a fresh, migrated database. */
export async function startBenchServer(label: string): Promise<BenchServer> {
  const name = `tandem_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(BENCH_PG);
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(BENCH_PG);
  u.pathname = `/${name}`;
  const pool = createPool(u.toString(), 30);
  await migrate(pool);
  const { store, services } = wire(pool, { session: { idleMs: 3600_000, maxMs: 86_400_000 } });
  const app = await buildServer({ services, routes: allRoutes, logger: createLogger('silent') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const hash = await hashPassword(PASSWORD);
  let seq = 0;
  return {
    url,
    pool,
    services,
    store,
    async user(userName) {
      seq += 1;
      const email = `bench${seq}@example.test`;
      const created = await store.read.users.insert({
        email,
        name: userName,
        passwordHash: hash,
        workspaceRole: seq === 1 ? 'admin' : 'member',
      });
      // Signs in through the use case: the HTTP login is rate limited per IP, as it should be.
      const { sessionId } = await services.auth.login(email, PASSWORD);
      const cookie = `${SESSION_COOKIE}=${sessionId}`;
      return { id: created.id, cookie };
    },
    async stop() {
      await app.close();
      // The change feed holds a pooled connection for LISTEN; the pool cannot end while it does.
      await services.close();
      await pool.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function verdict(label: string, value: number, target: number, unit = 'ms'): boolean {
  const ok = value <= target;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}: ${value.toFixed(1)} ${unit} (target ≤ ${target} ${unit})`);
  return ok;
}
