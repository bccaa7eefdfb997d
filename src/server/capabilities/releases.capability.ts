import { releaseUseCases } from '#app/releases/releases.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { releasesRepo } from '#db/repositories/releases.repository.ts';
import { releaseRoutes } from '#http/routes/releases.routes.ts';
import { defineCapability } from './capability.ts';

/** Releases and the customers' vote on what comes next (issue 10). */
const repos = (db: Queryable) => ({
  releases: releasesRepo(db),
});

const useCases = ({ store, now, changes }: ServiceDeps) => ({
  releases: releaseUseCases(store, now, changes),
});

export const releases = defineCapability({
  name: 'releases',
  repos,
  useCases,
  routes: releaseRoutes,
  jobs: [],
});
