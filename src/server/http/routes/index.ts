import type { AnyRoute } from '../route.ts';
import { authRoutes } from './auth.routes.ts';
import { productRoutes } from './products.routes.ts';
import { sprintRoutes } from './sprints.routes.ts';
import { sprintScopeRoutes } from './sprints-scope.routes.ts';
import { userRoutes } from './users.routes.ts';

/** The route table. Each capability adds its list here; the access test walks all of it. */
export const allRoutes: AnyRoute[] = [
  ...authRoutes,
  ...userRoutes,
  ...productRoutes,
  ...sprintRoutes,
  ...sprintScopeRoutes,
];
