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
      const [product, delivered, planned, review, votes, requests] = await Promise.all([
        r.products.byId(ctx.productId),
        r.portal.delivered(ctx.productId, DELIVERED_SPRINTS),
        r.portal.planned(ctx.productId),
        r.portal.openReview(ctx.productId, ctx.actor.userId),
        r.portal.openVotes(ctx.productId, ctx.actor.userId, now()),
        r.requests.list(ctx.productId, ctx.actor.userId, { sort: 'newest', requesterId: ctx.actor.userId }),
      ]);
      if (!product) throw notFound('That product');
      return { product, delivered, planned, waiting: { review, votes }, requests };
    },
  };
}
