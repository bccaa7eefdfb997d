import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { ProfilePage } from '../features/account/profile-page.tsx';
import { ActivityPage } from '../features/activity/activity-page.tsx';
import { UsersPage } from '../features/admin/users-page.tsx';
import { InvitePage } from '../features/auth/invite-page.tsx';
import { SetupPage } from '../features/auth/setup-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { CreateProductPage } from '../features/products/create-product-page.tsx';
import { HomePage } from '../features/products/home-page.tsx';
import { ProductSettingsPage } from '../features/products/product-settings-page.tsx';
import { NotBuiltPage, NotFoundPage } from './not-found-page.tsx';
import { ProductLayout } from './product-layout.tsx';
import { productFeatureRoutes } from './routes.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { RequireAuth } from './shell/require-auth.tsx';

/** Where a product opens: its backlog once that feature is registered, the activity feed until then. */
export const productHome = productFeatureRoutes.some((r) => r.path?.startsWith('backlog'))
  ? 'backlog'
  : 'activity';

const routes: RouteObject[] = [
  { path: '/setup', element: <SetupPage /> },
  { path: '/signin', element: <SignInPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'new-product', element: <CreateProductPage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'admin/users', element: <UsersPage /> },
          {
            path: 'p/:productKey',
            element: <ProductLayout />,
            children: [
              { index: true, element: <Navigate to={productHome} replace /> },
              { path: 'activity', element: <ActivityPage /> },
              { path: 'settings', element: <ProductSettingsPage /> },
              ...productFeatureRoutes,
              { path: ':section/*', element: <NotBuiltPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
