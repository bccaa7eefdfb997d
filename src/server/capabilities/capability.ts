import type { ServiceDeps, Services } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import type { AnyRoute } from '#http/route.ts';
import type { Clock } from '#jobs/clock.ts';
import type { AnySubscriber, QueueTask } from '#jobs/subscriber.ts';

/** A reaction to events, run by the job queue (server/jobs/subscriber.ts). */
export type JobDescriptor = AnySubscriber;

/**
 * Everything one capability brings, registered from one module (`<name>.capability.ts`):
 *  - repos: its repositories, built on one connection (the pool for reads, or a transaction);
 *  - useCases: its use cases, built once from the store, the change feed and the clock;
 *  - routes: its HTTP routes, each with its access rule;
 *  - jobs: its reactions to events;
 *  - timers: its reactions to the clock (optional).
 * capabilities/index.ts lists the modules and derives `Repos` and `Services` from that list, so the
 * app and HTTP layers see every registered repository and use case without importing this folder.
 */
export interface Capability<R extends object = object, U extends object = object> {
  name: string;
  repos: (db: Queryable) => R;
  useCases: (deps: ServiceDeps) => U;
  routes: readonly AnyRoute[];
  jobs: readonly JobDescriptor[];
  /** Work on the clock (graphile-worker cron), when a capability has any. */
  clocks?: readonly Clock[];
  /** Other queue tasks by name (e.g. `webhook-send`), built over the use cases. */
  tasks?: (services: Services) => Record<string, QueueTask>;
}

export const defineCapability = <R extends object, U extends object>(capability: Capability<R, U>) =>
  capability;
