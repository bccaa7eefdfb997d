import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '#testing/harness.ts';
import { PgListenBridge } from './listen.ts';

let pool: pg.Pool;
const bridges: PgListenBridge[] = [];

beforeAll(async () => {
  pool = (await freshDatabase()).pool;
  // Returned teardown: runs before the pool ends (which waits for the connections bridges hold).
  return async () => {
    for (const b of bridges) await b.close();
  };
});

function bridge() {
  const b = new PgListenBridge(pool, { minDelayMs: 10, maxDelayMs: 50 });
  bridges.push(b);
  return b;
}

async function eventually(check: () => Promise<boolean> | boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

/** Backends of this database whose last statement was a LISTEN or UNLISTEN. */
async function listenBackends(): Promise<number[]> {
  const r = await pool.query<{ pid: number }>(
    `select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query ~* '^\\s*(un)?listen '
      order by pid`,
  );
  return r.rows.map((row) => row.pid);
}

/** Subscribes and records what arrives and whether the channel is heard. */
function subscriber(b: PgListenBridge, channel: string) {
  const heard: string[] = [];
  const states: boolean[] = [];
  const stop = b.listen(
    channel,
    (p) => heard.push(p),
    (live) => states.push(live),
  );
  return { heard, states, stop, live: () => states.at(-1) === true };
}

describe('LISTEN bridge', () => {
  it('carries every channel of an instance over one connection', async () => {
    const one = bridge();
    const two = bridge();
    const a = subscriber(one, 'test_alpha');
    const b = subscriber(one, 'test_beta');
    const b2 = subscriber(one, 'test_beta');
    const other = subscriber(two, 'test_alpha');
    expect(await eventually(() => a.live() && b.live() && b2.live() && other.live())).toBe(true);

    await pool.query("select pg_notify('test_alpha', 'to alpha'), pg_notify('test_beta', 'to beta')");
    expect(await eventually(() => a.heard.length > 0 && b2.heard.length > 0 && other.heard.length > 0)).toBe(
      true,
    );
    expect(a.heard).toEqual(['to alpha']);
    expect(b.heard).toEqual(['to beta']);
    expect(b2.heard).toEqual(['to beta']);
    expect(other.heard).toEqual(['to alpha']);

    // Two instances, two channels on one of them: one LISTEN backend each.
    expect(await listenBackends()).toEqual([one.backendPid, two.backendPid].sort((x, y) => x! - y!));

    // A channel nobody listens to any more is dropped; the connection stays for the other one.
    b.stop();
    b2.stop();
    await pool.query("select pg_notify('test_beta', 'unheard'), pg_notify('test_alpha', 'again')");
    expect(await eventually(() => a.heard.length === 2)).toBe(true);
    expect(b.heard).toEqual(['to beta']);

    // The last subscriber leaving gives the connection back.
    const pid = one.backendPid;
    a.stop();
    expect(one.backendPid).toBeNull();
    expect(await eventually(async () => !(await listenBackends()).includes(pid!))).toBe(true);
    other.stop();
  });

  it('reports the loss of its connection and recovers by itself', async () => {
    const b = bridge();
    const changes = subscriber(b, 'test_changes');
    const poker = subscriber(b, 'test_poker');
    expect(await eventually(() => changes.live() && poker.live())).toBe(true);
    const first = b.backendPid;
    expect(first).toBeTypeOf('number');

    await pool.query('select pg_terminate_backend($1)', [first]);
    expect(await eventually(() => changes.states.includes(false) && poker.states.includes(false))).toBe(true);
    expect(await eventually(() => changes.live() && poker.live())).toBe(true);
    expect(changes.states).toEqual([true, false, true]);
    expect(b.backendPid).not.toBe(first);
    expect(await listenBackends()).toEqual([b.backendPid]);

    await pool.query("select pg_notify('test_changes', 'after'), pg_notify('test_poker', 'after too')");
    expect(await eventually(() => changes.heard.length > 0 && poker.heard.length > 0)).toBe(true);
    expect(changes.heard).toEqual(['after']);
    expect(poker.heard).toEqual(['after too']);

    // Terminated again (and again): it keeps coming back.
    for (let i = 0; i < 2; i += 1) {
      const pid = b.backendPid;
      await pool.query('select pg_terminate_backend($1)', [pid]);
      expect(await eventually(() => b.backendPid !== null && b.backendPid !== pid && changes.live())).toBe(
        true,
      );
    }
    changes.stop();
    poker.stop();
  });

  it('a subscriber joining a live channel is live at once, and close stops for good', async () => {
    const b = bridge();
    const first = subscriber(b, 'test_join');
    expect(await eventually(first.live)).toBe(true);
    const second = subscriber(b, 'test_join');
    expect(second.live()).toBe(true);
    await b.close();
    expect(b.backendPid).toBeNull();
    const late = subscriber(b, 'test_join');
    await pool.query("select pg_notify('test_join', 'after close')");
    await new Promise((r) => setTimeout(r, 100));
    expect([...first.heard, ...second.heard, ...late.heard]).toEqual([]);
    expect(late.states).toEqual([]);
  });

  it('refuses a channel name that is not a plain identifier', () => {
    expect(() => bridge().listen('x; drop table events', () => undefined)).toThrow(/channel/);
  });
});
