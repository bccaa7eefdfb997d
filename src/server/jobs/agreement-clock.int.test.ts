import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementClock } from '#jobs/agreement-clock.job.ts';
import { agreementJobs } from '#jobs/agreement-notices.job.ts';
import { defineClock } from '#jobs/clock.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * The agreement clock on graphile-worker's cron, with two workers on one database: a version whose
 * date comes gets its `agreement.effective` event once, and the members their "please acknowledge"
 * notice, without anyone reading the agreement. Waits for a real minute tick.
 */
let t: TestApp;
const workers: Reactions[] = [];
const ticks: number[] = [];
const counting = defineClock({
  name: 'test-counting-clock',
  pattern: '* * * * *',
  run: async () => {
    ticks.push(Math.floor(Date.now() / 60_000));
  },
});
let po: TestUser;
let dan: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 2; i++)
    workers.push(
      await startReactions({
        store: t.store,
        databaseUrl: t.pool.options.connectionString!,
        log: createLogger('silent'),
        subscribers: agreementJobs,
        clocks: [agreementClock, counting],
        pollInterval: 200,
        heartbeatMs: 500,
      }),
    );
  po = await t.user('Priya PO');
  dan = await t.user('Dan Dev');
});
afterAll(async () => {
  for (const w of workers) await w.stop();
});

const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

describe('the agreement clock', () => {
  it('records a version taking effect once, across workers, and the acknowledgement notices follow', async () => {
    const productId = (await t.product(po, 'Clock product')).id;
    await t.addMember(po, productId, dan, 'team');
    const a = await t.call(po, {
      method: 'POST',
      url: `/api/v1/products/${productId}/agreements`,
      payload: { title: 'How we handle urgent bugs' },
    });
    const id = a.json().id as string;
    const v = await t.call(po, {
      method: 'POST',
      url: `/api/v1/agreements/${id}/versions`,
      payload: { body: 'We fix the root cause.', effectiveFrom: new Date(Date.now() + 1_000).toISOString() },
    });
    expect(v.statusCode).toBe(201);
    expect(await count(`select count(*) as n from events where type = 'agreement.effective'`)).toBe(0);
    const until = Date.now() + 135_000;
    while (Date.now() < until) {
      if ((await count(`select count(*) as n from notices where agreement_id = $1`, [id])) === 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await count(`select count(*) as n from events where type = 'agreement.effective'`)).toBe(1);
    expect(await count(`select count(*) as n from notices where agreement_id = $1`, [id])).toBe(2);
    // Two workers, one run per minute tick between them.
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ticks).size).toBe(ticks.length);
  }, 150_000);
});
