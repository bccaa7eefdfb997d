import { mailUseCases } from '#app/mail/mail.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { digestRepo } from '#db/repositories/digest.repository.ts';
import { mailRepo } from '#db/repositories/mail.repository.ts';
import { mailRoutes } from '#http/routes/mail.routes.ts';
import { mailJobs } from '#jobs/mail.job.ts';
import { defineCapability } from './capability.ts';

/**
 * Mail (issue 12): the outbox (one row per cause, recipient and channel, written with its
 * cause), sending on graphile-worker, settings per kind with the daily digest in each person's time zone, unsubscribe
 * links, and the admin's view of deliveries.
 */
const repos = (db: Queryable) => ({ mail: mailRepo(db), digest: digestRepo(db) });

const useCases = ({ store, mail, now }: ServiceDeps) => ({ mail: mailUseCases(store, mail, now) });

export const mail = defineCapability({
  name: 'mail',
  repos,
  useCases,
  routes: mailRoutes,
  jobs: [...mailJobs],
});
