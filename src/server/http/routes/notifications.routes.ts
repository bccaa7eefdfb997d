import type { NotificationRecord } from '#app/reactions/ports.ts';
import {
  MarkedRead,
  MarkNotificationsRead,
  type Notification,
  NotificationList,
  NotificationQuery,
} from '#contracts/notifications.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { openSse } from '#http/sse.ts';

const describe = (n: NotificationRecord): string => {
  if (n.title) return n.title;
  const item = n.itemKey ? `${n.itemKey}${n.itemTitle ? ` “${n.itemTitle}”` : ''}` : 'an item deleted since';
  return `${n.actorName ?? 'Someone'} mentioned you on ${item}`;
};

export const presentNotification = (n: NotificationRecord): Notification => ({
  id: n.id,
  kind: n.kind,
  productId: n.productId,
  productKey: n.productKey,
  title: describe(n),
  body: n.kind === 'mention' ? n.excerpt : n.body,
  actorName: n.actorName,
  itemId: n.itemId,
  itemKey: n.itemKey,
  requestId: n.requestId,
  agreementId: n.agreementId,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export const notificationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/notifications',
    tag: 'notices',
    summary: 'My notifications of every kind: unread first, then newest; with the unread count',
    access: allow.user,
    query: NotificationQuery,
    response: NotificationList,
    async handler(ctx) {
      const { notifications, unread, total } = await ctx.services.notifications.list(ctx.actor, ctx.query);
      return { notifications: notifications.map(presentNotification), unread, total };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/notifications/read',
    tag: 'notices',
    summary: 'Mark some of my notifications read (ids that are not mine are ignored)',
    access: allow.user,
    body: MarkNotificationsRead,
    response: MarkedRead,
    async handler(ctx) {
      return ctx.services.notifications.markRead(ctx.actor, ctx.body.ids);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/notifications/stream',
    tag: 'notices',
    summary: 'My unread count, live (text/event-stream; event `unread` carries {unread})',
    access: allow.user,
    raw: true,
    async handler(ctx) {
      const sse = openSse(ctx.reply, { retryMs: 3000 });
      const actor = ctx.actor;
      let seq = 0;
      let reading: Promise<void> = Promise.resolve();
      // Reads run one after another, so the count sent last is the newest one.
      const send = () => {
        reading = reading.then(async () => {
          if (sse.closed) return;
          const unread = await ctx.services.notifications.unread(actor).catch(() => null);
          if (unread !== null) sse.send('unread', { unread }, ++seq);
        });
      };
      sse.onClose(ctx.services.notifications.subscribe(actor, send));
      send();
    },
  }),
];
