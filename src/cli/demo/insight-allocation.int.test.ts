import { describe, expect, it } from 'vitest';
import type { AllocationReport, BudgetReport } from '#contracts/insight-allocation.ts';
import { createTestApp } from '#testing/harness.ts';
import { DEMO_PASSWORD } from './core.ts';
import { seedDemo } from './index.ts';

describe('demo: VIP Meetings allocation and budget', () => {
  it('lands far from the VIP target, with a justification and the budget warning', async () => {
    const t = await createTestApp();
    await seedDemo(t);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'paul@tandem.demo', password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const vip = (await t.pool.query<{ id: string }>("select id from products where key = 'VIP'")).rows[0]!.id;
    const get = (url: string) =>
      t.app.inject({
        method: 'GET',
        url,
        headers: { cookie, origin: 'http://localhost', host: 'localhost' },
      });
    const a = (await get(`/api/v1/products/${vip}/allocation?sprints=12`)).json() as AllocationReport;
    const members = a.overall.bySegment.find((s) => s.name === 'VIP members');
    expect(members?.target).toBe(70);
    expect(members?.share).toBeLessThan(50);
    expect(a.sprints.some((s) => s.justification)).toBe(true);
    const b = (await get(`/api/v1/products/${vip}/budget`)).json() as BudgetReport;
    expect(b.spentShare).toBe(82);
    expect(b.warning).toMatch(
      /^82 % of the budget spent; \d+ % of the delivered value went to VIP members \(target 70 %\)$/,
    );
  }, 120_000);
});
