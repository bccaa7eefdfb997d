import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { DemoContext } from './core.ts';

/** Money spent per sprint on VIP Meetings, and the share of the budget it has spent by today. */
const COST_PER_SPRINT = 10_000;
const SPENT_SHARE = 0.82;

/**
 * Seed 000's argument in numbers: VIP Meetings gets category ranges and a budget ~82 % spent, and
 * the PO justifies the first sprint that is off its segment targets (the backlog leans to the
 * Secretariat, so the allocation lands far from the VIP members' 70 %).
 */
export async function seedInsightAllocationDemo({ services }: Wiring, demo: DemoContext): Promise<void> {
  const vip = demo.products.vip;
  const po: ProductContext = { actor: demo.users.paul, productId: vip.id, role: 'owner' };
  await services.allocation.setTargets(po, 0, {
    feature: { min: 50, max: 70 },
    enabler: { min: 10, max: 20 },
    defect: { min: 5, max: 15 },
    debt: { min: 15, max: 20 },
  });
  const report = await services.allocation.compute(vip.id, 50);
  const started = report.sprints.length;
  const total = Math.round((started * COST_PER_SPRINT) / SPENT_SHARE / 1000) * 1000;
  await services.allocation.setBudget(po, 0, { total, unit: 'money', costPerSprint: COST_PER_SPRINT });
  const off = report.sprints.find((s) => s.state === 'closed' && s.bySegment.some((x) => x.offTarget));
  if (off)
    await services.allocation.justify(
      po,
      off.sprintId,
      'The Secretariat must be able to create meetings and invite members before the VIP members have anything to do; member features follow from the next sprint on.',
    );
}
