import { decisionUseCases } from '#app/decisions/decisions.ts';
import { resolveUseCases } from '#app/decisions/resolve.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { decisionsRepo, repaymentsRepo } from '#db/repositories/decisions.repository.ts';
import { decisionRoutes } from '#http/routes/decisions.routes.ts';
import { decisionJobs, repaymentsDue } from '#jobs/decisions.job.ts';
import { defineCapability } from './capability.ts';

/**
 * Agreements — decision records and workarounds (issue 13, seed 002): decisions with checkable
 * rules, the contradiction flags when a change goes around an accepted one, and workarounds that
 * carry their repayment item.
 */
const repos = (db: Queryable) => ({
  decisions: decisionsRepo(db),
  repayments: repaymentsRepo(db),
});

const useCases = ({ store, now }: ServiceDeps) => ({
  decisions: decisionUseCases(store, now),
  resolutions: resolveUseCases(store, now),
});

export const decisions = defineCapability({
  name: 'decisions',
  repos,
  useCases,
  routes: decisionRoutes,
  jobs: decisionJobs,
  clocks: [repaymentsDue],
});
