import { ProductParams } from '#contracts/common.ts';
import { ItemParams } from '#contracts/items.ts';
import {
  CreateRequestBody,
  ItemRequests,
  Portal,
  Request,
  RequestList,
  RequestListQuery,
  RequestParams,
  TriageBody,
  UpdateRequestBody,
} from '#contracts/requests.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion, keyedBy } from '#http/route.ts';
import { onItem } from './items.routes.ts';
import { presentPortal, presentRequest } from './requests.presenters.ts';

/** Routes keyed by a request: its product decides who may call them. */
export const onRequest = keyedBy('requestId', (services, id) => services.requests.productOf(id));
const PO_TRIAGES = 'The Product Owner triages and publishes requests.';

export const requestRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/portal',
    tag: 'portal',
    summary:
      'A stakeholder’s home: delivered for you, coming next (published), waiting for you, your requests',
    access: allow.members,
    params: ProductParams,
    response: Portal,
    handler: async (ctx) => presentPortal(await ctx.services.portal.get(ctx.product), ctx.actor.userId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/requests',
    tag: 'requests',
    summary:
      'Requests: all for the PO and team (filter, sort by age or supporters); a stakeholder’s own and the published ones',
    access: allow.members,
    params: ProductParams,
    query: RequestListQuery,
    response: RequestList,
    handler: async (ctx) => {
      const list = await ctx.services.requests.list(ctx.product, {
        status: ctx.query.status,
        segmentId: ctx.query.segment,
        sort: ctx.query.sort,
      });
      return { requests: list.map((q) => presentRequest(q, ctx.actor.userId)) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/requests',
    tag: 'requests',
    summary: 'Ask for something: what is hard for you, and why',
    access: allow.members,
    params: ProductParams,
    body: CreateRequestBody,
    response: Request,
    status: 201,
    idempotent: true,
    handler: async (ctx) =>
      presentRequest(await ctx.services.requests.create(ctx.product, ctx.body), ctx.actor.userId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/requests/:requestId',
    tag: 'requests',
    summary: 'One request (a stakeholder reads only their own and the published ones)',
    access: allow.product(ROLES.anyMember, { of: onRequest }),
    params: RequestParams,
    response: Request,
    handler: async (ctx) =>
      presentRequest(await ctx.services.requests.get(ctx.product, ctx.params.requestId), ctx.actor.userId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/requests/:requestId',
    tag: 'requests',
    summary: 'Edit or (un)publish a request (If-Match: version)',
    access: allow.product(ROLES.owner, { of: onRequest, denied: PO_TRIAGES }),
    params: RequestParams,
    body: UpdateRequestBody,
    response: Request,
    headers: { 'If-Match': 'The version you edited' },
    handler: async (ctx) =>
      presentRequest(
        await ctx.services.requests.update(
          ctx.product,
          ctx.params.requestId,
          ifMatchVersion(ctx.req),
          ctx.body,
        ),
        ctx.actor.userId,
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/requests/:requestId/support',
    tag: 'requests',
    summary: '+1 a request, once per person (a second call changes nothing)',
    access: allow.product(ROLES.anyMember, { of: onRequest }),
    params: RequestParams,
    response: Request,
    handler: async (ctx) =>
      presentRequest(
        await ctx.services.requests.support(ctx.product, ctx.params.requestId),
        ctx.actor.userId,
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/requests/:requestId/triage',
    tag: 'requests',
    summary:
      'Triage: link to an item, create an item from it, or decline it with a reason (Idempotency-Key honoured)',
    access: allow.product(ROLES.owner, { of: onRequest, denied: PO_TRIAGES }),
    params: RequestParams,
    body: TriageBody,
    response: Request,
    // A retried "create" must not make a second item.
    idempotent: true,
    handler: async (ctx) =>
      presentRequest(
        await ctx.services.requests.triage(ctx.product, ctx.params.requestId, ctx.body),
        ctx.actor.userId,
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/requests',
    tag: 'requests',
    summary: 'An item’s requests and who asked, per segment ("asked by 14 VIP members")',
    access: allow.product(ROLES.readers, { of: onItem }),
    params: ItemParams,
    response: ItemRequests,
    handler: async (ctx) => {
      const r = await ctx.services.requests.forItem(ctx.product, ctx.params.itemId);
      return { ...r, requests: r.requests.map((q) => presentRequest(q, ctx.actor.userId)) };
    },
  }),
];
