import { ProductParams } from '#contracts/common.ts';
import {
  AddMemberBody,
  CreateProductBody,
  CreateSegmentBody,
  EventList,
  EventQuery,
  Member,
  MemberList,
  MemberParams,
  Product,
  ProductList,
  Segment,
  SegmentList,
  SegmentParams,
  UpdateMemberBody,
  UpdateProductBody,
  UpdateSegmentBody,
} from '#contracts/products.ts';
import { hasRole, ROLES } from '#domain/roles.ts';
import { presentEvent, presentMember, presentProduct, presentSegment } from '#http/presenters.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion } from '#http/route.ts';

const ownerOnly = allow.product(ROLES.owner, { denied: 'Only the Product Owner can change this.' });

export const productRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products',
    tag: 'products',
    summary: 'Products you are a member of',
    access: allow.user,
    response: ProductList,
    handler: async (ctx) => ({
      products: (await ctx.services.products.listForUser(ctx.actor)).map(presentProduct),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products',
    tag: 'products',
    summary: 'Create a product; you become its Product Owner',
    access: allow.user,
    body: CreateProductBody,
    response: Product,
    status: 201,
    idempotent: true,
    handler: async (ctx) => presentProduct(await ctx.services.products.create(ctx.actor, ctx.body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId',
    tag: 'products',
    summary: 'One product',
    access: allow.members,
    params: ProductParams,
    response: Product,
    handler: async (ctx) => presentProduct(await ctx.services.products.get(ctx.product)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/products/:productId',
    tag: 'products',
    summary: 'Rename or re-key a product (If-Match: version)',
    access: ownerOnly,
    params: ProductParams,
    body: UpdateProductBody,
    response: Product,
    headers: { 'If-Match': 'The version you edited' },
    handler: async (ctx) =>
      presentProduct(await ctx.services.products.update(ctx.product, ifMatchVersion(ctx.req), ctx.body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/products/:productId',
    tag: 'products',
    summary: 'Delete a product',
    access: ownerOnly,
    params: ProductParams,
    status: 204,
    handler: (ctx) => ctx.services.products.remove(ctx.product),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/members',
    tag: 'members',
    summary: 'Members and their roles',
    access: allow.readers,
    params: ProductParams,
    response: MemberList,
    handler: async (ctx) => ({
      members: (await ctx.services.products.listMembers(ctx.product)).map(presentMember),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/members',
    tag: 'members',
    summary: 'Add a member with a role',
    access: ownerOnly,
    params: ProductParams,
    body: AddMemberBody,
    response: Member,
    status: 201,
    handler: async (ctx) =>
      presentMember(
        await ctx.services.products.setMember(ctx.product, ctx.body.userId, ctx.body.role, 'add'),
      ),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/products/:productId/members/:userId',
    tag: 'members',
    summary:
      "Change a member's role or customer segments (segmentIds: this product's segments); the PO or a workspace admin",
    access: allow.product(ROLES.owner, { denied: 'Only the Product Owner can change this.', admins: true }),
    params: MemberParams,
    body: UpdateMemberBody,
    response: Member,
    handler: async (ctx) =>
      presentMember(await ctx.services.products.updateMember(ctx.product, ctx.params.userId, ctx.body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/products/:productId/members/:userId',
    tag: 'members',
    summary: 'Remove a member',
    access: ownerOnly,
    params: MemberParams,
    status: 204,
    handler: (ctx) => ctx.services.products.removeMember(ctx.product, ctx.params.userId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/segments',
    tag: 'segments',
    summary: 'Customer segments of a product',
    access: allow.members,
    params: ProductParams,
    response: SegmentList,
    handler: async (ctx) => {
      const segments = (await ctx.services.products.listSegments(ctx.product)).map(presentSegment);
      // The effort targets are the PO's internal planning; the customers see the names.
      const customer = !hasRole(ctx.product.role, ROLES.readers);
      return { segments: customer ? segments.map((seg) => ({ ...seg, targetShare: null })) : segments };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/segments',
    tag: 'segments',
    summary: 'Add a customer segment',
    access: ownerOnly,
    params: ProductParams,
    body: CreateSegmentBody,
    response: Segment,
    status: 201,
    idempotent: true,
    handler: async (ctx) => presentSegment(await ctx.services.products.createSegment(ctx.product, ctx.body)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/products/:productId/segments/:segmentId',
    tag: 'segments',
    summary: 'Change a customer segment',
    access: ownerOnly,
    params: SegmentParams,
    body: UpdateSegmentBody,
    response: Segment,
    handler: async (ctx) =>
      presentSegment(await ctx.services.products.updateSegment(ctx.product, ctx.params.segmentId, ctx.body)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/products/:productId/segments/:segmentId',
    tag: 'segments',
    summary: 'Delete a customer segment',
    access: ownerOnly,
    params: SegmentParams,
    status: 204,
    handler: (ctx) => ctx.services.products.removeSegment(ctx.product, ctx.params.segmentId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/events',
    tag: 'events',
    summary: 'Activity feed: the product event log, newest first',
    access: allow.readers,
    params: ProductParams,
    query: EventQuery,
    response: EventList,
    async handler(ctx) {
      const events = await ctx.services.products.listEvents(ctx.product, ctx.query);
      return {
        events: events.map(presentEvent),
        nextCursor: events.length === ctx.query.limit ? String(events.at(-1)!.id) : null,
      };
    },
  }),
];
