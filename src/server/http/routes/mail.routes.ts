import type { DeliveryRecord } from '#app/mail/ports.ts';
import type { WebhookDeliveryRecord } from '#app/webhooks/ports.ts';
import { Ok } from '#contracts/common.ts';
import {
  type Delivery,
  DeliveryList,
  DeliveryParams,
  DeliveryQuery,
  MailStatus,
  NotificationSettings,
  NotificationSettingsBody,
  SentTestMail,
} from '#contracts/mail.ts';
import {
  Resubscribed,
  UndoUnsubscribeBody,
  Unsubscribed,
  UnsubscribeInfo,
  UnsubscribeParams,
} from '#contracts/unsubscribe.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

const presentDelivery = (d: DeliveryRecord): Delivery => ({
  id: d.id,
  channel: 'email',
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  sentAt: d.sentAt?.toISOString() ?? null,
  kind: d.kind,
  recipient: d.recipient,
  subject: d.subject,
  messageId: d.messageId,
  interrupted: d.interrupted,
});

const presentWebhookDelivery = (
  d: WebhookDeliveryRecord & { url: string; interrupted: number },
): Delivery => ({
  id: d.id,
  channel: 'webhook',
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  sentAt: d.sentAt?.toISOString() ?? null,
  kind: d.eventType,
  recipient: d.url,
  subject: d.eventType,
  messageId: d.id,
  interrupted: d.interrupted,
});

export const mailRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/notification-settings',
    tag: 'mail',
    summary: 'How you take each kind of notification: in-app only, email at once, or a daily digest',
    access: allow.user,
    response: NotificationSettings,
    handler: (ctx) => ctx.services.mail.settings(ctx.actor),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/me/notification-settings',
    tag: 'mail',
    summary:
      'Choose per kind: in_app, email or digest (kinds not named keep their mode), and the time zone of the daily digest',
    access: allow.user,
    body: NotificationSettingsBody,
    response: NotificationSettings,
    handler: (ctx) => ctx.services.mail.updateSettings(ctx.actor, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mail/unsubscribe/:token',
    tag: 'mail',
    summary:
      'What a mail’s unsubscribe link would turn off, for the page behind it; changes nothing (404 for a bad link)',
    access: allow.public,
    params: UnsubscribeParams,
    response: UnsubscribeInfo,
    handler: (ctx) => ctx.services.mail.unsubscribeInfo(ctx.params.token),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mail/unsubscribe/:token',
    tag: 'mail',
    summary:
      'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post): the signed link turns that kind of mail off for its person',
    access: allow.public,
    params: UnsubscribeParams,
    response: Unsubscribed,
    handler: (ctx) => ctx.services.mail.unsubscribe(ctx.params.token),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mail/unsubscribe/:token/undo',
    tag: 'mail',
    summary: 'Undo an unsubscribe with the same link: that kind is mailed again, at once or in the digest',
    access: allow.public,
    params: UnsubscribeParams,
    body: UndoUnsubscribeBody,
    response: Resubscribed,
    handler: (ctx) => ctx.services.mail.undoUnsubscribe(ctx.params.token, ctx.body.mode),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/mail',
    tag: 'admin',
    summary: 'Mail configuration (on or off, sender, server without password) and the outbox queue',
    access: allow.admin,
    response: MailStatus,
    handler: (ctx) => ctx.services.mail.status(),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/mail/test',
    tag: 'admin',
    summary: 'Send yourself a test mail through the outbox (409 mail_off without SMTP)',
    access: allow.admin,
    response: SentTestMail,
    handler: (ctx) => ctx.services.mail.sendTest(ctx.actor),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/deliveries',
    tag: 'admin',
    summary: 'Deliveries of every channel, newest first, by channel and status',
    access: allow.admin,
    query: DeliveryQuery,
    response: DeliveryList,
    async handler(ctx) {
      const { channel, status } = ctx.query;
      // Webhook deliveries are never held or bundled (those are mail's digest states).
      const digestOnly = status === 'held' || status === 'bundled';
      const [mails, webhooks] = await Promise.all([
        channel === 'webhook' ? [] : ctx.services.mail.list({ status }),
        channel === 'email' || digestOnly ? [] : ctx.services.webhooks.adminList({ status }),
      ]);
      const deliveries = [...mails.map(presentDelivery), ...webhooks.map(presentWebhookDelivery)];
      deliveries.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      return { deliveries: deliveries.slice(0, 200) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/deliveries/:deliveryId/resend',
    tag: 'admin',
    summary: 'Send a sent or failed delivery again, by hand (same Message-ID, fresh attempts)',
    access: allow.admin,
    params: DeliveryParams,
    response: Ok,
    async handler(ctx) {
      // The id says which outbox: a webhook delivery's, else a mail's (404 when neither has it).
      if (!(await ctx.services.webhooks.adminResend(ctx.actor, ctx.params.deliveryId)))
        await ctx.services.mail.resend(ctx.actor, ctx.params.deliveryId);
      return { ok: true as const };
    },
  }),
];
