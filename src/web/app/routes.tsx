import type { RouteObject } from 'react-router-dom';
import { hasRole, type ProductRole, ROLES } from '#domain/roles.ts';
import type { IconName } from '#web/components/icons.tsx';

/**
 * The route registry for product features. Everything here renders inside a product, under
 * /p/:productKey/, with the product available through `useProduct()` (app/product-context.tsx).
 *
 * HOW TO ADD A FEATURE — one entry, nothing else to touch:
 *
 *   { path: 'backlog/*', lazy: () => import('#web/features/backlog/backlog.route.tsx') },
 *
 * The module exports `Component` (React Router's lazy-route convention; it may also export
 * `ErrorBoundary`). With `path: 'x/*'` the component can render its own nested <Routes> (list,
 * item detail…). A nav entry below whose path has no registered route shows a friendly
 * "not built yet" page, so the nav can be complete before every feature lands.
 */
export const productFeatureRoutes: RouteObject[] = [
  // Backlog engineer: backlog list, board and item detail (issue 3).
  { path: 'backlog/*', lazy: () => import('#web/features/backlog/backlog.route.tsx') },
  // Sprints engineer: sprints, planning poker (issue 4).
  { path: 'sprints/*', lazy: () => import('#web/features/sprints/sprints.route.tsx') },
  { path: 'poker/*', lazy: () => import('#web/features/poker/poker.route.tsx') },
  // Customer voice (issue 10): the stakeholder portal and requests.
  { path: 'portal/*', lazy: () => import('#web/features/portal/portal.route.tsx') },
  { path: 'requests/*', lazy: () => import('#web/features/portal/requests.route.tsx') },
  // Customer voice: reviews with customers, their results and the feedback trend (issue 10).
  { path: 'reviews/*', lazy: () => import('#web/features/reviews/reviews.route.tsx') },
  // Customer voice (issue 10): releases and their votes; a stakeholder's ballot at votes/:releaseId.
  { path: 'votes/*', lazy: () => import('#web/features/votes/votes.route.tsx') },
  // Insight (issue 11): the figures behind the arguments; each view registers in insight-views.ts.
  { path: 'insight/*', lazy: () => import('#web/features/insight/insight.route.tsx') },
  // Working agreements (issue 13): versions, comment periods, acknowledgements.
  { path: 'agreements/*', lazy: () => import('#web/features/agreements/agreements.route.tsx') },
  { path: 'decisions/*', lazy: () => import('#web/features/decisions/decisions.route.tsx') },
];

export interface ProductNavEntry {
  /** Path under /p/:productKey/. */
  path: string;
  label: string;
  icon: IconName;
  /** Shown on the "not built yet" page until the feature registers its route. */
  blurb: string;
  /** Who sees the entry: the internal pages are for `ROLES.readers`, the customer pages for stakeholders. */
  roles: readonly ProductRole[];
}

/**
 * The product navigation, in order. Backlog/Board/Sprints/Poker point at the features' routes.
 * Stakeholders are the customers: they see only the customer pages (their portal, requests,
 * reviews, votes), never the internal work; the PO and team see requests, reviews and votes too,
 * where they triage, run the review and read the results.
 */
export const productNav: readonly ProductNavEntry[] = [
  {
    path: 'portal',
    label: 'Portal',
    icon: 'home',
    blurb: 'What was delivered for you, what is planned next, and what waits for your answer.',
    roles: ROLES.customers,
  },
  {
    path: 'backlog',
    roles: ROLES.readers,
    label: 'Backlog',
    icon: 'backlog',
    blurb: 'One ordered backlog the whole team trusts: items, value, size and INVEST checks.',
  },
  {
    path: 'backlog/board',
    roles: ROLES.readers,
    label: 'Backlog board',
    icon: 'board',
    blurb: 'Every backlog item by status, with drag and drop (the running sprint has its own sprint board).',
  },
  {
    path: 'sprints',
    roles: ROLES.readers,
    label: 'Sprints',
    icon: 'sprints',
    blurb: 'Plan, start and close sprints; scope changes are recorded with their reason.',
  },
  {
    path: 'poker',
    roles: ROLES.readers,
    label: 'Poker',
    icon: 'poker',
    blurb: 'Live planning poker where only the team votes.',
  },
  {
    path: 'requests',
    label: 'Requests',
    icon: 'ask',
    blurb:
      'What is hard for the customers and why; each request is linked to the backlog, and its asker hears back.',
    roles: ROLES.anyMember,
  },
  {
    path: 'reviews',
    label: 'Reviews',
    icon: 'review',
    blurb: 'Customers rate each delivered increment at the review: happy, neutral or sad, in one tap.',
    roles: ROLES.anyMember,
  },
  {
    path: 'votes',
    label: 'Votes',
    icon: 'vote',
    blurb: 'Customers spread their points over the candidates for the next release.',
    roles: ROLES.anyMember,
  },
  {
    path: 'insight',
    roles: ROLES.readers,
    label: 'Insight',
    icon: 'activity',
    blurb: 'Who the work serves, trust, forecasts, release scope, debt payback and budget.',
  },
  {
    path: 'agreements',
    label: 'Agreements',
    icon: 'agreement',
    blurb:
      'How the team works, in writing: proposed with a comment period, in effect from a date, acknowledged.',
    // Stakeholders read the ones the Product Owner shares with them.
    roles: ROLES.anyMember,
  },
  {
    path: 'decisions',
    roles: ROLES.readers,
    label: 'Decisions',
    icon: 'decision',
    blurb: 'What was agreed, by whom, and the changes that went around it.',
  },
  {
    path: 'activity',
    roles: ROLES.readers,
    label: 'Activity',
    icon: 'activity',
    blurb: 'Everything that changed, and who did it.',
  },
  {
    path: 'settings',
    label: 'Settings',
    icon: 'settings',
    blurb: 'Members, roles and customer segments.',
    roles: ROLES.readers,
  },
];

/** The nav entries a role sees. */
export function productNavFor(role: ProductRole | undefined): readonly ProductNavEntry[] {
  return role ? productNav.filter((n) => n.roles.includes(role)) : [];
}

/** Where a product opens for a role: customers on their portal; the others on the backlog once it is registered. */
export function productHomeFor(role: ProductRole): string {
  if (!hasRole(role, ROLES.readers)) return 'portal';
  return productFeatureRoutes.some((r) => r.path?.startsWith('backlog')) ? 'backlog' : 'activity';
}
