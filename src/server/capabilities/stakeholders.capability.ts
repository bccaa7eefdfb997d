import type { ServiceDeps } from '#app/services.ts';
import { signInLinkUseCases } from '#app/stakeholders/sign-in-links.ts';
import { stakeholderImportUseCases } from '#app/stakeholders/stakeholder-import.ts';
import type { Queryable } from '#db/pool.ts';
import { signInLinksRepo } from '#db/repositories/sign-in-links.repository.ts';
import { stakeholderRoutes } from '#http/routes/stakeholders.routes.ts';
import { defineCapability } from './capability.ts';

/** Who the customers are: stakeholders added from a list, and their personal sign-in links. */
const repos = (db: Queryable) => ({
  signInLinks: signInLinksRepo(db),
});

const useCases = ({ store, changes, now }: ServiceDeps) => ({
  stakeholders: { ...stakeholderImportUseCases(store, changes), ...signInLinkUseCases(store, now) },
});

export const stakeholders = defineCapability({
  name: 'stakeholders',
  repos,
  useCases,
  routes: stakeholderRoutes,
  jobs: [],
});
