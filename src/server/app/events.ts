import type { NewEvent } from '#app/ports.ts';
import type { Repos } from '#app/store.ts';

/**
 * The one way a use case records what happened: the event is appended in the caller's
 * transaction (so it commits with the change or not at all). Reactions never run here; they
 * subscribe to the event's type through the job queue (server/jobs/).
 */
export async function recordEvent(r: Repos, event: NewEvent): Promise<void> {
  await r.events.appendMany([event]);
}

/** Several events in one round trip, in order. */
export async function recordEvents(r: Repos, events: NewEvent[]): Promise<void> {
  await r.events.appendMany(events);
}
