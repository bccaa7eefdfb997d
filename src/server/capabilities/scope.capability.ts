import { scopeUseCases } from '#app/insight/scope.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { debtRepo, scopeRepo } from '#db/repositories/scope.repository.ts';
import { scopeRoutes } from '#http/routes/scope.routes.ts';
import { defineCapability } from './capability.ts';

/** Insight (issue 11): release scope by value per effort, and the debt ledger. */
const repos = (db: Queryable) => ({
  scope: scopeRepo(db),
  debt: debtRepo(db),
});

const useCases = ({ store, now }: ServiceDeps) => ({
  scope: scopeUseCases(store, now),
});

export const scope = defineCapability({
  name: 'scope',
  repos,
  useCases,
  routes: scopeRoutes,
  jobs: [],
});
