import type { Store } from '#app/store.ts';
import type { Wiring } from '#capabilities/index.ts';
import { rebalancedKeys } from '#domain/backlog/ordering.ts';
import { seedAgreementsDemo } from './agreements.ts';
import { seedBacklogDemo } from './backlog.ts';
import { DEMO_PASSWORD, seedCore } from './core.ts';
import { seedDecisionsDemo } from './decisions.ts';
import { seedInsightAllocationDemo } from './insight-allocation.ts';
import { seedForecastDemo } from './insight-forecast.ts';
import { seedInsightScopeDemo } from './insight-scope.ts';
import { seedPokerDemo } from './poker.ts';
import { seedSlaDemo } from './sla.ts';
import { firstSprintStart, runningWindow, seedSprintsDemo } from './sprints.ts';
import { seedVoiceDemo, type VoiceDemoResult } from './voice.ts';

const DAY = 86_400_000;
const CLOSED_SPRINTS = { vip: 5, league: 4, notif: 4 } as const;

export interface DemoResult {
  password: string;
  /** Who to sign in as: what the person does, and their role on each product they belong to. */
  users: Array<{ email: string; role: string; products: Array<{ name: string; role: string }> }>;
  /** A VIP stakeholder's personal sign-in link (no password), as the PO hands it out. */
  vipLink: VoiceDemoResult['vipLink'];
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
  // The workspace and the backlogs were set up in the weeks before the first sprint.
  const first = firstSprintStart(today, Math.max(...Object.values(CLOSED_SPRINTS)));
  await store.transaction((r) =>
    r.events.retimeForSeed(0, new Date(first.getTime() - 21 * DAY), new Date(first.getTime() - DAY / 2)),
  );
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
        closedSprints: CLOSED_SPRINTS.vip,
      },
      {
        productId: products.league.id,
        owner: users.paul,
        team,
        facilitator: users.fiona,
        itemIds: await ordered(products.league.id),
        closedSprints: CLOSED_SPRINTS.league,
      },
      {
        productId: products.notif.id,
        owner: users.nora,
        team,
        facilitator: users.fiona,
        itemIds: await ordered(products.notif.id),
        closedSprints: CLOSED_SPRINTS.notif,
        workaroundSprint: true,
      },
    ],
  });
  const beforePoker = await store.read.events.lastId();
  await seedPokerDemo(tandem, ctx);
  // Refinement happens during the running sprint, this morning.
  const running = runningWindow(today);
  await store.transaction((r) =>
    r.events.retimeForSeed(
      beforePoker,
      new Date(Math.max(running.from.getTime(), running.to.getTime() - 2 * 3_600_000)),
      running.to,
    ),
  );
  // As a PO would after each review: finished work leaves the top; what comes next leads.
  for (const p of [products.vip, products.league, products.notif]) await finishedToTheBottom(store, p.id);
  // The customers' part: the last sprint's review with them, requests, the release vote; in the
  // first days of the running sprint, before this morning's refinement.
  const beforeVoice = await store.read.events.lastId();
  const { vipLink } = await seedVoiceDemo(tandem, ctx);
  await seedInsightScopeDemo(tandem, ctx, today);
  await seedForecastDemo(tandem, ctx, today);
  await store.transaction((r) =>
    r.events.retimeForSeed(
      beforeVoice,
      running.from,
      new Date(Math.max(running.from.getTime() + 3_600_000, running.to.getTime() - 3 * 3_600_000)),
    ),
  );
  await seedInsightAllocationDemo(tandem, ctx);
  // Defect SLAs last: their clocks are computed from the event log as the retiming left it.
  await seedSlaDemo(tandem, ctx);
  // Working agreements (issue 13): the urgent-bugs agreement written after the duplicate emails.
  await seedAgreementsDemo(tandem, ctx, today);
  await seedDecisionsDemo(tandem, ctx, today);
  const byEmail = new Map(Object.values(users).map((u) => [u.email, u.userId]));
  const withProducts = await Promise.all(
    people.map(async (p) => {
      const userId = byEmail.get(p.email);
      const mine = userId ? await store.read.products.listForUser(userId) : [];
      return { ...p, products: mine.map((m) => ({ name: m.name, role: m.role })) };
    }),
  );
  return { password: DEMO_PASSWORD, users: withProducts, vipLink };
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
