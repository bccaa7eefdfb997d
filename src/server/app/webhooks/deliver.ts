import { recordEvent } from '#app/events.ts';
import { insertNotices } from '#app/mail/notice-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos, Store } from '#app/store.ts';
import { judgeAttempt, WEBHOOK_DISABLE_AFTER_MS } from '#domain/delivery/webhook-attempt.ts';
import { eventBody } from './payload.ts';
import type { SecretBox, WebhookTransport } from './ports.ts';
import { signWebhook } from './signing.ts';

/** A receiver that has not answered within this is a timeout (retried). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The fan-out reaction: one delivery per endpoint of the event's product that asked for its type,
 * written with the reaction's receipt (same transaction), each with its send job.
 */
export async function fanOutWebhooks(r: Repos, event: StoredEvent): Promise<number> {
  if (!event.productId) return 0;
  const product = await r.products.byId(event.productId);
  if (!product) return 0;
  const body = eventBody(event, { id: product.id, key: product.key, name: product.name });
  const ids = await r.webhooks.fanOut({
    eventId: event.id,
    eventType: event.type,
    productId: event.productId,
    body,
  });
  return ids.length;
}

/** The owner hears that an endpoint was disabled after a day of failures: one notice per disabling. */
export async function tellWebhookDisabled(
  r: Repos,
  event: StoredEvent<'webhook.disabled'>,
  mail: MailSetup = MAIL_OFF,
): Promise<void> {
  if (!event.productId) return;
  const recipients = await r.webhooks.ownersToTell(event.entityId);
  await insertNotices(
    r,
    mail,
    recipients.map((recipientId) => ({
      recipientId,
      causeEventId: event.id,
      causeKey: `webhook-disabled:${event.id}`,
      kind: 'webhook_disabled' as const,
      productId: event.productId!,
      actorId: null,
      itemId: null,
      commentId: null,
      title: `A webhook was turned off: ${event.after.url}`,
      body: `Every delivery failed since ${event.after.failingSince} (last: ${event.after.reason}). Fix the receiver, then turn the webhook on again in the product settings.`,
    })),
  );
  if (recipients.length > 0) await r.events.notify('tandem_notices', recipients.join(','));
}

export interface DeliverDeps {
  now: () => Date;
  random: () => number;
  transport: WebhookTransport;
  box: SecretBox;
}

/**
 * Sends one pending delivery (the `webhook-send` job) and records the attempt. The HTTP request is
 * made outside any transaction; graphile-worker's job lock (one job per delivery, by its key) is
 * what keeps two instances from sending one delivery at once. If this process dies after the
 * receiver answered and before the record, the job runs again and the receiver gets the same
 * `webhook-id`: the one unavoidable repeat, recognisable as such.
 */
export function webhookDelivery(store: Store, deps: DeliverDeps) {
  return async function deliver(deliveryId: string): Promise<void> {
    const found = await store.read.webhooks.toSend(deliveryId);
    if (!found) return; // sent, failed or deleted meanwhile
    const { delivery, endpoint } = found;
    const started = deps.now();
    const failNow = (error: string) =>
      store.transaction((r) =>
        r.webhooks.recordAttempt(delivery.id, {
          status: 'failed',
          error,
          responseCode: null,
          latencyMs: null,
          at: started,
          nextAttemptAt: null,
        }),
      );
    if (!endpoint.enabled) return void (await failNow('The webhook is turned off'));
    let secret: string;
    try {
      secret = deps.box.open(endpoint.secretSealed);
    } catch (err) {
      // The sealing key changed or is missing: nothing can be signed; say so in the log, no retries.
      return void (await failNow((err as Error).message));
    }
    const timestamp = Math.floor(started.getTime() / 1000);
    const signature = signWebhook(secret, delivery.id, timestamp, delivery.body);
    const result = await deps.transport.post({
      url: endpoint.url,
      body: delivery.body,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tandem-Webhooks/1',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
    });
    const at = deps.now();
    const attempts = delivery.attempts + 1;
    const verdict = judgeAttempt(result, { attempts, random: deps.random(), now: at });
    const nextAttemptAt = verdict.status === 'retry' ? new Date(at.getTime() + verdict.delayMs) : null;
    await store.transaction(async (r) => {
      const recorded = await r.webhooks.recordAttempt(delivery.id, {
        status: verdict.status === 'retry' ? 'pending' : verdict.status,
        error: verdict.status === 'sent' ? null : verdict.reason,
        responseCode: result.kind === 'response' ? result.status : null,
        latencyMs: result.latencyMs,
        at,
        nextAttemptAt,
      });
      if (!recorded) return;
      if (verdict.status === 'retry') await r.webhooks.enqueue(delivery.id, nextAttemptAt);
      if (verdict.status === 'sent') return r.webhooks.markHealthy(endpoint.id);
      const health = await r.webhooks.markFailing(endpoint.id, at);
      if (!health.enabled || at.getTime() - health.failingSince.getTime() < WEBHOOK_DISABLE_AFTER_MS) return;
      if (
        !(await r.webhooks.disable(endpoint.id, `Every delivery failed for a day (last: ${verdict.reason})`))
      )
        return;
      await recordEvent(r, {
        productId: endpoint.productId,
        actorId: null,
        entityType: 'webhook',
        entityId: endpoint.id,
        type: 'webhook.disabled',
        after: { url: health.url, reason: verdict.reason, failingSince: health.failingSince.toISOString() },
      });
    });
  };
}
