import { z } from 'zod';
import { WorkspaceRole } from '#contracts/auth.ts';
import { ProductRoleSchema } from '#contracts/common.ts';
import {
  event,
  id,
  none,
  ProductFields,
  SegmentFields,
  SegmentRow,
  str,
  UserFields,
  WebhookFields,
} from './fields.ts';

/** Workspace, accounts, mail, calendar, sign-on, products, members, segments and webhooks. */
export const WORKSPACE_EVENTS = [
  // Workspace and accounts (productId is null)
  event('workspace.setup', 'user', {
    after: z.strictObject({ email: str, via: z.literal('environment').optional() }),
  }),
  event('user.created', 'user', {
    after: z.strictObject({ email: str, name: str, workspaceRole: WorkspaceRole.optional() }),
  }),
  event('user.updated', 'user', { before: UserFields, after: UserFields }),
  event('user.password_changed', 'user', { after: z.strictObject({ otherSessionsEnded: z.number() }) }),
  event('user.password_reset_created', 'user', { after: z.strictObject({ expiresAt: str }) }),
  event('user.password_reset', 'user', { after: z.strictObject({ sessionsEnded: z.number() }) }),
  event('token.created', 'api_token', { after: z.strictObject({ name: str }) }),
  // Mail (issue 12): a person's choice per kind (also by an unsubscribe link), an admin's resend.
  event('user.notification_settings_changed', 'user', {
    after: z.strictObject({
      settings: z.record(str, z.enum(['in_app', 'email', 'digest'])),
      timeZone: str.optional(),
      via: z.enum(['settings', 'unsubscribe', 'unsubscribe_undone']),
    }),
  }),
  event('delivery.resent', 'delivery', {
    after: z.strictObject({ channel: z.literal('email'), subject: str }),
  }),
  event('mail.test_sent', 'delivery', { after: z.strictObject({ to: str }) }),
  event('token.revoked', 'api_token', {}),
  // Issue 12: the personal calendar link (entity: the user) and single sign-on.
  event('calendar_feed.created', 'user', {}),
  event('calendar_feed.revoked', 'user', {}),
  event('user.sso_linked', 'user', { after: z.strictObject({ issuer: str, email: str }) }),
  event('user.sso_signed_up', 'user', { after: z.strictObject({ issuer: str, email: str, name: str }) }),
  event('invite.created', 'invite', {
    after: z.strictObject({ email: str.nullable(), workspaceRole: WorkspaceRole }),
  }),
  event('invite.accepted', 'user', { after: z.strictObject({ email: str }) }),

  // Products, members, segments
  event('product.created', 'product', { after: ProductFields }),
  event('product.updated', 'product', { before: ProductFields.partial(), after: ProductFields.partial() }),
  event('product.deleted', 'product', {}),
  event('member.added', 'member', {
    before: none,
    after: z.strictObject({ role: ProductRoleSchema, name: str }),
  }),
  event('member.role_changed', 'member', {
    before: z.strictObject({ role: ProductRoleSchema }),
    after: z.strictObject({ role: ProductRoleSchema, name: str }),
  }),
  event('member.removed', 'member', { before: z.strictObject({ role: ProductRoleSchema, name: str }) }),
  event('segment.created', 'segment', { after: SegmentFields }),
  event('segment.updated', 'segment', { before: SegmentRow, after: SegmentRow }),
  event('segment.deleted', 'segment', { before: SegmentRow }),

  // Webhooks (issue 12): endpoints per product; deliveries are their own rows, not events.
  event('webhook.created', 'webhook', { after: z.strictObject({ url: str, events: z.array(str) }) }),
  event('webhook.updated', 'webhook', { before: WebhookFields, after: WebhookFields }),
  event('webhook.deleted', 'webhook', { before: z.strictObject({ url: str }) }),
  /** Every attempt failed for a day: the endpoint was turned off and its owner is told. */
  event('webhook.disabled', 'webhook', {
    after: z.strictObject({ url: str, reason: str, failingSince: str }),
  }),
  event('webhook.test_requested', 'webhook', { after: z.strictObject({ deliveryId: id }) }),
  event('webhook.delivery_resent', 'webhook', {
    after: z.strictObject({ deliveryId: id, eventType: str }),
  }),
] as const;
