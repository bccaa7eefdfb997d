import { allocationUseCases } from '#app/insight/allocation.ts';
import { segmentWeightUseCases } from '#app/insight/segment-weights.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { allocationRepo } from '#db/repositories/insight-allocation.repository.ts';
import { insightAllocationRoutes } from '#http/routes/insight-allocation.routes.ts';
import { defineCapability } from './capability.ts';

/** Insight (issue 11): where the effort goes, and the budget against value. */
const repos = (db: Queryable) => ({ allocation: allocationRepo(db) });

const useCases = ({ store, changes }: ServiceDeps) => ({
  allocation: allocationUseCases(store, changes),
  segmentWeights: segmentWeightUseCases(store),
});

export const allocation = defineCapability({
  name: 'allocation',
  repos,
  useCases,
  routes: insightAllocationRoutes,
  jobs: [],
});
