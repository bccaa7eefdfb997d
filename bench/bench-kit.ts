/**
 * What the HTTP benchmarks share: a scratch database on the PostgreSQL server, the real Tandem
 * server in its own process, signed-in API callers, autocannon loads that keep every non-2xx
 * answer visible, and the report that prints each figure beside its target.
 *
 * A bench file calls `serveTandemIfChild()` at its top level first: the same file is forked as
 * the server process (argv[2] === 'server'), so the load generator and the server never share
 * a core's event loop.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';

export const SERVER_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

export const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

/** A fresh database on the bench server; `drop` removes it unless BENCH_KEEP is set. */
export async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tandem_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(SERVER_URL);
  await admin.connect();
  await admin.query(`create database ${name}`);
  return {
    url: withDb(SERVER_URL, name),
    drop: async () => {
      if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
      else await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * In the forked server process: migrate BENCH_DB_URL, wire every capability and listen; reports
 * its port to the parent. NO_LIMIT=1 lifts the per-user limit of expensive reads, so a figure
 * measures the server and the database rather than 429 answers (neighbour.bench.ts measures the
 * limit itself). Exits on SIGTERM, so --cpu-prof can write its profile.
 */
export async function serveTandemIfChild(): Promise<boolean> {
  if (process.argv[2] !== 'server') return false;
  const { createPool } = await import('#db/pool.ts');
  const { migrate } = await import('#db/migrate.ts');
  const { allRoutes, wire } = await import('#capabilities/index.ts');
  const { buildServer } = await import('#http/server.ts');
  const { createLogger } = await import('#server/logger.ts');
  if (process.env.NO_LIMIT) {
    // Code from before the limit existed has nothing to lift.
    const limits = await import('#http/rate-limits.ts').catch(() => null);
    if (limits) limits.EXPENSIVE_READS.max = 1e9;
  }
  const pool = createPool(process.env.BENCH_DB_URL!);
  await migrate(pool);
  const { services } = wire(pool, { session: { idleMs: 3600_000, maxMs: 86_400_000 } });
  const app = await buildServer({ services, routes: allRoutes, logger: createLogger('silent') });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: Number(new URL(address).port) });
  process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));
  return true;
}

export interface Forked {
  port: number;
  base: string;
  stop: () => Promise<void>;
}

/** Forks `file` with argv[2] = role; resolves once the child sends its port. */
export function forkChild(file: string, role: string, env: Record<string, string> = {}): Promise<Forked> {
  const proc = fork(file, [role], {
    env: { ...process.env, ...env },
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE && role === 'server'
        ? ['--cpu-prof', '--cpu-prof-dir=/tmp/bench-prof']
        : []),
    ],
  });
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => {
      const port = (m as { port: number }).port;
      resolve({
        port,
        base: `http://127.0.0.1:${port}`,
        stop: () => {
          proc.kill('SIGTERM');
          return exited;
        },
      });
    });
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
  });
}

export interface Figure {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  ok: number;
  /** 429 answers (the per-user limit of expensive reads). */
  limited: number;
  /** Every other non-2xx answer and transport error. */
  errors: number;
  /** Non-2xx answers by status, and transport errors, for the report: "12×429, 1 errors (1 timeouts)". */
  codes: string;
}

/**
 * One autocannon load. `warmup` seconds of the same load run first, uncounted (a server that has
 * run a while, as in use). autocannon 9 supports `warmup`; its type definitions do not list it.
 */
export async function load(opts: autocannon.Options, warmup = 2): Promise<Figure> {
  const r = await autocannon({
    duration: SECONDS,
    ...opts,
    ...(warmup ? { warmup: { connections: opts.connections ?? 10, duration: warmup } } : {}),
  } as autocannon.Options);
  const codes = r.statusCodeStats as unknown as Record<string, { count: number }>;
  const limited = codes['429']?.count ?? 0;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    ok: r['2xx'],
    limited,
    errors: r.errors + r.non2xx - limited,
    codes: [
      ...Object.entries(codes)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, v]) => `${v.count}×${code}`),
      ...(r.errors ? [`${r.errors} errors (${r.timeouts} timeouts)`] : []),
    ].join(', '),
  };
}

/** A figure skipped by BENCH_ONLY. */
export const skipped: Figure = {
  rps: Number.NaN,
  p50: Number.NaN,
  p90: Number.NaN,
  p99: Number.NaN,
  ok: 0,
  limited: 0,
  errors: 0,
  codes: '',
};

/** " (3×500)" when a load had answers other than 2xx, else "". */
export const notOk = (f: Figure) => (f.codes ? ` (${f.codes})` : '');

const PASSWORD = 'bench password 1';
let passwordHash: Promise<string> | undefined;

/**
 * A user inserted straight into the bench database, signed in once to mint a personal API token;
 * returns the Bearer headers every later request sends, and the user's id.
 */
export async function apiUser(
  base: string,
  db: pg.Client,
  email: string,
  workspaceRole: 'admin' | 'member' = 'member',
): Promise<{ id: string; headers: Record<string, string> }> {
  passwordHash ??= import('#app/secrets.ts').then((s) => s.hashPassword(PASSWORD));
  const { rows } = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, workspace_role) values ($1, $1, $2, $3) returning id`,
    [email, await passwordHash, workspaceRole],
  );
  const origin = { origin: base, 'content-type': 'application/json' };
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: origin,
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
  const tok = await fetch(`${base}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { ...origin, cookie },
    body: JSON.stringify({ name: 'bench' }),
  });
  const { token } = (await tok.json()) as { token: string };
  return {
    id: rows[0]!.id,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
}

/** A product made through the API; its id. */
export async function apiProduct(
  base: string,
  headers: Record<string, string>,
  name: string,
  key: string,
): Promise<string> {
  const res = await fetch(`${base}/api/v1/products`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name, key }),
  });
  if (res.status !== 201) throw new Error(`cannot create product ${key}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** One printed line: what, the figure, its target, and whether it was met. */
export type Row = [name: string, got: string, target: string, ok: boolean];

/** Prints the rows under a title; a missed target makes the process exit non-zero. */
export function report(title: string, rows: readonly Row[], widths: [number, number] = [46, 44]): void {
  console.log(`\n${title}`);
  for (const [name, got, target, ok] of rows)
    console.log(
      `${ok ? 'PASS' : 'MISS'}  ${name.padEnd(widths[0])} ${got.padEnd(widths[1])} target ${target}`,
    );
  if (rows.some(([, , , ok]) => !ok)) process.exitCode = 1;
}

/** The p-th quantile (0..1) of sorted numbers. */
export const quantile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
