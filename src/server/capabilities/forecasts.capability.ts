import { forecastUseCases } from '#app/forecasts/forecasts.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { forecastsRepo } from '#db/repositories/forecasts.repository.ts';
import { forecastRoutes } from '#http/routes/forecasts.routes.ts';
import { defineCapability } from './capability.ts';

/** Insight: Monte Carlo forecasts on throughput with their back-test (issue 11). Reads only. */
const repos = (db: Queryable) => ({
  forecasts: forecastsRepo(db),
});

const useCases = ({ store, now }: ServiceDeps) => ({
  forecasts: forecastUseCases(store, now),
});

export const forecasts = defineCapability({
  name: 'forecasts',
  repos,
  useCases,
  routes: forecastRoutes,
  jobs: [],
});
