import { itemUseCases } from '#app/items/index.ts';
import { backlogViewUseCases } from '#app/items/views.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { backlogViewsRepo } from '#db/repositories/backlog-views.repository.ts';
import { itemsRepo } from '#db/repositories/items.repository.ts';
import {
  backlogSettingsRepo,
  itemCommentsRepo,
  itemLinksRepo,
} from '#db/repositories/items-social.repository.ts';
import { backlogViewRoutes } from '#http/routes/backlog-views.routes.ts';
import { itemRoutes } from '#http/routes/items.routes.ts';
import { itemIoRoutes } from '#http/routes/items-io.routes.ts';
import { itemOrderRoutes } from '#http/routes/items-order.routes.ts';
import { itemSocialRoutes } from '#http/routes/items-social.routes.ts';
import { defineCapability } from './capability.ts';

/** The product backlog: items, their order, links and comments, import/export, saved views. */
const repos = (db: Queryable) => ({
  items: itemsRepo(db),
  itemLinks: itemLinksRepo(db),
  itemComments: itemCommentsRepo(db),
  backlogSettings: backlogSettingsRepo(db),
  backlogViews: backlogViewsRepo(db),
});

const useCases = ({ store, changes }: ServiceDeps) => ({
  items: itemUseCases(store, changes),
  backlogViews: backlogViewUseCases(store),
});

export const backlog = defineCapability({
  name: 'backlog',
  repos,
  useCases,
  routes: [...itemIoRoutes, ...itemRoutes, ...itemOrderRoutes, ...itemSocialRoutes, ...backlogViewRoutes],
  jobs: [],
});
