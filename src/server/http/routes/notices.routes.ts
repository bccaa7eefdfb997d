import type { NoticeRecord } from '#app/reactions/ports.ts';
import { Ok } from '#contracts/common.ts';
import { type Notice, NoticeList, NoticeParams } from '#contracts/reactions.ts';
import { type AnyRoute, defineRoute } from '#http/route.ts';

const presentNotice = (n: NoticeRecord): Notice => ({
  id: n.id,
  kind: n.kind,
  productId: n.productId,
  productKey: n.productKey,
  actorName: n.actorName,
  itemId: n.itemId,
  itemKey: n.itemKey,
  itemTitle: n.itemTitle,
  excerpt: n.excerpt,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export const noticeRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/notices',
    tag: 'notices',
    summary: 'My in-app notices (mentions), newest first, with the unread count',
    access: { kind: 'user' },
    response: NoticeList,
    async handler(ctx) {
      const { notices, unread } = await ctx.services.notices.mine(ctx.actor);
      return { notices: notices.map(presentNotice), unread };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/notices/:noticeId/read',
    tag: 'notices',
    summary: 'Mark one of my notices read',
    access: { kind: 'user' },
    params: NoticeParams,
    response: Ok,
    async handler(ctx) {
      await ctx.services.notices.markRead(ctx.actor, ctx.params.noticeId);
      return { ok: true as const };
    },
  }),
];
