import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { DemoContext } from './core.ts';

const FINISHED = new Set(['done', 'accepted', 'rejected']);
/** The story split out in refinement; its 13 was a guess, so the team re-estimates it first. */
const SPONSOR_SORT = 'Sort the team list by sponsor name';

/**
 * A live planning-poker session on the League Platform, opened by the facilitator: two of the
 * three team members have voted on the first item and nobody has revealed, so whoever signs in
 * sees a session in progress with the votes still hidden.
 */
export async function seedPokerDemo(
  { services, store }: Wiring,
  ctx: DemoContext,
): Promise<{ sessionId: string }> {
  const { users, products } = ctx;
  const productId = products.league.id;
  const as = (key: keyof DemoContext['users'], role: ProductContext['role']): ProductContext => ({
    actor: users[key],
    productId,
    role,
  });
  const open = (await store.read.items.all(productId))
    .filter((i) => !FINISHED.has(i.status))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1));
  const sponsorSort = open.filter((i) => i.title === SPONSOR_SORT);
  const unestimated = open.filter((i) => i.size === null && i.title !== SPONSOR_SORT);
  const itemIds = [...sponsorSort, ...unestimated].slice(0, 3).map((i) => i.id);
  const session = await services.poker.open(as('fiona', 'facilitator'), {
    title: 'Refinement: sponsors and returning teams',
    itemIds,
    scale: 'fibonacci',
  });
  await services.poker.vote(as('tara', 'team'), session.session.id, '8');
  await services.poker.vote(as('theo', 'team'), session.session.id, '13');
  return { sessionId: session.session.id };
}
