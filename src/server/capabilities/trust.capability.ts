import type { ServiceDeps } from '#app/services.ts';
import { trustUseCases } from '#app/trust/trust.ts';
import type { Queryable } from '#db/pool.ts';
import { trustRepo } from '#db/repositories/trust.repository.ts';
import { trustRoutes } from '#http/routes/trust.routes.ts';
import { defineCapability } from './capability.ts';

/** Insight — the trust radar (issue 11, seed 003): signals between PO and team, with evidence. */
const repos = (db: Queryable) => ({
  trust: trustRepo(db),
});

const useCases = ({ store, now, changes }: ServiceDeps) => ({
  trust: trustUseCases(store, now, changes),
});

export const trust = defineCapability({
  name: 'trust',
  repos,
  useCases,
  routes: trustRoutes,
  jobs: [],
});
