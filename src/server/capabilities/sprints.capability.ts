import type { ServiceDeps } from '#app/services.ts';
import { sprintUseCases } from '#app/sprints/index.ts';
import type { Queryable } from '#db/pool.ts';
import { sprintsRepo } from '#db/repositories/sprints.repository.ts';
import { definitionsOfDoneRepo } from '#db/repositories/sprints-dod.repository.ts';
import { sprintRoutes } from '#http/routes/sprints.routes.ts';
import { sprintScopeRoutes } from '#http/routes/sprints-scope.routes.ts';
import { defineCapability } from './capability.ts';

/** Sprints: planning against capacity, scope changes with reasons, review, close and reports. */
const repos = (db: Queryable) => ({
  sprints: sprintsRepo(db),
  definitionsOfDone: definitionsOfDoneRepo(db),
});

const useCases = ({ store, now, changes }: ServiceDeps) => ({
  sprints: sprintUseCases(store, now, changes),
});

export const sprints = defineCapability({
  name: 'sprints',
  repos,
  useCases,
  routes: [...sprintRoutes, ...sprintScopeRoutes],
  jobs: [],
});
