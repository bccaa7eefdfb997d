import { portalUseCases } from '#app/requests/portal.ts';
import { requestUseCases } from '#app/requests/requests.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { portalRepo } from '#db/repositories/portal.repository.ts';
import { requestsRepo } from '#db/repositories/requests.repository.ts';
import { requestRoutes } from '#http/routes/requests.routes.ts';
import { defineCapability } from './capability.ts';

/** Customer voice — requests and the stakeholder portal: ask, +1, triage, and what is planned for you. */
const repos = (db: Queryable) => ({
  requests: requestsRepo(db),
  portal: portalRepo(db),
});

const useCases = ({ store, now }: ServiceDeps) => ({
  requests: requestUseCases(store),
  portal: portalUseCases(store, now),
});

export const requests = defineCapability({
  name: 'requests',
  repos,
  useCases,
  routes: requestRoutes,
  jobs: [],
});
