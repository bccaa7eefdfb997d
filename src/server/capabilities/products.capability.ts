import { ActivityHub } from '#app/activity-hub.ts';
import { productUseCases } from '#app/products.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { membersRepo, productsRepo, segmentsRepo } from '#db/repositories/products.repository.ts';
import { eventStreamRoutes } from '#http/routes/events-stream.routes.ts';
import { productRoutes } from '#http/routes/products.routes.ts';
import { defineCapability } from './capability.ts';

/** Products, their members and roles, customer segments, and the product's live activity. */
const repos = (db: Queryable) => ({
  products: productsRepo(db),
  members: membersRepo(db),
  segments: segmentsRepo(db),
});

const useCases = ({ store, changes }: ServiceDeps) => ({
  products: productUseCases(store, changes),
  activity: new ActivityHub(store, changes),
});

export const products = defineCapability({
  name: 'products',
  repos,
  useCases,
  routes: [...productRoutes, ...eventStreamRoutes],
  jobs: [],
});
