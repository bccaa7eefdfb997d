import { describe, expect, it } from 'vitest';
import type { DebtLedger, ScopeResult } from '#contracts/insight-scope.ts';
import { createTestApp } from '#testing/harness.ts';
import { DEMO_PASSWORD } from './core.ts';
import { seedDemo } from './index.ts';

describe('demo: release scope and the debt ledger', () => {
  it("shows League Platform's copy-paste debt breaking even in 3–4 weeks, and a release to scope", async () => {
    const t = await createTestApp();
    await seedDemo(t);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'paul@tandem.demo', password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const as = { id: '', email: 'paul@tandem.demo', name: 'Paul', cookie };
    const league = (await t.pool.query(`select id from products where name = 'League Platform'`)).rows[0].id;
    const debt = (
      await t.call(as, { method: 'GET', url: `/api/v1/products/${league}/debt` })
    ).json() as DebtLedger;
    const copy = debt.items.find((i) => i.title === 'Remove copy-pasted fixture validation')!;
    expect(copy).toMatchObject({
      fixHours: { min: 12, max: 16 },
      weeklyHours: 4,
      breakEvenWeeks: { min: 3, max: 4 },
    });
    const rel = (await t.pool.query(`select id from releases where product_id = $1`, [league])).rows[0].id;
    const scope = await t.call(as, {
      method: 'POST',
      url: `/api/v1/releases/${rel}/scope`,
      payload: { objective: 'costOfDelay' },
    });
    expect(scope.statusCode).toBe(200);
    const body = scope.json() as ScopeResult;
    expect(body.candidateSource).toBe('release');
    expect(body.capacitySource).toBe('forecast');
    expect(body.itemIds.length).toBeGreaterThan(0);
    expect(body.optimal).toBe(true);
  }, 180_000);
});
