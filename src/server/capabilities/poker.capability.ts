import { pokerUseCases } from '#app/poker/poker.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Queryable } from '#db/pool.ts';
import { pokerRepo } from '#db/repositories/poker.repository.ts';
import { pokerRoutes } from '#http/routes/poker.routes.ts';
import { pokerStreamRoutes } from '#http/routes/poker-stream.routes.ts';
import { defineCapability } from './capability.ts';

/** Planning poker: sessions on backlog items, hidden votes until reveal, the agreed size. */
const repos = (db: Queryable) => ({
  poker: pokerRepo(db),
});

const useCases = ({ store }: ServiceDeps) => ({
  poker: pokerUseCases(store),
});

export const poker = defineCapability({
  name: 'poker',
  repos,
  useCases,
  routes: [...pokerRoutes, ...pokerStreamRoutes],
  jobs: [],
});
