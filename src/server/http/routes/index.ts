import type { AnyRoute } from '#http/route.ts';
import { adminJobRoutes } from './admin-jobs.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { backlogViewRoutes } from './backlog-views.routes.ts';
import { eventStreamRoutes } from './events-stream.routes.ts';
import { itemRoutes } from './items.routes.ts';
import { itemIoRoutes } from './items-io.routes.ts';
import { itemOrderRoutes } from './items-order.routes.ts';
import { itemSocialRoutes } from './items-social.routes.ts';
import { noticeRoutes } from './notices.routes.ts';
import { pokerRoutes } from './poker.routes.ts';
import { pokerStreamRoutes } from './poker-stream.routes.ts';
import { productRoutes } from './products.routes.ts';
import { sprintRoutes } from './sprints.routes.ts';
import { sprintScopeRoutes } from './sprints-scope.routes.ts';
import { userRoutes } from './users.routes.ts';

/** The route table. Each capability adds its list here; the access test walks all of it. */
export const allRoutes: AnyRoute[] = [
  ...authRoutes,
  ...userRoutes,
  ...productRoutes,
  ...eventStreamRoutes,
  ...itemIoRoutes,
  ...itemRoutes,
  ...itemOrderRoutes,
  ...itemSocialRoutes,
  ...backlogViewRoutes,
  ...sprintRoutes,
  ...sprintScopeRoutes,
  ...pokerRoutes,
  ...pokerStreamRoutes,
  ...noticeRoutes,
  ...adminJobRoutes,
];
