import { z } from 'zod';
import { AGREEMENTS_EVENTS } from './events/agreements.ts';
import { CUSTOMERS_EVENTS } from './events/customers.ts';
import { INSIGHT_EVENTS } from './events/insight.ts';
import { WORK_EVENTS } from './events/work.ts';
import { WORKSPACE_EVENTS } from './events/workspace.ts';

/**
 * The event catalog: every type Tandem records, with its entity and its before/after payload, one
 * list per area in events/ (shared payload parts in events/fields.ts), composed here.
 * `recordEvent` (server/app/events.ts) accepts only these, so tsc refuses an unknown type or a
 * wrong payload, and the web app's activity feed must describe each one.
 *
 * Payload schemas check shapes, not business rules (no trims, no length limits: those ran at
 * the edge already), so validating one costs microseconds. Objects are strict, so a field a use
 * case starts sending must be named here first. Diffs (`*.updated`) carry only the changed
 * fields: partial objects of known fields.
 *
 * The log keeps old rows forever and the API's response names these types as an enum, so a type
 * is never removed or renamed here, and a payload only gains optional fields.
 */
export const EventPayload = z.discriminatedUnion('type', [
  ...WORKSPACE_EVENTS,
  ...WORK_EVENTS,
  ...CUSTOMERS_EVENTS,
  ...INSIGHT_EVENTS,
  ...AGREEMENTS_EVENTS,
]);

/** What a use case states about a change: its type, entity kind and payload. */
export type EventPayload = z.input<typeof EventPayload>;
export type EventType = EventPayload['type'];
/** The payload of one event type, e.g. `EventOf<'item.commented'>['after']['mentions']`. */
export type EventOf<T extends EventType> = Extract<EventPayload, { type: T }>;

export const EVENT_TYPES = EventPayload.options.map((o) => o.shape.type.value) as [EventType, ...EventType[]];
export const EventTypeSchema = z.enum(EVENT_TYPES);
