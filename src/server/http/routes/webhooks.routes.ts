import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '#app/webhooks/ports.ts';
import { ProductParams } from '#contracts/common.ts';
import {
  CreatedWebhook,
  CreateWebhookBody,
  UpdateWebhookBody,
  WEBHOOK_EVENT_TYPES,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryParams,
  WebhookDeliveryQuery,
  type WebhookEventType,
  WebhookList,
  WebhookParams,
} from '#contracts/webhooks.ts';
import { ROLES } from '#domain/roles.ts';
import { type AnyRoute, allow, defineRoute, ifMatchVersion, keyedBy } from '#http/route.ts';

/** The PO, or a workspace admin acting as one: webhooks send the product's events out. */
const denied = 'Only the Product Owner or a workspace admin can manage webhooks.';
const onProduct = allow.product(ROLES.owner, { denied, admins: true });
const onWebhook = allow.product(ROLES.owner, {
  denied,
  admins: true,
  of: keyedBy('webhookId', (services, id) => services.webhooks.productOf(id)),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentWebhook = (w: WebhookEndpointRecord): Webhook => ({
  id: w.id,
  productId: w.productId,
  url: w.url,
  description: w.description,
  events: w.eventTypes as WebhookEventType[],
  enabled: w.enabled,
  disabledReason: w.disabledReason,
  failingSince: iso(w.failingSince),
  version: w.version,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
});

export const presentDelivery = (d: WebhookDeliveryRecord): WebhookDelivery => ({
  id: d.id,
  eventId: d.eventId === null ? null : String(d.eventId),
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  responseCode: d.responseCode,
  latencyMs: d.latencyMs,
  nextAttemptAt: iso(d.nextAttemptAt),
  lastAttemptAt: iso(d.lastAttemptAt),
  sentAt: iso(d.sentAt),
  createdAt: d.createdAt.toISOString(),
});

export const webhookRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/products/:productId/webhooks',
    tag: 'webhooks',
    summary: "The product's webhook endpoints, and the event types they may ask for",
    access: onProduct,
    params: ProductParams,
    response: WebhookList,
    handler: async (ctx) => ({
      webhooks: (await ctx.services.webhooks.list(ctx.product)).map(presentWebhook),
      eventTypes: [...WEBHOOK_EVENT_TYPES],
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/products/:productId/webhooks',
    tag: 'webhooks',
    summary: 'Register an endpoint; the answer holds its signing secret (whsec_…), shown only this once',
    access: onProduct,
    params: ProductParams,
    body: CreateWebhookBody,
    response: CreatedWebhook,
    status: 201,
    idempotent: true,
    handler: async (ctx) => {
      const { webhook, secret } = await ctx.services.webhooks.create(ctx.product, ctx.body);
      return { ...presentWebhook(webhook), secret };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/webhooks/:webhookId',
    tag: 'webhooks',
    summary: 'One webhook endpoint (never its secret)',
    access: onWebhook,
    params: WebhookParams,
    response: Webhook,
    handler: async (ctx) =>
      presentWebhook(await ctx.services.webhooks.get(ctx.product, ctx.params.webhookId)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/webhooks/:webhookId',
    tag: 'webhooks',
    summary: 'Change the URL, events or description, or turn it on or off (If-Match: version)',
    access: onWebhook,
    params: WebhookParams,
    body: UpdateWebhookBody,
    response: Webhook,
    headers: { 'If-Match': 'The version you edited' },
    handler: async (ctx) =>
      presentWebhook(
        await ctx.services.webhooks.update(
          ctx.product,
          ctx.params.webhookId,
          ifMatchVersion(ctx.req),
          ctx.body,
        ),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/webhooks/:webhookId',
    tag: 'webhooks',
    summary: 'Remove an endpoint and its delivery log',
    access: onWebhook,
    params: WebhookParams,
    status: 204,
    handler: (ctx) => ctx.services.webhooks.remove(ctx.product, ctx.params.webhookId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/webhooks/:webhookId/deliveries',
    tag: 'webhooks',
    summary: "The endpoint's delivery log, newest first: status, attempts, response code, latency",
    access: onWebhook,
    params: WebhookParams,
    query: WebhookDeliveryQuery,
    response: WebhookDeliveryList,
    handler: async (ctx) => ({
      deliveries: (
        await ctx.services.webhooks.deliveries(ctx.product, ctx.params.webhookId, {
          status: ctx.query.status,
          limit: ctx.query.limit ?? 50,
        })
      ).map(presentDelivery),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/webhooks/:webhookId/test',
    tag: 'webhooks',
    summary: 'Send a test event (webhook.test), signed and logged like any delivery',
    access: onWebhook,
    params: WebhookParams,
    response: WebhookDelivery,
    status: 202,
    handler: async (ctx) =>
      presentDelivery(await ctx.services.webhooks.test(ctx.product, ctx.params.webhookId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/webhooks/:webhookId/deliveries/:deliveryId/resend',
    tag: 'webhooks',
    summary: 'Send a delivery again, with the same webhook-id and body (409 while it is pending)',
    access: onWebhook,
    params: WebhookDeliveryParams,
    response: WebhookDelivery,
    status: 202,
    handler: async (ctx) =>
      presentDelivery(
        await ctx.services.webhooks.resend(ctx.product, ctx.params.webhookId, ctx.params.deliveryId),
      ),
  }),
];
