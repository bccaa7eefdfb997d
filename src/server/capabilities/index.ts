import type pg from 'pg';
import { ChangeFeed } from '#app/change-feed.ts';
import { MAIL_OFF } from '#app/mail/ports.ts';
import type { ServiceDeps, ServiceOptions, Services } from '#app/services.ts';
import type { Repos, Store } from '#app/store.ts';
import type { Queryable } from '#db/pool.ts';
import { createStore } from '#db/store.ts';
import type { AnyRoute } from '#http/route.ts';
import type { Clock } from '#jobs/clock.ts';
import type { AnySubscriber, QueueTask } from '#jobs/subscriber.ts';
import { agreements } from './agreements.capability.ts';
import { allocation } from './allocation.capability.ts';
import { backlog } from './backlog.capability.ts';
import { calendar } from './calendar.capability.ts';
import { core } from './core.capability.ts';
import { decisions } from './decisions.capability.ts';
import { forecasts } from './forecasts.capability.ts';
import { mail } from './mail.capability.ts';
import { notifications } from './notifications.capability.ts';
import { poker } from './poker.capability.ts';
import { products } from './products.capability.ts';
import { reactions } from './reactions.capability.ts';
import { releases } from './releases.capability.ts';
import { requests } from './requests.capability.ts';
import { reviews } from './reviews.capability.ts';
import { scope } from './scope.capability.ts';
import { sla } from './sla.capability.ts';
import { sprints } from './sprints.capability.ts';
import { sso } from './sso.capability.ts';
import { stakeholders } from './stakeholders.capability.ts';
import { trust } from './trust.capability.ts';
import { webhooks } from './webhooks.capability.ts';

/** Every capability of this Tandem. A new one is a folder per layer, its module, and a line here. */
export const capabilities = [
  core,
  products,
  backlog,
  sprints,
  poker,
  reactions,
  stakeholders,
  requests,
  reviews,
  releases,
  notifications,
  scope,
  trust,
  forecasts,
  allocation,
  sla,
  agreements,
  decisions,
  calendar,
  sso,
  webhooks,
  mail,
] as const;

// Repos and Services are these capabilities' repositories and use cases, derived from the list and
// merged into the app layer's interfaces: the app and HTTP layers see them without importing here,
// and a module missing from the list is missing from the types too.
type Registered = (typeof capabilities)[number];
type Merged<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void ? I : never;
type RegisteredRepos = Merged<ReturnType<Registered['repos']>>;
type RegisteredServices = Merged<ReturnType<Registered['useCases']>>;
declare module '#app/store.ts' {
  interface Repos extends RegisteredRepos {}
}
declare module '#app/services.ts' {
  interface Services extends RegisteredServices {}
}

/** The route table: what the server registers and the access test walks. */
export const allRoutes: readonly AnyRoute[] = capabilities.flatMap((c) => c.routes);

/** Every reaction to events, for the job queue. */
export const allJobs: readonly AnySubscriber[] = capabilities.flatMap((c) => c.jobs);

/** Every piece of work on the clock, for the job queue's cron. */
export const allClocks: readonly Clock[] = capabilities.flatMap((c) =>
  'clocks' in c ? (c.clocks ?? []) : [],
);
/** The queue's other tasks (not reactions to one event), built over the use cases: e.g. `webhook-send`. */
export function allTasks(services: Services): Record<string, QueueTask> {
  return Object.assign({}, ...capabilities.map((c) => ('tasks' in c && c.tasks ? c.tasks(services) : {})));
}

/** Every registered repository on one connection (the pool, or one transaction's client). */
export function createRepos(db: Queryable): Repos {
  return Object.assign({}, ...capabilities.map((c) => c.repos(db)));
}

/** All use cases over one store. Two capabilities claiming one name is a start-up error. */
export function createServices(store: Store, options: ServiceOptions): Services {
  const changes = new ChangeFeed(store);
  const deps: ServiceDeps = {
    store,
    changes,
    session: options.session,
    now: options.now ?? (() => new Date()),
    signIn: options.signIn ?? { password: true },
    webhooks: options.webhooks ?? { allowPrivate: false },
    mail: options.mail ?? MAIL_OFF,
  };
  const services: Record<string, unknown> = { changes, close: () => changes.close() };
  for (const capability of capabilities) {
    // biome-ignore lint/correctness/useHookAtTopLevel: `useCases` builds use cases; it is no React hook
    for (const [name, useCase] of Object.entries(capability.useCases(deps))) {
      if (name in services)
        throw new Error(`${capability.name}: the use cases "${name}" are registered twice`);
      services[name] = useCase;
    }
  }
  return services as unknown as Services;
}

/** The store and the use cases over one pool: what main.ts, the test harness and the benchmarks share. */
export interface Wiring {
  store: Store;
  services: Services;
}

export function wire(pool: pg.Pool, options: ServiceOptions): Wiring {
  const store = createStore(pool, createRepos);
  return { store, services: createServices(store, options) };
}
