import type { Store } from '#app/store.ts';

/**
 * Work that runs on the clock rather than on an event: graphile-worker's cron schedules each tick
 * once across every worker (its `known_crontabs` table), so two instances do not both run it.
 * The work itself must be safe to repeat (keyed by a unique row), since a tick can be retried.
 */
export interface Clock {
  /** The task identifier; never rename one with ticks queued. */
  name: string;
  /** A crontab pattern, e.g. `* * * * *` (every minute). */
  pattern: string;
  run(store: Store): Promise<unknown>;
}

export const defineClock = (c: Clock): Clock => c;
