/**
 * `npm run test:crash`: exactly-once creates survive a killed server.
 *
 * Starts the real server (`tandem start`) as a child process on a fresh PostgreSQL database,
 * runs several clients that create items with an Idempotency-Key each and retry the same key on
 * any failure (connection refused, reset, 5xx), SIGKILLs the server at random moments and starts
 * it again, CRASH_CYCLES times (default 5). Then it checks the database: one item per key (no
 * duplicates) and every acknowledged create present with the id it was acknowledged with (none
 * lost). Exits 1 and says why otherwise.
 *
 * Environment: CRASH_CYCLES (5), CRASH_CLIENTS (4), TANDEM_TEST_PG_URL (the server to create the
 * database on; default postgres://postgres@127.0.0.1:5432/test), CRASH_SEED (random by default).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_TEST_PG, withDatabase } from './global-db.ts';
import { freePort, Server, sleep } from './server-process.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 5);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 4);
let seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SEED = seed;
/** A small reproducible random source (mulberry32), so a failing run can be replayed. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const ADMIN = { email: 'crash@example.test', password: 'crash harness password' };

interface Ack {
  key: string;
  id: string;
  title: string;
}

async function main() {
  const serverUrl = process.env.TANDEM_TEST_PG_URL ?? DEFAULT_TEST_PG;
  const dbName = `tandem_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const databaseUrl = withDatabase(serverUrl, dbName);
  const server = new Server(await freePort(), databaseUrl, {
    TANDEM_ADMIN_EMAIL: ADMIN.email,
    TANDEM_ADMIN_PASSWORD: ADMIN.password,
  });
  const started = Date.now();
  let failedAttempts = 0;
  let replays = 0;
  const acks: Ack[] = [];
  /** Each key's acknowledged ids: more than one is a duplicate the client was told about. */
  const idsByKey = new Map<string, Set<string>>();
  try {
    await server.start();
    const api = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.base}${url}`, {
        method,
        headers: { 'content-type': 'application/json', origin: server.base, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const login = await api('POST', '/api/v1/auth/login', ADMIN);
    if (!login.ok) throw new Error(`login failed: ${await login.text()}`);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const tokenRes = await api('POST', '/api/v1/me/tokens', { name: 'crash harness' }, { cookie });
    const token = (await tokenRes.json()).token as string;
    const auth = { authorization: `Bearer ${token}` };
    const product = await (
      await api('POST', '/api/v1/products', { name: 'Crash', key: 'CRASH' }, auth)
    ).json();
    const url = `/api/v1/products/${product.id}/items`;

    let stopping = false;
    const client = async (c: number) => {
      for (let n = 0; !stopping; n += 1) {
        const key = `crash-${c}-${n}-${randomBytes(3).toString('hex')}`;
        const title = `Crash item ${key}`;
        // The same key until the server acknowledges it, however many times it dies meanwhile.
        for (;;) {
          try {
            const res = await api(
              'POST',
              url,
              { title, problem: 'It must exist exactly once' },
              {
                ...auth,
                'idempotency-key': key,
              },
            );
            if (res.status === 201) {
              const body = await res.json();
              if (res.headers.get('idempotent-replayed') === 'true') replays += 1;
              acks.push({ key, id: body.id, title });
              const ids = idsByKey.get(key) ?? new Set();
              ids.add(body.id);
              idsByKey.set(key, ids);
              break;
            }
            failedAttempts += 1;
            if (res.status < 500) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
          } catch (err) {
            if ((err as Error).message.startsWith('unexpected')) throw err;
            failedAttempts += 1;
          }
          await sleep(20 + random() * 80);
        }
        // Sometimes replay an acknowledged key: it must answer the same item.
        if (random() < 0.2) {
          try {
            const res = await api(
              'POST',
              url,
              { title, problem: 'It must exist exactly once' },
              {
                ...auth,
                'idempotency-key': key,
              },
            );
            if (res.status === 201) {
              replays += 1;
              idsByKey.get(key)?.add((await res.json()).id);
            }
          } catch {
            // the server may be down right now; the key was acknowledged already
          }
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));

    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      await sleep(200 + random() * 1200);
      await server.kill();
      await sleep(random() * 300);
      await server.start();
      process.stdout.write(
        `crash: cycle ${cycle}/${CYCLES} killed and restarted; ${acks.length} acknowledged\n`,
      );
    }
    await sleep(500);
    stopping = true;
    await Promise.all(clients);

    const db = new pg.Client(databaseUrl);
    await db.connect();
    const rows = (
      await db.query<{ id: string; title: string }>('select id, title from items where product_id = $1', [
        product.id,
      ])
    ).rows;
    await db.end();
    const byTitle = new Map<string, string[]>();
    for (const r of rows) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r.id]);
    const duplicates = [...byTitle.values()].filter((ids) => ids.length > 1).length;
    const ackedTwice = [...idsByKey.values()].filter((ids) => ids.size > 1).length;
    const ids = new Set(rows.map((r) => r.id));
    const lost = acks.filter((a) => !ids.has(a.id)).length;
    const orphans = rows.length - new Set(acks.map((a) => a.key)).size;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `crash: ${CYCLES} kills, ${CLIENTS} clients, ${acks.length} creates acknowledged, ${failedAttempts} failed attempts retried, ` +
        `${replays} replays; items in the database: ${rows.length}; duplicates: ${duplicates}; ` +
        `keys answered with two ids: ${ackedTwice}; acknowledged but lost: ${lost}; ` +
        `unacknowledged extras: ${orphans} (${seconds} s, CRASH_SEED=${SEED})`,
    );
    if (duplicates || ackedTwice || lost || orphans) {
      console.error('crash: FAILED: a create was not exactly once');
      process.exitCode = 1;
    }
  } finally {
    await server.kill();
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
