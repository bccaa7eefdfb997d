import { BacklogSettings, UpdateBacklogSettingsBody } from '#contracts/backlog-order.ts';
import { ProductParams } from '#contracts/common.ts';
import {
  CreateItemBody,
  Item,
  ItemList,
  ItemListQuery,
  ItemParams,
  UpdateItemBody,
} from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion, keyedBy } from '#http/route.ts';
import { presentItem, presentingConflicts } from './items.presenters.ts';

/** Routes keyed by an item: the item's product decides who may call them. */
export const onItem = keyedBy('itemId', (services, id) => services.items.productOf(id));
const itemMembers = allow.product(ROLES.readers, { of: onItem });

export const itemRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/items',
    tag: 'items',
    summary: 'The backlog: filter, sort by any column (incl. segment and WSJF), cursor pages',
    access: allow.readers,
    params: ProductParams,
    query: ItemListQuery,
    response: ItemList,
    raw: true,
    async handler(ctx) {
      const q = ctx.query;
      const page = await ctx.services.items.listJson(ctx.product, {
        types: q.type,
        statuses: q.status,
        categories: q.category,
        segmentId: q.segment,
        label: q.label,
        assignee: q.assignee,
        releaseCritical: q.releaseCritical,
        release: q.release,
        text: q.q,
        severities: q.severity,
        sla: q.sla,
        dueBefore: q.dueBefore,
        sort: q.sort,
        dir: q.dir,
        cursor: q.cursor,
        limit: q.limit,
      });
      // The items arrive as JSON text built by the database in the Item shape (items-json.repository.ts).
      page.encoded ??= Buffer.from(
        `{"items":${page.itemsJson},"nextCursor":${JSON.stringify(page.nextCursor)}}`,
      );
      return ctx.reply.type('application/json; charset=utf-8').send(page.encoded);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/items',
    tag: 'items',
    summary: 'Add an item at the bottom of the backlog (Idempotency-Key honoured)',
    // Stakeholders may reach the use case so that setting a size earns the team-estimates message.
    access: allow.product(ROLES.participants),
    params: ProductParams,
    body: CreateItemBody,
    response: Item,
    status: 201,
    idempotent: true,
    handler: async (ctx) => presentItem(await ctx.services.items.create(ctx.product, ctx.body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId',
    tag: 'items',
    summary: 'One item',
    access: itemMembers,
    params: ItemParams,
    response: Item,
    handler: async (ctx) => presentItem(await ctx.services.items.get(ctx.product, ctx.params.itemId)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/items/:itemId',
    tag: 'items',
    summary: 'Change an item (If-Match: version; 412 with details.current when stale)',
    access: allow.product(ROLES.participants, { of: onItem }),
    params: ItemParams,
    body: UpdateItemBody,
    response: Item,
    headers: { 'If-Match': 'The version you edited' },
    handler: (ctx) =>
      presentingConflicts(async () =>
        presentItem(
          await ctx.services.items.update(ctx.product, ctx.params.itemId, ifMatchVersion(ctx.req), ctx.body),
        ),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/items/:itemId',
    tag: 'items',
    summary: 'Delete an item',
    access: allow.product(ROLES.owner, { of: onItem, denied: 'Only the Product Owner can delete items.' }),
    params: ItemParams,
    status: 204,
    handler: (ctx) => ctx.services.items.remove(ctx.product, ctx.params.itemId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/backlog-settings',
    tag: 'items',
    summary: 'Definition of Ready (INVEST checks required for `ready`) and split threshold',
    access: allow.readers,
    params: ProductParams,
    response: BacklogSettings,
    handler: (ctx) => ctx.services.items.settings(ctx.product),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/products/:productId/backlog-settings',
    tag: 'items',
    summary: 'Change the Definition of Ready or the split threshold (If-Match: version; 0 = defaults)',
    access: allow.product(ROLES.owner, { denied: 'Only the Product Owner can change this.' }),
    params: ProductParams,
    body: UpdateBacklogSettingsBody,
    response: BacklogSettings,
    headers: { 'If-Match': 'The settings version you edited (0 while only the defaults exist)' },
    handler: (ctx) => ctx.services.items.saveSettings(ctx.product, ifMatchVersion(ctx.req, 0), ctx.body),
  }),
];
