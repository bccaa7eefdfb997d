import {
  Comment,
  CommentList,
  CreateCommentBody,
  CreateLinkBody,
  Link,
  LinkList,
  LinkParams,
} from '#contracts/backlog-order.ts';
import { ItemParams } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { presentComment, presentLink } from './items.presenters.ts';
import { onItem } from './items.routes.ts';

const itemMembers = allow.product(ROLES.readers, { of: onItem });

export const itemSocialRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/comments',
    tag: 'items',
    summary: 'Comments on an item, oldest first',
    access: itemMembers,
    params: ItemParams,
    response: CommentList,
    handler: async (ctx) => ({
      comments: (await ctx.services.items.comments(ctx.product, ctx.params.itemId)).map(presentComment),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/items/:itemId/comments',
    tag: 'items',
    summary: 'Comment on an item; @Name or @email-name mentions a member',
    access: allow.product(ROLES.participants, { of: onItem }),
    params: ItemParams,
    body: CreateCommentBody,
    response: Comment,
    status: 201,
    idempotent: true,
    handler: async (ctx) =>
      presentComment(await ctx.services.items.comment(ctx.product, ctx.params.itemId, ctx.body.body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/items/:itemId/links',
    tag: 'items',
    summary: 'Links of an item (blocks, relates, duplicates), both directions',
    access: itemMembers,
    params: ItemParams,
    response: LinkList,
    handler: async (ctx) => ({
      links: (await ctx.services.items.links(ctx.product, ctx.params.itemId)).map(presentLink),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/items/:itemId/links',
    tag: 'items',
    summary: 'Link this item to another: it blocks, relates to or duplicates it',
    access: allow.product(ROLES.contributors, { of: onItem }),
    params: ItemParams,
    body: CreateLinkBody,
    response: Link,
    status: 201,
    handler: async (ctx) =>
      presentLink(
        await ctx.services.items.link(ctx.product, ctx.params.itemId, ctx.body.kind, ctx.body.toItemId),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/items/:itemId/links/:linkId',
    tag: 'items',
    summary: 'Remove a link',
    access: allow.product(ROLES.contributors, { of: onItem }),
    params: LinkParams,
    status: 204,
    handler: (ctx) => ctx.services.items.unlink(ctx.product, ctx.params.itemId, ctx.params.linkId),
  }),
];
