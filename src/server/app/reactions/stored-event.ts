import type { EventRecord } from '#app/ports.ts';
import { type EventOf, EventPayload, type EventType } from '#contracts/events.ts';

/** An event read back from the log, typed by the catalog: what a reaction receives. */
export type StoredEvent<T extends EventType = EventType> = EventOf<T> & {
  id: number;
  productId: string | null;
  actorId: string | null;
  entityId: string;
  at: Date;
};

/** Checks a stored row against the catalog; throws (the job fails, visibly) when it does not match. */
export function toStoredEvent(row: EventRecord): StoredEvent {
  const payload = EventPayload.parse({
    type: row.type,
    entityType: row.entityType,
    before: row.before ?? undefined,
    after: row.after ?? undefined,
  });
  return {
    ...(payload as EventOf<EventType>),
    id: row.id,
    productId: row.productId,
    actorId: row.actorId,
    entityId: row.entityId,
    at: row.at,
  };
}
