import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { ProfilePage } from '#web/features/account/profile-page.tsx';
import { ActivityPage } from '#web/features/activity/activity-page.tsx';
import { NoticesPage } from '#web/features/activity/notices.tsx';
import { JobsPage } from '#web/features/admin/jobs-page.tsx';
import { MailPage } from '#web/features/admin/mail-page.tsx';
import { UsersPage } from '#web/features/admin/users-page.tsx';
import { InvitePage } from '#web/features/auth/invite-page.tsx';
import { SetupPage } from '#web/features/auth/setup-page.tsx';
import { SignInLinkPage } from '#web/features/auth/sign-in-link-page.tsx';
import { SignInPage } from '#web/features/auth/sign-in-page.tsx';
import { CreateProductPage } from '#web/features/products/create-product-page.tsx';
import { HomePage } from '#web/features/products/home-page.tsx';
import { ProductSettingsPage } from '#web/features/products/product-settings-page.tsx';
import { NotBuiltPage, NotFoundPage } from './not-found-page.tsx';
import { ProductHome, ProductLayout } from './product-layout.tsx';
import { productFeatureRoutes } from './routes.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { RequireAuth } from './shell/require-auth.tsx';

const routes: RouteObject[] = [
  { path: '/setup', element: <SetupPage /> },
  { path: '/signin', element: <SignInPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  { path: '/link/:token', element: <SignInLinkPage /> },
  // A stakeholder's personal review link: public, outside the product layout, no sign-in.
  { path: '/feedback/:token', lazy: () => import('#web/features/reviews/feedback.route.tsx') },
  { path: '/reset-password/:token', lazy: () => import('#web/features/account/reset-password-page.tsx') },
  // Behind a mail's "Stop these mails" link: public, the signed link is the authority.
  { path: '/unsubscribe/:token', lazy: () => import('#web/features/account/unsubscribe-page.tsx') },
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
          { path: 'admin/jobs', element: <JobsPage /> },
          { path: 'admin/mail', element: <MailPage /> },
          { path: 'notices', element: <NoticesPage /> },
          {
            path: 'p/:productKey',
            element: <ProductLayout />,
            children: [
              { index: true, element: <ProductHome /> },
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
