import type { NewEvent } from '#app/ports.ts';
import type { Repos } from '#app/store.ts';
import { EventPayload } from '#contracts/events.ts';

/**
 * The one way a use case records what happened: the event is appended in the caller's
 * transaction (so it commits with the change or not at all). Reactions never run here; the
 * append also enqueues one job per subscriber of the event's type (server/jobs/), in the same
 * transaction, so a reaction runs if and only if the change committed.
 *
 * Every event is checked against the catalog (contracts/events.ts). tsc already refuses a wrong
 * literal; this catches what types cannot see (a cast, a row field typed as text). It costs
 * about 0.1–1.5 µs per event (figures in events.test.ts), so it always runs.
 */
export async function recordEvent(r: Repos, event: NewEvent): Promise<void> {
  checkEvent(event);
  await r.events.appendMany([event]);
}

/** Several events in one round trip, in order. */
export async function recordEvents(r: Repos, events: NewEvent[]): Promise<void> {
  for (const e of events) checkEvent(e);
  await r.events.appendMany(events);
}

export class InvalidEventError extends Error {
  constructor(type: string, issues: string) {
    super(`Event ${type} does not match the catalog: ${issues}`);
    this.name = 'InvalidEventError';
  }
}

export function checkEvent(e: NewEvent): void {
  const r = EventPayload.safeParse({
    type: e.type,
    entityType: e.entityType,
    before: e.before,
    after: e.after,
  });
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new InvalidEventError(e.type, issues);
  }
}
