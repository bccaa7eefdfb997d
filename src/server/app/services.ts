import { ActivityHub } from './activity-hub.ts';
import { authUseCases, type SessionPolicy } from './auth.ts';
import { ChangeFeed } from './change-feed.ts';
import { itemUseCases } from './items/index.ts';
import { backlogViewUseCases } from './items/views.ts';
import { pokerUseCases } from './poker/poker.ts';
import { productUseCases } from './products.ts';
import { adminJobUseCases } from './reactions/admin-jobs.ts';
import { noticeUseCases } from './reactions/notices.ts';
import { sprintUseCases } from './sprints/index.ts';
import type { Store } from './store.ts';
import { userUseCases } from './users.ts';

export interface ServiceOptions {
  session: SessionPolicy;
  now?: () => Date;
}

/** All use cases, wired to one store. Each capability adds its own line here. */
export function createServices(store: Store, options: ServiceOptions) {
  const now = options.now ?? (() => new Date());
  const changes = new ChangeFeed(store);
  return {
    store,
    changes,
    auth: authUseCases(store, options.session, now, changes),
    users: userUseCases(store),
    products: productUseCases(store, changes),
    items: itemUseCases(store, changes),
    backlogViews: backlogViewUseCases(store),
    sprints: sprintUseCases(store, now, changes),
    poker: pokerUseCases(store),
    notices: noticeUseCases(store),
    adminJobs: adminJobUseCases(store),
    activity: new ActivityHub(store, changes),
    /** Releases what the services hold on the database (the change feed's LISTEN connection). */
    close: () => changes.close(),
  };
}
export type Services = ReturnType<typeof createServices>;
