import { agreementUseCases } from '#app/agreements/agreements.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { agreementsRepo } from '#db/repositories/agreements.repository.ts';
import { agreementRoutes } from '#http/routes/agreements.routes.ts';
import { agreementClock } from '#jobs/agreement-clock.job.ts';
import { agreementJobs } from '#jobs/agreement-notices.job.ts';
import { defineCapability } from './capability.ts';

/** Working agreements (issue 13): versions, comment periods, effective dates, acknowledgements. */
const repos = (db: Queryable) => ({
  agreements: agreementsRepo(db),
});

const useCases = ({ store, now }: ServiceDeps) => ({
  agreements: agreementUseCases(store, now),
});

export const agreements = defineCapability({
  name: 'agreements',
  repos,
  useCases,
  routes: agreementRoutes,
  jobs: agreementJobs,
  clocks: [agreementClock],
});
