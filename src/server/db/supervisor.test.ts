import { describe, expect, it } from 'vitest';
import type { EmbeddedDatabase, ServerExit } from './embedded.ts';
import { type DatabaseState, superviseEmbedded } from './supervisor.ts';

/** A stand-in for the embedded server: `kill()` makes it exit; `restart` fails `failures` times. */
function fakeDatabase(failures = 0) {
  const exits = new Set<(e: ServerExit) => void>();
  let alive = true;
  let left = failures;
  const attempts: number[] = [];
  const db: EmbeddedDatabase & { kill(): void; attempts: number[]; stops: number } = {
    url: 'postgres://fake',
    attempts,
    stops: 0,
    get pid() {
      return alive ? 42 : null;
    },
    onExit(fn) {
      exits.add(fn);
      return () => exits.delete(fn);
    },
    async restart() {
      attempts.push(Date.now());
      if (left > 0) {
        left -= 1;
        throw new Error('pre-existing shared memory block is still in use\nmore log');
      }
      alive = true;
    },
    async stop() {
      db.stops += 1;
      alive = false;
    },
    kill() {
      alive = false;
      for (const fn of exits) fn({ code: null, signal: 'SIGKILL' });
    },
  };
  return db;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function until(check: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() > end) reject(new Error('timed out'));
      else setTimeout(tick, 2);
    };
    tick();
  });
}

describe('database supervisor', () => {
  it('starts the server again when it dies and says so to its listeners', async () => {
    const db = fakeDatabase();
    const sup = superviseEmbedded(db, { log: quiet, minDelayMs: 1 });
    const seen: DatabaseState[] = [];
    sup.onChange((s) => seen.push(s));
    expect(sup.state).toBe('running');
    db.kill();
    expect(sup.state).toBe('restarting');
    await until(() => sup.state === 'running');
    expect(seen).toEqual(['restarting', 'running']);
    expect(sup.restarts).toBe(1);
    expect(db.attempts).toHaveLength(1);
    await sup.stop();
  });

  it('backs off between failed attempts, doubling the delay', async () => {
    const db = fakeDatabase(3);
    const sup = superviseEmbedded(db, { log: quiet, minDelayMs: 20, maxDelayMs: 1_000 });
    const killedAt = Date.now();
    db.kill();
    await until(() => sup.state === 'running');
    expect(db.attempts).toHaveLength(4);
    const gaps = db.attempts.map((t, i) => t - (i === 0 ? killedAt : db.attempts[i - 1]!));
    // 20, 40, 80, 160 ms (timers may fire a little late, never early).
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(20 * 2 ** i - 2);
    await sup.stop();
  });

  it('gives up after the cap and reports failed', async () => {
    const db = fakeDatabase(Number.POSITIVE_INFINITY);
    const errors: string[] = [];
    const sup = superviseEmbedded(db, {
      log: { ...quiet, error: (m) => errors.push(m) },
      minDelayMs: 1,
      maxDelayMs: 2,
      maxAttempts: 4,
    });
    db.kill();
    await until(() => sup.state === 'failed');
    expect(db.attempts).toHaveLength(4);
    expect(errors.join()).toMatch(/giving up/);
    await sup.stop();
  });

  it('counts a server that keeps dying right after each restart towards the cap', async () => {
    const db = fakeDatabase();
    const sup = superviseEmbedded(db, { log: quiet, minDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      db.kill();
      await until(() => sup.state === 'running');
    }
    db.kill();
    expect(sup.state).toBe('failed');
    await sup.stop();
  });

  it('does not restart a server stopped on purpose', async () => {
    const db = fakeDatabase();
    const sup = superviseEmbedded(db, { log: quiet, minDelayMs: 1 });
    await sup.stop();
    db.kill();
    await new Promise((r) => setTimeout(r, 20));
    expect(sup.state).toBe('stopped');
    expect(db.attempts).toHaveLength(0);
    expect(db.stops).toBe(1);
  });
});
