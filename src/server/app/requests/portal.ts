import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { notFound } from '#domain/errors.ts';

/** How many of the latest started or closed sprints "What's new for you" reaches back. */
export const DELIVERED_SPRINTS = 3;

/**
 * A stakeholder's home for a product: what was delivered for them, what the PO published as
 * coming next, the review and votes waiting for them, and their own requests.
 */
export function portalUseCases(store: Store, now: () => Date) {
  return {
    async get(ctx: ProductContext) {
      const r = store.read;
      const [product, allDelivered, allPlanned, review, votes, requests, mine] = await Promise.all([
        r.products.byId(ctx.productId),
        r.portal.delivered(ctx.productId, DELIVERED_SPRINTS),
        r.portal.planned(ctx.productId),
        r.portal.openReview(ctx.productId, ctx.actor.userId),
        r.portal.openVotes(ctx.productId, ctx.actor.userId, now()),
        r.requests.list(ctx.productId, ctx.actor.userId, { sort: 'newest', requesterId: ctx.actor.userId }),
        r.requests.segmentsOf(ctx.productId, ctx.actor.userId),
      ]);
      if (!product) throw notFound('That product');
      // "For you" first: work for the person's segments (or for everyone) before other segments'
      // work, each part in its own order; someone in no segment sees the lists as they are.
      const delivered = forThemFirst(allDelivered, mine);
      const planned = forThemFirst(allPlanned, mine);
      return { product, delivered, planned, waiting: { review, votes }, requests };
    },
  };
}

function forThemFirst<T extends { segments: ReadonlyArray<{ id: string }> }>(
  rows: T[],
  segmentIds: readonly string[],
): T[] {
  if (segmentIds.length === 0) return rows;
  const mine = new Set(segmentIds);
  const forThem = (t: T) => t.segments.length === 0 || t.segments.some((g) => mine.has(g.id));
  return [...rows.filter(forThem), ...rows.filter((t) => !forThem(t))];
}
