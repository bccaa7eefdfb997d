import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRepos } from '#capabilities/index.ts';
import { createStore } from '#db/store.ts';
import { freshDatabase } from '#testing/harness.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../testing/reaction-worker.ts');

/** Starts the fixture worker in its own Node process (the same Node that runs the tests). */
async function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, TEST_DATABASE_URL: url, TEST_DELAY_MS: '30', TEST_SILENT_MS: '1000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
  });
  return child;
}

async function eventually(check: () => Promise<boolean>, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting');
}

describe('a reactions worker killed mid-batch', () => {
  it('loses nothing and repeats nothing once a worker runs again', { timeout: 120_000 }, async () => {
    const { url, pool } = await freshDatabase();
    const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
    const markers = () => count(`select count(*) as n from events where entity_id like 'handled:%'`);

    const first = await startWorker(url);
    const n = 200;
    // One statement, as the items repository's batched moves write theirs.
    await createStore(pool, createRepos).transaction((r) =>
      r.events.appendMany(
        Array.from({ length: n }, (_, i) => ({
          productId: null,
          actorId: null,
          entityType: 'item' as const,
          entityId: `item-${i}`,
          type: 'item.commented' as const,
          after: { commentId: `c${i}`, key: `K-${i}`, mentions: [] },
        })),
      ),
    );
    expect(await count('select count(*) as n from graphile_worker.jobs')).toBe(n);

    await eventually(async () => (await markers()) >= 30);
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    const done = await markers();
    const inFlight = await count(
      'select count(*) as n from graphile_worker.jobs where locked_at is not null',
    );
    console.log(`killed after ${done}/${n} handled, ${inFlight} jobs locked by the dead worker`);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(n);
    // Jobs the dead worker had taken are still locked in its name: its work was in flight.
    expect(inFlight).toBeGreaterThan(0);

    const second = await startWorker(url);
    try {
      await eventually(async () => (await count('select count(*) as n from graphile_worker.jobs')) === 0);
    } finally {
      second.kill('SIGTERM');
    }
    expect(await markers()).toBe(n);
    expect(
      await count(`select count(*) as n from (select entity_id from events where entity_id like 'handled:%'
                    group by entity_id having count(*) > 1) x`),
    ).toBe(0);
    expect(await count(`select count(*) as n from reaction_receipts where subscriber = 'test-slow'`)).toBe(n);
    expect(
      await count(`select count(*) as n from events e where e.type = 'item.commented' and not exists (
                     select 1 from reaction_receipts r where r.event_id = e.id)`),
    ).toBe(0);
  });
});
