import type { RouteObject } from 'react-router-dom';
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
  // Customer voice (issue 10): releases and their votes; a stakeholder's ballot at votes/:releaseId.
  { path: 'votes/*', lazy: () => import('#web/features/votes/votes.route.tsx') },
];

export interface ProductNavEntry {
  /** Path under /p/:productKey/. */
  path: string;
  label: string;
  icon: IconName;
  /** Shown on the "not built yet" page until the feature registers its route. */
  blurb: string;
}

/** The product navigation, in order. Backlog/Board/Sprints/Poker point at the features' routes. */
export const productNav: readonly ProductNavEntry[] = [
  {
    path: 'backlog',
    label: 'Backlog',
    icon: 'backlog',
    blurb: 'One ordered backlog the whole team trusts: items, value, size and INVEST checks.',
  },
  {
    path: 'backlog/board',
    label: 'Backlog board',
    icon: 'board',
    blurb: 'Every backlog item by status, with drag and drop (the running sprint has its own sprint board).',
  },
  {
    path: 'sprints',
    label: 'Sprints',
    icon: 'sprints',
    blurb: 'Plan, start and close sprints; scope changes are recorded with their reason.',
  },
  {
    path: 'poker',
    label: 'Poker',
    icon: 'poker',
    blurb: 'Live planning poker where only the team votes.',
  },
  {
    path: 'activity',
    label: 'Activity',
    icon: 'activity',
    blurb: 'Everything that changed, and who did it.',
  },
  { path: 'settings', label: 'Settings', icon: 'settings', blurb: 'Members, roles and customer segments.' },
];
