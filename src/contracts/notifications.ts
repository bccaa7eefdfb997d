import { z } from 'zod';
import { Id, IsoDateTime } from './common.ts';

/** One notification in the bell: a mention, "What you asked for shipped", a request's new status. */
export const Notification = z.object({
  id: Id,
  kind: z.enum([
    'mention',
    'shipped',
    'request_status',
    'webhook_disabled',
    'sla',
    'agreement',
    'decision_contradicted',
    'repayment_overdue',
  ]),
  productId: Id,
  productKey: z.string(),
  /** The headline in words ("What you asked for shipped: VIP-12 Export"). */
  title: z.string(),
  /** The line under it: the "what changed for you", the decline reason, the comment's start. */
  body: z.string().nullable(),
  actorName: z.string().nullable(),
  itemId: Id.nullable(),
  itemKey: z.string().nullable().describe('Null when the item was deleted since'),
  requestId: Id.nullable(),
  /** A working agreement to comment on or acknowledge. */
  agreementId: Id.nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const NotificationList = z.object({
  notifications: z.array(Notification).describe('Unread first, then newest first'),
  unread: z.number().int(),
  total: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const MarkNotificationsRead = z.object({
  ids: z.array(Id).min(1, { message: 'Name at least one notification' }).max(200),
});
export const MarkedRead = z.object({
  marked: z.number().int().describe('How many of yours changed (ids not yours are ignored)'),
  unread: z.number().int(),
});

/** What the stream sends (`event: unread`) whenever the caller's notifications change. */
export const UnreadCount = z.object({ unread: z.number().int() });
