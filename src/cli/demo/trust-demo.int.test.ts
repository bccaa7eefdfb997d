import { describe, expect, it } from 'vitest';
import { createTestApp } from '#testing/harness.ts';
import { DEMO_PASSWORD } from './core.ts';
import { seedDemo } from './index.ts';

interface Signal {
  key: string;
  value: number | null;
  score: number | null;
  evidence: Array<{ kind: string; summary: string }>;
}

describe('demo: Notification Service trust radar (issue 11)', () => {
  it('shows the mid-sprint workaround and the carry-over', async () => {
    const t = await createTestApp();
    await seedDemo(t);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nora@tandem.demo', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const product = login
      .json()
      .memberships.find((m: { productName: string }) => m.productName === 'Notification Service');
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/products/${product.productId}/trust`,
      headers: { cookie },
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as {
      signals: Signal[];
      sprints: Array<{ name: string; scopeChanges: number; carryOverPercent: number | null }>;
    };
    const signal = (key: string) => body.signals.find((s) => s.key === key)!;

    const changes = signal('mid_sprint_changes');
    expect(changes.value).toBe(2); // the workaround pushed in, the digest email dropped
    expect(changes.score).toBeLessThan(100);
    expect(changes.evidence.map((e) => e.summary).join('\n')).toMatch(/workaround/i);
    expect(body.sprints.filter((s) => s.scopeChanges > 0).map((s) => s.scopeChanges)).toEqual([2]);

    const carry = signal('carry_over');
    expect(carry.value).toBeGreaterThan(0);
    expect(carry.score).toBeLessThan(100);
    expect(carry.evidence.length).toBeGreaterThan(0);
    expect(body.sprints.some((s) => (s.carryOverPercent ?? 0) > 0)).toBe(true);
  });
});
