import { describe, expect, it } from 'vitest';
import { createTestApp } from '#testing/harness.ts';
import { DEMO_PASSWORD } from './core.ts';
import { seedDemo } from './index.ts';

describe('demo: Notification Service decision and workaround (issue 13, seed 002)', () => {
  it('has the accepted "no workaround" decision, the PO’s workaround flagged, and its repayment', async () => {
    const t = await createTestApp();
    await seedDemo(t);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'tara@tandem.demo', password: DEMO_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const product = login
      .json()
      .memberships.find((m: { productName: string }) => m.productName === 'Notification Service');
    const list = (await get(`/api/v1/products/${product.productId}/decisions`)).json().decisions;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'accepted', contradictions: 1 });
    expect(list[0].title).toMatch(/^Fix the root cause in Sprint \d+, no workaround$/);
    const d = (await get(`/api/v1/decisions/${list[0].id}`)).json();
    expect(d.participants.map((p: { name: string }) => p.name)).toHaveLength(4);
    expect(d.acceptedBy.name).toBe('Nora Lind');
    const [flag] = d.contradictions;
    expect(flag.actorName).toBe('Nora Lind');
    expect(flag.summary).toMatch(/was resolved by a workaround/);
    const panel = (await get(`/api/v1/items/${flag.itemId}/decisions`)).json();
    expect(panel.resolution.resolution).toBe('workaround');
    expect(panel.repayments).toEqual([
      expect.objectContaining({
        title: 'Replace the direct-SMTP workaround with the agreed fix',
        state: 'open',
      }),
    ]);
    // Tara took part, so she heard of it; Nora made the change and did not.
    const notices = await t.pool.query(`select u.name from notices n join users u on u.id = n.recipient_id
                                         where n.kind = 'decision_contradicted' order by u.name`);
    expect(notices.rows.map((r) => r.name)).not.toContain('Nora Lind');
    expect(notices.rows.length).toBe(3);
  });
});
