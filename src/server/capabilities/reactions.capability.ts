import { adminJobUseCases } from '#app/reactions/admin-jobs.ts';
import { noticeUseCases } from '#app/reactions/notices.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { noticesRepo } from '#db/repositories/notices.repository.ts';
import { reactionsRepo } from '#db/repositories/reactions.repository.ts';
import { adminJobRoutes } from '#http/routes/admin-jobs.routes.ts';
import { noticeRoutes } from '#http/routes/notices.routes.ts';
import { mentionNotices } from '#jobs/mention-notices.job.ts';
import { defineCapability } from './capability.ts';

/** Reactions to events (the job queue's receipts and dead letters) and the in-app notices they write. */
const repos = (db: Queryable) => ({
  reactions: reactionsRepo(db),
  notices: noticesRepo(db),
});

const useCases = ({ store }: ServiceDeps) => ({
  notices: noticeUseCases(store),
  adminJobs: adminJobUseCases(store),
});

export const reactions = defineCapability({
  name: 'reactions',
  repos,
  useCases,
  routes: [...noticeRoutes, ...adminJobRoutes],
  jobs: [mentionNotices],
});
