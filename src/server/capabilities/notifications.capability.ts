import { hypothesisUseCases } from '#app/hypotheses/hypotheses.ts';
import { notificationUseCases } from '#app/notifications/notifications.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { loopRepo } from '#db/repositories/close-the-loop.repository.ts';
import { hypothesesRepo } from '#db/repositories/hypotheses.repository.ts';
import { hypothesisRoutes } from '#http/routes/hypotheses.routes.ts';
import { notificationRoutes } from '#http/routes/notifications.routes.ts';
import { closeTheLoopJobs } from '#jobs/close-the-loop.job.ts';
import { defineCapability } from './capability.ts';

/**
 * Customer voice, closing the loop: the bell (every kind of notice, live), "What you asked for
 * shipped" when an item is accepted or its release ships, the requester hearing each status change,
 * and benefit hypotheses judged against the customers' evidence.
 */
const repos = (db: Queryable) => ({
  loop: loopRepo(db),
  hypotheses: hypothesesRepo(db),
});

const useCases = ({ store }: ServiceDeps) => ({
  notifications: notificationUseCases(store),
  hypotheses: hypothesisUseCases(store),
});

export const notifications = defineCapability({
  name: 'notifications',
  repos,
  useCases,
  routes: [...notificationRoutes, ...hypothesisRoutes],
  jobs: [...closeTheLoopJobs],
});
