import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
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

export interface ProductBench {
  server: BenchServer;
  owner: { id: string; cookie: string };
  /** Headers that call the API as the owner. */
  headers: Record<string, string>;
  pid: string;
  db: pg.Pool;
}

/**
 * The seeded benches' frame: a bench server, its first user (the owner, an admin) signed in, and
 * their product created over HTTP; `run` seeds and measures and says whether every figure met its
 * target. The server stops whatever happens; the result is that verdict.
 */
export async function productBench(
  label: string,
  opts: { owner: string; product: { name: string; key: string } },
  run: (b: ProductBench) => Promise<boolean>,
): Promise<boolean> {
  const server = await startBenchServer(label);
  try {
    const owner = await server.user(opts.owner);
    const headers = { 'content-type': 'application/json', origin: server.url, cookie: owner.cookie };
    const res = await fetch(`${server.url}/api/v1/products`, {
      method: 'POST',
      headers,
      body: JSON.stringify(opts.product),
    });
    if (!res.ok) throw new Error(`product not created: ${res.status} ${await res.text()}`);
    const pid = ((await res.json()) as { id: string }).id;
    return await run({ server, owner, headers, pid, db: server.pool });
  } finally {
    await server.stop();
  }
}

/**
 * `insertItems` (an `insert into items (…, number, …) select …` without `returning`) with each
 * new item ranked by its number in item_order, as one statement.
 */
export const insertRankedItems = (insertItems: string) =>
  `with i as (
     ${insertItems}
     returning id, product_id, number)
   insert into item_order (item_id, product_id, rank)
   select id, product_id, 'r' || lpad(number::text, 6, '0') from i`;

/**
 * Joins `items i` to the product's sprints (`sp`: id, started_at) in date order, `perSprint` items
 * a sprint by number: items 1..perSprint in the first, and so on. The product is `$1`.
 */
export const itemsBySprint = (perSprint: number) =>
  `join (select id, started_at, row_number() over (order by start_date) as k from sprints where product_id = $1) sp
         on sp.k = (i.number - 1) / ${perSprint} + 1`;

/**
 * 8 s of load on a cached read at 50 connections, printing the CPU per request (this process: the
 * server and the load generator), a figure that does not depend on what else the shared machine
 * runs: ≤ 0.2 ms is what p99 ≤ 25 ms at 50 connections needs.
 */
export async function cachedLoad(url: string, cookie: string): Promise<autocannon.Result> {
  const cpu0 = process.cpuUsage();
  const result = await autocannon({ url, headers: { cookie }, connections: 50, duration: 8 });
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `CPU per cached request (server + load generator): ${((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total)).toFixed(3)} ms`,
  );
  return result;
}
