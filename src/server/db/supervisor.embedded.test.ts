import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#server/config.ts';
import { createLogger } from '#server/logger.ts';
import { type Running, startTandem } from '#server/main.ts';
import { startEmbedded } from './embedded.ts';
import { superviseEmbedded } from './supervisor.ts';

/** The bound within which Tandem must answer again after its database was killed. */
const RECOVERY_BOUND_MS = 15_000;
/** A request taking longer than this counts as hanging. */
const HANG_MS = 8_000;

const ADMIN = { email: 'admin@restart.test', password: 'restart-password-1' };
let dir: string;
let running: Running;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-restart-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TANDEM_DATA_DIR: dir,
    TANDEM_DEMO: 'off',
    TANDEM_ADMIN_EMAIL: ADMIN.email,
    TANDEM_ADMIN_PASSWORD: ADMIN.password,
  });
  running = await startTandem(config, createLogger(process.env.RESTART_TEST_LOG ?? 'silent'));
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  code: string | undefined;
}

async function call(method: string, url: string, cookie: string, body?: unknown): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${running.url}${url}`, {
    method,
    headers: {
      origin: running.url,
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(HANG_MS),
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = JSON.parse(text)?.error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, ms: Date.now() - started, retryAfter: res.headers.get('retry-after'), code };
}

async function health(): Promise<{ status: number; body: { status: string; database: string } }> {
  const res = await fetch(`${running.url}/api/health`, { signal: AbortSignal.timeout(HANG_MS) });
  return { status: res.status, body: await res.json() };
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not within ${ms} ms`);
}

interface Writes {
  acknowledged: string[];
  answers: Answer[];
  stop(): Promise<void>;
}

/** Four writers adding items as fast as they are answered, pausing a little after a refusal. */
function startWriting(productId: string, cookie: string, prefix: string): Writes {
  const acknowledged: string[] = [];
  const answers: Answer[] = [];
  let writing = true;
  let n = 0;
  const writer = async (w: number) => {
    while (writing) {
      const title = `${prefix} ${w}-${n++}`;
      // A network error or a timeout (a hang) is recorded as status 0 and fails the test.
      const a = await call('POST', `/api/v1/products/${productId}/items`, cookie, {
        type: 'spike',
        title,
      }).catch((err: Error) => ({ status: 0, ms: HANG_MS, retryAfter: null, code: err.message }));
      answers.push(a);
      if (a.status === 201) acknowledged.push(title);
      else await new Promise((r) => setTimeout(r, 20));
    }
  };
  const writers = [1, 2, 3, 4].map(writer);
  return {
    acknowledged,
    answers,
    async stop() {
      writing = false;
      await Promise.allSettled(writers);
    },
  };
}

/** Every refusal was a 503 with Retry-After and a code (never a 500), and nothing hung. */
function expectOnlyAcknowledgedOrUnavailable(answers: Answer[]) {
  const refused = answers.filter((a) => a.status !== 201);
  expect(refused.length).toBeGreaterThan(0);
  for (const a of refused)
    expect(a).toMatchObject({ status: 503, code: 'database_unavailable', retryAfter: '2' });
  expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(HANG_MS);
}

async function storedTitles(productId: string): Promise<Set<string>> {
  const client = new pg.Client(running.databaseUrl);
  await client.connect();
  try {
    const r = await client.query<{ title: string }>('select title from items where product_id = $1', [
      productId,
    ]);
    return new Set(r.rows.map((row) => row.title));
  } finally {
    await client.end();
  }
}

let cookie: string;
let productId: string;

describe('the embedded database keeps running', () => {
  beforeAll(async () => {
    const login = await fetch(`${running.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: running.url, 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const product = await fetch(`${running.url}/api/v1/products`, {
      method: 'POST',
      headers: { origin: running.url, cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Restart', key: 'RST' }),
    });
    expect(product.status).toBe(201);
    productId = (await product.json()).id as string;
  });

  it('is started again after kill -9 under writes: 503 while down, then every acknowledged write is there', async () => {
    // The LISTEN connection is up before the crash (reading `live` starts it).
    await until(() => running.services.changes.live, 5_000);
    expect((await health()).body).toMatchObject({ status: 'ok', database: 'ok' });
    const writes = startWriting(productId, cookie, 'postmaster');
    try {
      await until(() => writes.acknowledged.length >= 20, 10_000);
      const pidFile = readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8');
      const pid = Number.parseInt(pidFile.split('\n')[0]!, 10);
      expect(pid).toBe(running.database?.pid ?? -1);
      const before = writes.acknowledged.length;
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');

      const seen: string[] = [];
      const look = async () => {
        const h = await health();
        seen.push(`${h.status} ${h.body.status} ${h.body.database}`);
        return h;
      };
      // The backends of a killed postmaster may answer for a few milliseconds more: degraded, then ok.
      await until(async () => (await look()).status === 503, RECOVERY_BOUND_MS);
      await until(async () => (await look()).status === 200, RECOVERY_BOUND_MS);
      const recoveredIn = Date.now() - killedAt;
      // Writes go through again after the restart.
      await until(() => writes.acknowledged.length >= before + 20, 10_000);
      await writes.stop();
      const refused = writes.answers.filter((a) => a.status !== 201).length;
      const slowest = Math.max(...writes.answers.map((a) => a.ms));
      console.log(
        `postmaster kill -9: ok again after ${recoveredIn} ms; ${writes.answers.length} writes, ${refused} refused, slowest answer ${slowest} ms; health: ${[...new Set(seen)].join(' → ')}`,
      );

      expect(seen).toContain('503 degraded restarting');
      expect(seen.at(-1)).toBe('200 ok ok');
      expect(running.database?.restarts).toBe(1);
      expect(running.database?.state).toBe('running');
      expect(recoveredIn).toBeLessThan(RECOVERY_BOUND_MS);
      expectOnlyAcknowledgedOrUnavailable(writes.answers);
      const stored = await storedTitles(productId);
      expect(writes.acknowledged.filter((t) => !stored.has(t))).toEqual([]);
      // The change feed's LISTEN connection is back, so caches serve from memory again.
      await until(() => running.services.changes.live, 5_000);
    } finally {
      await writes.stop();
    }
  }, 60_000);

  it('rides out a killed backend (what the out-of-memory killer does): PostgreSQL resets itself, 503 meanwhile', async () => {
    const restarts = running.database?.restarts;
    const writes = startWriting(productId, cookie, 'backend');
    try {
      await until(() => writes.acknowledged.length >= 20, 10_000);
      const client = new pg.Client(running.databaseUrl);
      await client.connect();
      const victim = await client.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where backend_type = 'client backend' and pid <> pg_backend_pid() and datname = current_database()
          limit 1`,
      );
      await client.end().catch(() => undefined);
      const pid = victim.rows[0]?.pid;
      expect(pid).toBeTypeOf('number');
      const before = writes.acknowledged.length;
      const killedAt = Date.now();
      process.kill(pid!, 'SIGKILL');
      await until(() => writes.answers.some((a) => a.status === 503), RECOVERY_BOUND_MS);
      await until(() => writes.acknowledged.length >= before + 20, RECOVERY_BOUND_MS);
      console.log(`backend kill -9: writes acknowledged again within ${Date.now() - killedAt} ms`);
      await writes.stop();
      // The postmaster lived: crash recovery in place, no restart by the supervisor.
      expect(running.database?.restarts).toBe(restarts);
      expectOnlyAcknowledgedOrUnavailable(writes.answers);
      const stored = await storedTitles(productId);
      expect(writes.acknowledged.filter((t) => !stored.has(t))).toEqual([]);
    } finally {
      await writes.stop();
    }
  }, 60_000);
});

describe('stopping while the embedded database restarts', () => {
  it('stops the server the restart brings up, leaving nothing running', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-restart-stop-'));
    try {
      const db = await startEmbedded(dataDir, () => undefined);
      const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const sup = superviseEmbedded(db, { log: quiet, minDelayMs: 1 });
      process.kill(db.pid!, 'SIGKILL');
      await until(() => sup.state === 'restarting', 5_000);
      // The restart is under way (its server may be starting right now) when Tandem shuts down.
      await new Promise((r) => setTimeout(r, 50));
      await sup.stop();
      expect(sup.state).toBe('stopped');
      expect(db.pid).toBeNull();
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
