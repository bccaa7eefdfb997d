import { reviewsUseCases } from '#app/reviews/reviews.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { reviewsRepo } from '#db/repositories/reviews.repository.ts';
import { reviewsRoutes } from '#http/routes/reviews.routes.ts';
import { defineCapability } from './capability.ts';

/** Reviews with customers (issue 10): increments, personal links, live results, the summary. */
const repos = (db: Queryable) => ({
  reviews: reviewsRepo(db),
});

const useCases = ({ store, now, changes, mail }: ServiceDeps) => ({
  reviews: reviewsUseCases(store, now, changes, mail),
});

export const reviews = defineCapability({
  name: 'reviews',
  repos,
  useCases,
  routes: reviewsRoutes,
  jobs: [],
});
