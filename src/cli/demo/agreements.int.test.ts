import { describe, expect, it } from 'vitest';
import type { AgreementDetail } from '#contracts/agreements.ts';
import { createTestApp } from '#testing/harness.ts';
import { DEMO_PASSWORD } from './core.ts';
import { seedDemo } from './index.ts';

describe('demo: the urgent-bugs working agreement', () => {
  it('is in its comment period at Notification Service, with two acknowledgements missing', async () => {
    const t = await createTestApp();
    await seedDemo(t);
    const login = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'tara@tandem.demo', password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const as = { id: '', email: 'tara@tandem.demo', name: 'Tara', cookie };
    const notif = (await t.pool.query(`select id from products where name = 'Notification Service'`)).rows[0]
      .id;
    const list = (await t.call(as, { method: 'GET', url: `/api/v1/products/${notif}/agreements` })).json();
    expect(list.agreements).toHaveLength(1);
    const a = (
      await t.call(as, { method: 'GET', url: `/api/v1/agreements/${list.agreements[0].id}` })
    ).json() as AgreementDetail;
    expect(a).toMatchObject({ title: 'How we handle urgent bugs', effectiveVersion: 1, pendingVersion: 2 });
    const proposal = a.versions[0]!;
    expect(proposal).toMatchObject({ number: 2, status: 'proposed', commentsOpen: true });
    expect(proposal.proposedBy?.name).toBe('Nora Lind');
    expect(proposal.comments).toHaveLength(3);
    expect(proposal.comments.every((c) => c.currentParagraph === c.paragraph)).toBe(true);
    expect(proposal.body).toMatch(/repayment item/);
    expect(proposal.body).toMatch(/\| S2 major/);
    expect(a.acknowledgements!.acknowledged.map((m) => m.name)).toHaveLength(4);
    expect(a.acknowledgements!.pending.map((m) => m.name)).toEqual(['Tess Moreau', 'Vera Costa']);
    expect(a.versions[1]).toMatchObject({ number: 1, status: 'effective' });
    // The story's dates: version 1 a week ago, the proposal yesterday.
    expect(Date.now() - new Date(a.versions[1]!.proposedAt).getTime()).toBeGreaterThan(6 * 86_400_000);
    const times = (
      await t.pool.query<{ at: Date }>(`select at from events where type like 'agreement.%' order by id`)
    ).rows.map((r) => r.at.getTime());
    expect(Math.max(...times)).toBeLessThan(Date.now() - 12 * 3_600_000);
  }, 180_000);
});
