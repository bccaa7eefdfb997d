import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { DemoContext } from './core.ts';

const DAY = 86_400_000;
const COPY_PASTE = 'Remove copy-pasted fixture validation';

/**
 * Insight's release scope and debt ledger in the demo (issue 11): League Platform's copy-paste debt
 * gets its cost (seed 001: 12–16 h to fix, ~4 h lost per week → break-even in 3–4 weeks), and
 * League gets a release with vote candidates for the scope view.
 */
export async function seedInsightScopeDemo(tandem: Wiring, demo: DemoContext, today: Date): Promise<void> {
  const { services, store } = tandem;
  const { users, products } = demo;
  const league = products.league;
  const items = await store.read.items.all(league.id);
  const debt = items.find((i) => i.title === COPY_PASTE);
  const team: ProductContext = { actor: users.tara, productId: league.id, role: 'team' };
  if (debt)
    await services.scope.setDebt(team, debt.id, debt.version, {
      fixHours: { min: 12, max: 16 },
      weeklyHours: 4,
    });

  const po: ProductContext = { actor: users.paul, productId: league.id, role: 'owner' };
  if ((await services.releases.list(po)).length) return;
  const target = new Date(today.getTime() + 6 * 7 * DAY).toISOString().slice(0, 10);
  const release = await services.releases.create(po, { name: 'Season opener', targetDate: target });
  const open = items
    .filter((i) => !['done', 'accepted', 'rejected'].includes(i.status))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, 12);
  if (open.length >= 2)
    await services.releases.openVote(po, release.id, {
      budget: 10,
      itemIds: open.map((i) => i.id),
      closesAt: new Date(today.getTime() + 10 * DAY).toISOString(),
    });
}
