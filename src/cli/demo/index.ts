import type { Store } from '#app/store.ts';
import type { Wiring } from '#capabilities/index.ts';
import { rebalancedKeys } from '#domain/backlog/ordering.ts';
import { seedBacklogDemo } from './backlog.ts';
import { DEMO_PASSWORD, seedCore } from './core.ts';
import { seedPokerDemo } from './poker.ts';
import { seedSprintsDemo } from './sprints.ts';

export interface DemoResult {
  password: string;
  /** Who to sign in as: what the person does, and their role on each product they belong to. */
  users: Array<{ email: string; role: string; products: Array<{ name: string; role: string }> }>;
}

/**
 * Builds the demo workspace from the stories in shared/seeds on an empty database; returns null
 * when the database already has people in it. Each capability adds its part after the core.
 */
export async function seedDemo(tandem: Wiring, today: Date = new Date()): Promise<DemoResult | null> {
  const { services, store } = tandem;
  if ((await store.read.users.count()) > 0) return null;
  const { ctx, people } = await seedCore(tandem);
  await seedBacklogDemo(services, ctx);
  const { users, products } = ctx;
  // Sprints pull from the top of each backlog, in rank order.
  const ordered = async (productId: string) =>
    (await store.read.items.all(productId)).sort((a, b) => (a.rank < b.rank ? -1 : 1)).map((i) => i.id);
  const team = [users.tara, users.theo, users.tess];
  await seedSprintsDemo(tandem, {
    today,
    products: [
      {
        productId: products.vip.id,
        owner: users.paul,
        team,
        facilitator: users.fiona,
        itemIds: await ordered(products.vip.id),
        closedSprints: 5,
      },
      {
        productId: products.league.id,
        owner: users.paul,
        team,
        facilitator: users.fiona,
        itemIds: await ordered(products.league.id),
        closedSprints: 4,
      },
      {
        productId: products.notif.id,
        owner: users.nora,
        team,
        facilitator: users.fiona,
        itemIds: await ordered(products.notif.id),
        closedSprints: 4,
        workaroundSprint: true,
      },
    ],
  });
  await seedPokerDemo(tandem, ctx);
  // As a PO would after each review: finished work leaves the top; what comes next leads.
  for (const p of [products.vip, products.league, products.notif]) await finishedToTheBottom(store, p.id);
  const byEmail = new Map(Object.values(users).map((u) => [u.email, u.userId]));
  const withProducts = await Promise.all(
    people.map(async (p) => {
      const userId = byEmail.get(p.email);
      const mine = userId ? await store.read.products.listForUser(userId) : [];
      return { ...p, products: mine.map((m) => ({ name: m.name, role: m.role })) };
    }),
  );
  return { password: DEMO_PASSWORD, users: withProducts };
}

const FINISHED = new Set(['done', 'accepted', 'rejected']);

async function finishedToTheBottom(store: Store, productId: string): Promise<void> {
  await store.transaction(async (r) => {
    await r.items.lockProductOrder(productId);
    const all = (await r.items.all(productId)).sort((a, b) => (a.rank < b.rank ? -1 : 1));
    const order = [
      ...all.filter((i) => !FINISHED.has(i.status)),
      ...all.filter((i) => FINISHED.has(i.status)),
    ];
    const keys = rebalancedKeys(order.length);
    await r.items.setRanks(
      productId,
      order.map((item, i) => ({ id: item.id, rank: keys[i]! })),
    );
  });
}
