import type { StoredEvent } from '#app/reactions/stored-event.ts';
import { WEBHOOK_TEST_TYPE } from '#contracts/webhooks.ts';

/**
 * What a receiver gets, in the Standard Webhooks shape `{type, timestamp, data}`: the event's
 * type and time, and in `data` the event's id, the product (id, key, name), the entity it is
 * about (type and id), who did it (a user id, or null for Tandem itself) and the event's own
 * before/after payload from the catalog (contracts/events.ts). Only catalog payloads go out:
 * no session, token, link or signing secret is in any of them, and the types a webhook may ask
 * for (WEBHOOK_EVENT_TYPES) leave out people's own votes and answers.
 */
export interface ProductRef {
  id: string;
  key: string;
  name: string;
}

export function eventBody(event: StoredEvent, product: ProductRef): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.at.toISOString(),
    data: {
      eventId: String(event.id),
      product,
      entity: { type: event.entityType, id: event.entityId },
      actorId: event.actorId,
      before: event.before ?? null,
      after: event.after ?? null,
    },
  });
}

export function testBody(webhookId: string, product: ProductRef, at: Date): string {
  return JSON.stringify({
    type: WEBHOOK_TEST_TYPE,
    timestamp: at.toISOString(),
    data: {
      eventId: null,
      product,
      entity: { type: 'webhook', id: webhookId },
      actorId: null,
      before: null,
      after: { message: 'A test event from Tandem: your endpoint is reachable and verifies signatures.' },
    },
  });
}
