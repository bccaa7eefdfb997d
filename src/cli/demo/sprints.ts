import type { Actor } from '#app/actor.ts';
import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';

/** One demo product as the sprint history needs it; the lead wires it from the core and backlog demos. */
export interface SprintsDemoProduct {
  productId: string;
  owner: Actor;
  team: Actor[];
  facilitator: Actor;
  /** Backlog items in order; sprints pull from the front. Items already done are skipped. */
  itemIds: string[];
  /** How many closed sprints to build (default 4). */
  closedSprints?: number;
  /** Notification Service: the sprint where a workaround was pushed in mid-sprint, with its reason. */
  workaroundSprint?: boolean;
}

export interface SprintsDemoContext {
  products: SprintsDemoProduct[];
  today?: Date;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SIZES = [3, 5, 2, 8, 1, 5, 3, 13, 2, 3, 5, 8];
const DOD = ['Acceptance criteria met', 'Code reviewed', 'Automated tests pass', 'Deployed to staging'];
const GOALS = [
  'First usable slice in front of real users',
  'Remove the top support complaint',
  'Make it reliable enough to switch on for everyone',
  'Close the gaps found in the review',
  'Prepare the release',
  'Learn what the next segment needs',
];
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The Monday of `today`'s week (UTC): the running sprint starts on it, the history before it. */
export function sprintMonday(today: Date): Date {
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday;
}

/** The first day of the oldest closed sprint of a product with `count` of them. */
export const firstSprintStart = (today: Date, count: number) =>
  new Date(sprintMonday(today).getTime() - count * 14 * DAY);

/**
 * The window of the running sprint that has passed: from its first morning to a few minutes
 * before `today` (on a Monday before nine, from the hour before). Its events and the planning of
 * the next sprint are timed inside it.
 */
export function runningWindow(today: Date): { from: Date; to: Date } {
  const to = new Date(today.getTime() - 10 * 60_000);
  const from = new Date(Math.min(sprintMonday(today).getTime() + 9 * HOUR, to.getTime() - HOUR));
  return { from, to };
}

/**
 * Closed sprints with realistic histories (estimates, over-forecast confirmations, done with the
 * DoD, PO reviews incl. a rejection, carry-over, a mid-sprint change with its reason), the sprint
 * running this week (work in progress, some done, people assigned) and the next one in planning,
 * so the board, reports, burn-ups and velocity charts have data on first sign-in.
 *
 * Time: the builder runs in seconds, so after each sprint it moves the clock of the events it
 * wrote into that sprint's dates (EventsRepo.retimeForSeed, seeding only), and the sprints' own
 * start and close times with `backdate`. Events are still written only by the use cases.
 */
export async function seedSprintsDemo(tandem: Wiring, ctx: SprintsDemoContext): Promise<void> {
  const today = ctx.today ?? new Date();
  for (const p of ctx.products) await seedProduct(tandem, p, today);
}

async function seedProduct({ services, store }: Wiring, p: SprintsDemoProduct, today: Date) {
  const s = services.sprints;
  const as = (actor: Actor, role: ProductContext['role']): ProductContext => ({
    actor,
    productId: p.productId,
    role,
  });
  const owner = as(p.owner, 'owner');
  const team = p.team.map((t) => as(t, 'team'));
  const lead = team[0]!;
  await s.saveDefinitionOfDone(owner, DOD);
  const queue = [...p.itemIds];
  let sizeAt = 0;

  /** Pulls the next `n` items that can go into a sprint, sizing unestimated ones as the team. */
  async function pull(sprintId: string, n: number, reason?: string, by = lead) {
    const pulled: string[] = [];
    while (pulled.length < n && queue.length > 0) {
      const itemId = queue.shift()!;
      try {
        const board = await s.addItem(by, sprintId, itemId, reason);
        const it = board.items.find((i) => i.itemId === itemId);
        if (it && it.size === null)
          await s.resizeItem(lead, sprintId, itemId, SIZES[sizeAt++ % SIZES.length]!, reason);
        pulled.push(itemId);
      } catch {
        // Done, deleted or already planned elsewhere: leave it.
      }
    }
    return pulled;
  }

  const count = p.closedSprints ?? 4;
  const monday = sprintMonday(today);
  let mark = await store.read.events.lastId();
  const retime = async (from: Date, to: Date) => {
    mark = await store.transaction((r) => r.events.retimeForSeed(mark, from, to));
  };
  for (let k = 0; k < count; k++) {
    const start = new Date(monday.getTime() - (count - k) * 14 * DAY);
    const end = new Date(start.getTime() + 11 * DAY);
    // Someone is on leave every third sprint: capacity drops, and the forecast with it.
    const members = p.team.map((t, j) => ({ userId: t.userId, days: k % 3 === 1 && j === 0 ? 5 : 10 }));
    const sprint = await s.create(lead, {
      name: `Sprint ${k + 1}`,
      goal: GOALS[k % GOALS.length]!,
      startDate: iso(start),
      endDate: iso(end),
      capacity: { unit: 'days', members },
    });
    const items = await pull(sprint.id, 5 + (k % 2));
    if (items.length === 0) break;
    await s.start(lead, sprint.id, true);
    const workaround = p.workaroundSprint && k === count - 2;
    if (workaround) {
      const reason =
        'Push provider outage: alerts were silently dropped. Queue-and-retry workaround pushed in for the on-call team; the PO agreed to drop the digest email to make room.';
      const extra = await pull(sprint.id, 1, reason, owner);
      items.push(...extra);
      const dropped = items.shift();
      if (dropped) await s.removeItem(owner, sprint.id, dropped, 'Made room for the outage workaround');
    }
    // Most items get done; the last one or two stay unfinished (partially done counts as not done).
    const finished = items.slice(0, items.length - (k % 2 === 0 ? 1 : 2));
    for (const [j, itemId] of finished.entries()) {
      const by = team[j % team.length]!;
      await s.markDone(by, sprint.id, itemId, DOD);
      if (j === 1 && k === 1) {
        await s.review(
          owner,
          sprint.id,
          itemId,
          'rejected',
          'The Given/When/Then for an empty list is not met.',
        );
        await s.markDone(by, sprint.id, itemId, DOD);
      }
      if (j < finished.length - 1)
        await s.review(owner, sprint.id, itemId, 'accepted', 'Meets the criteria.');
    }
    await s.close(lead, sprint.id, 'backlog');
    await store.transaction((r) =>
      r.sprints.backdate(
        sprint.id,
        new Date(start.getTime() + 9 * 3600_000),
        new Date(end.getTime() + 16 * 3600_000),
      ),
    );
    await retime(new Date(start.getTime() + 9 * HOUR), new Date(end.getTime() + 16 * HOUR));
  }
  await seedRunningSprint(count + 1, monday);
  // The next sprint, in planning: the team sees load beside forecast and what is not ready.
  const after = new Date(monday.getTime() + 14 * DAY);
  const next = await s.create(lead, {
    name: `Sprint ${count + 2}`,
    goal: GOALS[(count + 1) % GOALS.length]!,
    startDate: iso(after),
    endDate: iso(new Date(after.getTime() + 11 * DAY)),
    capacity: { unit: 'days', members: p.team.map((t) => ({ userId: t.userId, days: 10 })) },
  });
  await pull(next.id, 5);
  const { from, to } = runningWindow(today);
  await retime(from, to);

  /**
   * This week's sprint, running: one item done and waiting for the PO's review, two in progress,
   * the rest to do; each started item has someone on it, so the sprint board reads like a team's.
   */
  async function seedRunningSprint(n: number, startDay: Date) {
    const sprint = await s.create(lead, {
      name: `Sprint ${n}`,
      goal: GOALS[(n - 1) % GOALS.length]!,
      startDate: iso(startDay),
      endDate: iso(new Date(startDay.getTime() + 11 * DAY)),
      capacity: { unit: 'days', members: p.team.map((t) => ({ userId: t.userId, days: 10 })) },
    });
    const items = await pull(sprint.id, 6);
    if (items.length === 0) return;
    await s.start(lead, sprint.id, true);
    // Taking an item on and starting it is one edit, by the person who takes it. Only ready
    // items start (item-rules.ts); one that is not ready yet is still taken on, to refine first.
    let started = 0;
    for (const [j, itemId] of items.entries()) {
      const by = team[j % team.length]!;
      const item = await store.read.items.byId(itemId);
      if (!item || j > 4) continue;
      const start = j === 0 || (item.status === 'ready' && started < 2);
      if (start && j > 0) started++;
      if (!start && j > 3) continue;
      await services.items.update(by, itemId, item.version, {
        assigneeId: by.actor.userId,
        ...(start && item.status === 'ready' ? { status: 'in_progress' as const } : {}),
      });
    }
    // The first is finished and waits for the PO's review.
    await s.markDone(team[0]!, sprint.id, items[0]!, DOD);
  }
}
