import { randomUUID } from 'node:crypto';
import type { Actor } from '#app/actor.ts';
import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { WEBHOOK_TEST_TYPE } from '#contracts/webhooks.ts';
import { type TargetPolicy, webhookUrlProblem } from '#domain/delivery/webhook-target.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { testBody } from './payload.ts';
import type {
  DeliveryStatus,
  EndpointPatch,
  SecretBox,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookTransport,
} from './ports.ts';
import { newWebhookSecret } from './signing.ts';

export interface WebhookDeps {
  now: () => Date;
  policy: TargetPolicy;
  transport: WebhookTransport;
  box: SecretBox;
}

export interface NewWebhook {
  url: string;
  events: string[];
  description: string;
}

const gone = () => notFound('That webhook');

/** Endpoints per product (the PO or a workspace admin), their delivery log, test and re-send. */
export function webhookUseCases(store: Store, deps: WebhookDeps) {
  async function checkUrl(url: string): Promise<void> {
    const problem = webhookUrlProblem(url, deps.policy) ?? (await deps.transport.checkUrl(url));
    if (problem) throw invalid({ url: problem });
  }
  async function endpointIn(r: Repos, ctx: ProductContext, id: string): Promise<WebhookEndpointRecord> {
    const e = await r.webhooks.endpoint(ctx.productId, id);
    if (!e) throw gone();
    return e;
  }
  async function productRef(r: Repos, productId: string) {
    const p = await r.products.byId(productId);
    if (!p) throw notFound('That product');
    return { id: p.id, key: p.key, name: p.name };
  }

  return {
    productOf: (webhookId: string) => store.read.webhooks.productOf(webhookId),

    list: (ctx: ProductContext) => store.read.webhooks.listEndpoints(ctx.productId),

    get: (ctx: ProductContext, id: string) => endpointIn(store.read, ctx, id),

    /** The secret is in this answer only; afterwards it is kept sealed and never shown again. */
    async create(ctx: ProductContext, body: NewWebhook) {
      await checkUrl(body.url);
      const secret = newWebhookSecret();
      const webhook = await store.transaction(async (r) => {
        const e = await r.webhooks.insertEndpoint({
          productId: ctx.productId,
          url: body.url,
          description: body.description,
          eventTypes: body.events,
          secretSealed: deps.box.seal(secret),
          createdBy: ctx.actor.userId,
        });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'webhook',
          entityId: e.id,
          type: 'webhook.created',
          after: { url: e.url, events: e.eventTypes },
        });
        return e;
      });
      return { webhook, secret };
    },

    async update(
      ctx: ProductContext,
      id: string,
      version: number,
      body: Partial<NewWebhook> & { enabled?: boolean },
    ) {
      if (body.url !== undefined) await checkUrl(body.url);
      return store.transaction(async (r) => {
        const before = await endpointIn(r, ctx, id);
        const patch: EndpointPatch = {
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.events !== undefined ? { eventTypes: body.events } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        };
        const after = await r.webhooks.updateEndpoint(id, version, patch);
        if (!after)
          throw new AppError(
            'version_conflict',
            'Someone changed this webhook since you loaded it.',
            undefined,
            {
              current: before,
            },
          );
        const fields = (e: WebhookEndpointRecord) => ({
          url: e.url,
          events: e.eventTypes,
          description: e.description,
          enabled: e.enabled,
        });
        const [b, a] = [fields(before), fields(after)];
        const changed = (Object.keys(a) as (keyof typeof a)[]).filter(
          (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
        );
        if (changed.length > 0)
          await recordEvent(r, {
            productId: ctx.productId,
            actorId: ctx.actor.userId,
            entityType: 'webhook',
            entityId: id,
            type: 'webhook.updated',
            before: Object.fromEntries(changed.map((k) => [k, b[k]])),
            after: Object.fromEntries(changed.map((k) => [k, a[k]])),
          });
        return after;
      });
    },

    async remove(ctx: ProductContext, id: string): Promise<void> {
      await store.transaction(async (r) => {
        const e = await r.webhooks.deleteEndpoint(ctx.productId, id);
        if (!e) throw gone();
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'webhook',
          entityId: id,
          type: 'webhook.deleted',
          before: { url: e.url },
        });
      });
    },

    async deliveries(
      ctx: ProductContext,
      id: string,
      q: { status?: DeliveryStatus | undefined; limit: number },
    ) {
      await endpointIn(store.read, ctx, id);
      return store.read.webhooks.deliveries(id, q);
    },

    /** "Send a test event": a `webhook.test` delivery, sent like any other (signed, retried, logged). */
    async test(ctx: ProductContext, id: string): Promise<WebhookDeliveryRecord> {
      return store.transaction(async (r) => {
        const e = await endpointIn(r, ctx, id);
        const deliveryId = await r.webhooks.insertDelivery({
          key: `test:${randomUUID()}`,
          endpointId: e.id,
          eventType: WEBHOOK_TEST_TYPE,
          body: testBody(e.id, await productRef(r, ctx.productId), deps.now()),
        });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'webhook',
          entityId: e.id,
          type: 'webhook.test_requested',
          after: { deliveryId },
        });
        return (await r.webhooks.delivery(e.id, deliveryId))!;
      });
    },

    /** Every product's deliveries for the workspace admin (`GET /admin/deliveries`). */
    adminList: (q: { status?: DeliveryStatus | undefined }, limit = 200) =>
      store.read.webhooks.adminList({ ...q, limit }),

    /** The admin's re-send of any product's delivery; null when no webhook delivery has that id. */
    async adminResend(actor: Actor, deliveryId: string): Promise<WebhookDeliveryRecord | null> {
      const owner = await store.read.webhooks.deliveryOwner(deliveryId);
      if (!owner) return null;
      return this.resend({ actor, productId: owner.productId, role: 'owner' }, owner.endpointId, deliveryId);
    },

    /** Sends a sent or failed delivery again: same webhook-id and body, so a receiver sees a repeat. */
    async resend(ctx: ProductContext, id: string, deliveryId: string): Promise<WebhookDeliveryRecord> {
      return store.transaction(async (r) => {
        const e = await endpointIn(r, ctx, id);
        const d = await r.webhooks.delivery(e.id, deliveryId);
        if (!d) throw notFound('That delivery');
        if (!(await r.webhooks.resend(e.id, deliveryId)))
          throw new AppError(
            'conflict',
            'This delivery is still being sent; wait for it to succeed or fail.',
          );
        await r.webhooks.enqueue(deliveryId, null);
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'webhook',
          entityId: e.id,
          type: 'webhook.delivery_resent',
          after: { deliveryId, eventType: d.eventType },
        });
        return (await r.webhooks.delivery(e.id, deliveryId))!;
      });
    },
  };
}
