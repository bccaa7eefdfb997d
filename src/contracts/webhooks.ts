import { z } from 'zod';
import { Id, IsoDateTime, intText, text } from './common.ts';
import type { EventType } from './events.ts';

/**
 * The events a webhook endpoint may ask for: what happens to a product's work, its sprints,
 * releases, requests and reviews. Left out on purpose: account and token events (no product),
 * sign-in links, single people's votes and review answers (a customer's own words and choices),
 * and the webhook events themselves.
 */
export const WEBHOOK_EVENT_TYPES = [
  'item.created',
  'item.updated',
  'item.deleted',
  'item.commented',
  'item.linked',
  'item.unlinked',
  'item.imported',
  'sprint.created',
  'sprint.updated',
  'sprint.item_added',
  'sprint.item_removed',
  'sprint.started',
  'sprint.closed',
  'release.created',
  'release.updated',
  'release.scope_applied',
  'release.shipped',
  'request.created',
  'request.triaged',
  'request.shipped',
  'review.opened',
  'review.closed',
  'product.updated',
  'member.added',
  'member.role_changed',
  'member.removed',
] as const satisfies readonly EventType[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** The type of the payload "Send a test event" sends. */
export const WEBHOOK_TEST_TYPE = 'webhook.test';

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
const EventTypes = z
  .array(WebhookEventTypeSchema)
  .min(1, { message: 'Choose at least one event' })
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((types) => [...new Set(types)]);

export const CreateWebhookBody = z.object({
  url: text({ min: 1, max: 2000, minMessage: 'Enter the URL that receives the webhooks' }),
  events: EventTypes,
  description: text({ max: 200 }).default(''),
});
export const UpdateWebhookBody = z.object({
  url: CreateWebhookBody.shape.url.optional(),
  events: EventTypes.optional(),
  description: text({ max: 200 }).optional(),
  /** Turn a disabled endpoint on again (its failure clock starts afresh), or pause it. */
  enabled: z.boolean().optional(),
});

export const Webhook = z.object({
  id: Id,
  productId: Id,
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventTypeSchema),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  failingSince: IsoDateTime.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Webhook = z.infer<typeof Webhook>;
/** The create's answer: the one time the signing secret is shown. */
export const CreatedWebhook = Webhook.extend({
  secret: z.string().describe('Standard Webhooks signing secret (whsec_…); shown only now'),
});
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;
export const WebhookList = z.object({ webhooks: z.array(Webhook), eventTypes: z.array(z.string()) });
export const WebhookParams = z.object({ webhookId: Id });
export const WebhookDeliveryParams = z.object({ webhookId: Id, deliveryId: Id });

export const DeliveryStatus = z.enum(['pending', 'sent', 'failed']);
export const WebhookDelivery = z.object({
  /** Also the `webhook-id` header: the same on every attempt and re-send. */
  id: Id,
  eventId: z.string().nullable(),
  eventType: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  responseCode: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
  lastAttemptAt: IsoDateTime.nullable(),
  sentAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDelivery) });
export const WebhookDeliveryQuery = z.object({
  status: DeliveryStatus.optional(),
  limit: intText({ min: 1, max: 200 }).optional(),
});
