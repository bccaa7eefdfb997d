import type { ServiceDeps } from '#app/services.ts';
import { slaUseCases } from '#app/sla/sla.ts';
import type { Queryable } from '#db/pool.ts';
import { slaRepo } from '#db/repositories/sla.repository.ts';
import { slaRoutes } from '#http/routes/sla.routes.ts';
import { slaWarningJobs } from '#jobs/sla-warnings.job.ts';
import { defineCapability } from './capability.ts';

/**
 * Defects: severity and SLA clocks (issue 13). The clocks are domain/sla; the item's maintained
 * SLA columns are written by app/sla/refresh.ts from the item write path; warnings are timers.
 */
export const sla = defineCapability({
  name: 'sla',
  repos: (db: Queryable) => ({ sla: slaRepo(db) }),
  useCases: ({ store, now }: ServiceDeps) => ({ sla: slaUseCases(store, now) }),
  routes: slaRoutes,
  jobs: [...slaWarningJobs],
});
