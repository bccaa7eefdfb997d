import { describe, expect, it } from 'vitest';
import { createTestApp } from '#testing/harness.ts';
import { seedDemo } from './index.ts';
import { DUPLICATE_EMAILS } from './sla.ts';

describe('the SLA demo (seed 002)', () => {
  it('gives Notification Service a policy and the duplicate-email defect S2 with its clocks', {
    timeout: 180_000,
  }, async () => {
    const t = await createTestApp();
    await seedDemo(t);
    const notif = (
      await t.pool.query<{ id: string }>(`select id from products where name = 'Notification Service'`)
    ).rows[0]!;
    const policy = await t.pool.query(`select policy from sla_policies where product_id = $1`, [notif.id]);
    expect(policy.rows[0].policy).toMatchObject({ timeZone: 'Europe/Berlin', pauseStatuses: ['waiting'] });
    const items = await t.store.read.items.all(notif.id);
    const dup = items.find((i) => i.title === DUPLICATE_EMAILS)!;
    expect(dup.severity).toBe('S2');
    expect(dup.sla).not.toBeNull();
    // Known for weeks and still open: past its 40 working hours.
    expect(Date.parse(dup.sla!.breachAt!)).toBeLessThan(Date.now());
    const nora = (
      await t.pool.query<{ id: string; email: string; name: string }>(
        `select id, email, name from users where email = 'nora@tandem.demo'`,
      )
    ).rows[0]!;
    const report = await t.services.sla.report({
      actor: { userId: nora.id, name: nora.name, email: nora.email, workspaceRole: 'member' },
      productId: notif.id,
      role: 'owner',
    });
    // Open, it is listed with its clock; resolved late, it counts as a miss of its month.
    const listed = report.open.some((o) => o.itemId === dup.id);
    const missed = report.rows.some((r) => r.severity === 'S2' && r.missedItemIds.includes(dup.id));
    expect(listed || missed, `${dup.status}`).toBe(true);
  });
});
