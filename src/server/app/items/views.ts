import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Store } from '#app/store.ts';
import { notFound } from '#domain/errors.ts';

/** A saved backlog view: the backlog URL's search string under a name, private to its owner. */
export interface BacklogViewRecord {
  id: string;
  productId: string;
  userId: string;
  name: string;
  query: string;
  createdAt: Date;
}

/** Saved-views port; server/db implements it. Every method is scoped to one user on one product. */
export interface BacklogViewsRepo {
  list(productId: string, userId: string): Promise<BacklogViewRecord[]>;
  /** Inserts, or replaces the query of the user's view with the same name; says which happened. */
  save(v: {
    productId: string;
    userId: string;
    name: string;
    query: string;
  }): Promise<{ view: BacklogViewRecord; replaced: boolean }>;
  /** Deletes the user's own view; null when there is none with that id (or it is someone else's). */
  remove(productId: string, userId: string, viewId: string): Promise<BacklogViewRecord | null>;
}

/**
 * Saved views use cases. Their events carry no product id on purpose: a view is personal, and
 * product events feed the team's activity stream and drop the product's backlog caches.
 */
export function backlogViewUseCases(store: Store) {
  return {
    list: (ctx: ProductContext) => store.read.backlogViews.list(ctx.productId, ctx.actor.userId),

    /** A name the caller already uses is replaced (same id, new query): "save" means "keep this". */
    save(ctx: ProductContext, input: { name: string; query: string }) {
      return store.transaction(async (r) => {
        const { view, replaced } = await r.backlogViews.save({
          productId: ctx.productId,
          userId: ctx.actor.userId,
          ...input,
        });
        await recordEvent(r, {
          productId: null,
          actorId: ctx.actor.userId,
          entityType: 'backlog_view',
          entityId: view.id,
          type: replaced ? 'backlog_view.replaced' : 'backlog_view.created',
          after: { productId: ctx.productId, name: view.name, query: view.query },
        });
        return view;
      });
    },

    async remove(ctx: ProductContext, viewId: string) {
      await store.transaction(async (r) => {
        const gone = await r.backlogViews.remove(ctx.productId, ctx.actor.userId, viewId);
        // Another member's view id answers exactly like a missing one.
        if (!gone) throw notFound('That view');
        await recordEvent(r, {
          productId: null,
          actorId: ctx.actor.userId,
          entityType: 'backlog_view',
          entityId: gone.id,
          type: 'backlog_view.deleted',
          before: { productId: ctx.productId, name: gone.name, query: gone.query },
        });
      });
    },
  };
}
export type BacklogViewUseCases = ReturnType<typeof backlogViewUseCases>;
