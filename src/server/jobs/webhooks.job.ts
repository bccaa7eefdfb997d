import { fanOutWebhooks, tellWebhookDisabled } from '#app/webhooks/deliver.ts';
import type { EventType } from '#contracts/events.ts';
import { WEBHOOK_EVENT_TYPES } from '#contracts/webhooks.ts';
import { defineSubscriber } from '#jobs/subscriber.ts';

/**
 * Every event a webhook may ask for becomes one delivery row per endpoint that asked (in the
 * transaction of this reaction's receipt), each with its own `webhook-send` job. Typed over every
 * event type, as it handles many; the queue hands it only those of `eventTypes`.
 */
export const webhookFanOut = defineSubscriber<EventType>({
  name: 'webhook-fan-out',
  eventTypes: WEBHOOK_EVENT_TYPES,
  async handle(event, ctx) {
    await fanOutWebhooks(ctx.repos, event);
  },
});

/** An endpoint turned off after a day of failures: its owner hears it, once. */
export const webhookDisabledNotice = defineSubscriber({
  name: 'webhook-disabled-notice',
  eventTypes: ['webhook.disabled'],
  async handle(event, ctx) {
    await tellWebhookDisabled(ctx.repos, event, ctx.mail);
  },
});

export const webhookJobs = [webhookFanOut, webhookDisabledNotice] as const;
