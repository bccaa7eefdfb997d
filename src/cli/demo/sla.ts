import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { DemoContext } from './core.ts';

export const DUPLICATE_EMAILS = 'Some notifications are sent as several identical emails';
const RESET_TWICE = 'Password-reset emails arrive twice';

/**
 * Seed 002, the service level (issue 13): Notification Service gets an SLA policy for defects —
 * Berlin business hours, S1 round the clock, clocks paused while waiting for the customer — and
 * the duplicate-email defect is S2, so its clocks show on the backlog and the item: known for
 * weeks, past its resolution target, which is what pushed the PO to a workaround. The duplicate
 * that was closed against it is S3. Runs after every retiming: the clocks are computed from the
 * event log as it finally stands.
 */
export async function seedSlaDemo({ services, store }: Wiring, demo: DemoContext): Promise<void> {
  const notif = demo.products.notif;
  const po: ProductContext = { actor: demo.users.nora, productId: notif.id, role: 'owner' };
  await services.sla.savePolicy(po, 0, {
    timeZone: 'Europe/Berlin',
    workingDays: [1, 2, 3, 4, 5],
    workingHours: { start: '09:00', end: '17:00' },
    holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'],
    pauseStatuses: ['waiting'],
    severities: {
      S1: { responseHours: 1, resolutionHours: 8, calendar: 'calendar' },
      S2: { responseHours: 4, resolutionHours: 40, calendar: 'business' },
      S3: { responseHours: 8, resolutionHours: 80, calendar: 'business' },
      S4: { responseHours: 16, resolutionHours: 160, calendar: 'business' },
    },
  });
  const items = await store.read.items.all(notif.id);
  for (const [title, severity] of [
    [DUPLICATE_EMAILS, 'S2'],
    [RESET_TWICE, 'S3'],
  ] as const) {
    const item = items.find((i) => i.title === title);
    if (item) await services.items.update(po, item.id, item.version, { severity });
  }
}
