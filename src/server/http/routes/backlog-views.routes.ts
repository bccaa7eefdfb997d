import type { BacklogViewRecord } from '#app/items/views.ts';
import { BacklogView, BacklogViewList, SaveViewBody, ViewParams } from '#contracts/backlog-views.ts';
import { ProductParams } from '#contracts/common.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

/** Saved view record → API shape (no product or user id: the caller only ever sees their own). */
export const presentView = (v: BacklogViewRecord): BacklogView => ({
  id: v.id,
  name: v.name,
  query: v.query,
  createdAt: new Date(v.createdAt).toISOString(),
});

export const backlogViewRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/views',
    tag: 'items',
    summary: "The caller's saved backlog views on this product, by name",
    access: allow.readers,
    params: ProductParams,
    response: BacklogViewList,
    handler: async (ctx) => ({ views: (await ctx.services.backlogViews.list(ctx.product)).map(presentView) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/views',
    tag: 'items',
    summary: 'Save the backlog URL search string as a named view; an existing name of yours is replaced',
    access: allow.readers,
    params: ProductParams,
    body: SaveViewBody,
    response: BacklogView,
    status: 201,
    handler: async (ctx) => presentView(await ctx.services.backlogViews.save(ctx.product, ctx.body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/products/:productId/views/:viewId',
    tag: 'items',
    summary: 'Delete one of your saved views (another person’s view id answers 404)',
    access: allow.readers,
    params: ViewParams,
    status: 204,
    handler: (ctx) => ctx.services.backlogViews.remove(ctx.product, ctx.params.viewId),
  }),
];
