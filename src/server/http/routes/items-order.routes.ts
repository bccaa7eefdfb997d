import {
  ApplyWsjfResult,
  InvestReport,
  ItemHistory,
  RestoreOrderBody,
  RestoreOrderResult,
  WsjfOrder,
} from '#contracts/backlog-order.ts';
import { ProductParams } from '#contracts/common.ts';
import { ItemParams, MovedItem, MoveItemBody } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { presentHistory } from './items.presenters.ts';
import { onItem } from './items.routes.ts';

const ORDERERS_ONLY = 'Only the Product Owner orders the backlog.';
const orderers = allow.product(ROLES.owner, { denied: ORDERERS_ONLY });
const itemMembers = allow.product(ROLES.readers, { of: onItem });

const entry = (e: { id: string; key: string; title: string; status: string; wsjf: number | null }) => ({
  id: e.id,
  key: e.key,
  title: e.title,
  status: e.status as 'new',
  wsjf: e.wsjf == null ? null : Math.round(e.wsjf * 100) / 100,
  needsEstimate: e.wsjf == null,
});

export const itemOrderRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/items/:itemId/move',
    tag: 'items',
    summary:
      'Move an item right before or after another ({"before": id} or {"after": id}); writes one row, its order key',
    access: allow.product(ROLES.owner, { of: onItem, denied: ORDERERS_ONLY }),
    params: ItemParams,
    body: MoveItemBody,
    response: MovedItem,
    async handler(ctx) {
      // The API answers only what MovedItem declares.
      const { id, key, rank, version } = await ctx.services.items.move(
        ctx.product,
        ctx.params.itemId,
        ctx.body,
      );
      return { id, key, rank, version };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/wsjf-order',
    tag: 'items',
    summary: 'Suggested order by WSJF beside the current order, with the moves it implies',
    access: allow.readers,
    params: ProductParams,
    response: WsjfOrder,
    async handler(ctx) {
      const plan = await ctx.services.items.wsjfOrder(ctx.product);
      const keyOf = new Map(plan.current.map((c) => [c.id, c.key]));
      return {
        current: plan.current.map(entry),
        suggested: plan.suggested.map(entry),
        moves: plan.moves.map((m) => ({ id: m.id, key: keyOf.get(m.id)!, afterId: m.afterId })),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/wsjf-order/apply',
    tag: 'items',
    summary: 'Apply the WSJF order as one change',
    access: orderers,
    params: ProductParams,
    response: ApplyWsjfResult,
    handler: (ctx) => ctx.services.items.applyWsjfOrder(ctx.product),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/order/restore',
    tag: 'items',
    summary:
      'Undo an applied order as one change: the items go back to their keys from before (409 if moved since)',
    access: orderers,
    params: ProductParams,
    body: RestoreOrderBody,
    response: RestoreOrderResult,
    handler: (ctx) => ctx.services.items.restoreOrder(ctx.product, ctx.body.changes),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/invest',
    tag: 'items',
    summary: 'INVEST check with reasons, and what the Definition of Ready still misses',
    access: itemMembers,
    params: ItemParams,
    response: InvestReport,
    handler: (ctx) => ctx.services.items.invest(ctx.product, ctx.params.itemId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/history',
    tag: 'items',
    summary: 'Every change of the item, oldest first, with before/after per field',
    access: itemMembers,
    params: ItemParams,
    response: ItemHistory,
    handler: async (ctx) => ({
      entries: (await ctx.services.items.history(ctx.product, ctx.params.itemId)).map(presentHistory),
    }),
  }),
];
