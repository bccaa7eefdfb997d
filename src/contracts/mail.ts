import { z } from 'zod';
import { Id, IsoDateTime } from './common.ts';
import { TimeZoneName } from './time-zone.ts';

export const MailKind = z.enum([
  'review_invitation',
  'shipped',
  'request_status',
  'mention',
  'assigned',
  'sprint',
  'sla',
  'agreement',
  'decision',
  'webhook',
]);
export const DeliveryMode = z.enum(['in_app', 'email', 'digest']);

/** GET/PUT /api/v1/me/notification-settings: one mode per kind. */
export const NotificationSetting = z.object({ kind: MailKind, label: z.string(), mode: DeliveryMode });
export const NotificationSettings = z.object({
  mailEnabled: z.boolean().describe('False while the server has no TANDEM_SMTP_URL: nothing is mailed'),
  settings: z.array(NotificationSetting),
  timeZone: z.string().describe('IANA time zone the daily digest counts its day in (UTC until chosen)'),
  timeZoneChosen: z
    .boolean()
    .describe('False until the person saved a zone (the web app then sends the browser’s)'),
  nextDigestAt: IsoDateTime.describe(
    'When the next digest goes out, if anything is held for it: 00:05 local',
  ),
});
export const NotificationSettingsBody = z.object({
  timeZone: TimeZoneName.optional().describe('IANA time zone of the daily digest, e.g. Europe/Berlin'),
  settings: z
    .array(z.object({ kind: MailKind, mode: DeliveryMode }))
    .min(1)
    .max(20)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((s, n) => {
        if (seen.has(s.kind)) ctx.addIssue({ code: 'custom', path: [n, 'kind'], message: 'Each kind once' });
        seen.add(s.kind);
      });
    })
    .optional()
    .describe('Kinds not named keep their mode'),
});

export const DeliveryChannel = z.enum(['email', 'webhook']);
export const DeliveryStatus = z.enum(['pending', 'sent', 'failed', 'held', 'bundled']);
export const DeliveryQuery = z.object({
  channel: DeliveryChannel.optional(),
  status: DeliveryStatus.optional(),
});
export const DeliveryParams = z.object({ deliveryId: Id });
/**
 * One delivery of any channel. The common columns (id, channel, status, attempts, lastError,
 * createdAt, sentAt) are what every channel's outbox has; the rest says what it was.
 */
export const Delivery = z.object({
  id: Id,
  channel: DeliveryChannel,
  status: DeliveryStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  kind: z.string().describe('The mail kind, or the event type a webhook carried'),
  recipient: z.string().describe('The address mailed, or the endpoint URL'),
  subject: z.string().describe('The mail subject, or the event type'),
  messageId: z.string().describe('The Message-ID, or the webhook-id'),
  interrupted: z
    .number()
    .int()
    .describe('Attempts cut short after the send began (a crash): may be duplicates'),
});
export const DeliveryList = z.object({ deliveries: z.array(Delivery) });

export const MailStatus = z.object({
  enabled: z.boolean(),
  from: z.string().nullable(),
  server: z.string().nullable().describe('The SMTP host and port (never the password)'),
  queue: z.object({
    pending: z.number().int(),
    held: z.number().int(),
    failed: z.number().int(),
    sent: z.number().int(),
  }),
});

export const SentTestMail = z.object({ ok: z.literal(true), to: z.string() });
export type Delivery = z.infer<typeof Delivery>;
