import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { DemoContext } from './core.ts';

const DAY = 86_400_000;

/**
 * Insight → Forecast (issue 11): League Platform's first release gets a target date, six weeks
 * out on a Friday, so the backlog's forecast line and "how many by the release" have a date to
 * read; the data-import spike in its backlog widens the "when" forecast, and the forecast says so.
 */
export async function seedForecastDemo({ services }: Wiring, ctx: DemoContext, today: Date): Promise<void> {
  const po: ProductContext = { actor: ctx.users.paul, productId: ctx.products.league.id, role: 'owner' };
  // The release scope demo may have planned one already (Season opener): the forecast reads it.
  if ((await services.releases.list(po)).some((r) => r.targetDate)) return;
  const friday = new Date(today.getTime() + 42 * DAY);
  friday.setUTCDate(friday.getUTCDate() + ((5 - friday.getUTCDay() + 7) % 7));
  await services.releases.create(po, {
    name: 'League launch',
    targetDate: friday.toISOString().slice(0, 10),
  });
}
