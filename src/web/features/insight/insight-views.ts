import type { ComponentType } from 'react';

/**
 * The Insight page's views (issue 11), in tab order. HOW TO ADD ONE — one entry here:
 *
 *   { path: 'trust', label: 'Trust radar', blurb: '…', load: () => import('./trust/trust-view.tsx') },
 *
 * The module's default export is the view's component; it renders under /p/:key/insight/<path>
 * and may read the rest of the URL (search params) itself.
 */
export interface InsightView {
  path: string;
  label: string;
  /** One line under the tab list while the view loads, and on the Insight index. */
  blurb: string;
  load: () => Promise<{ default: ComponentType }>;
}

export const insightViews: InsightView[] = [
  {
    path: 'allocation',
    label: 'Allocation',
    blurb: 'Where the effort goes: points per customer segment and category, against targets.',
    load: () => import('./allocation/allocation-view.tsx'),
  },
  {
    path: 'trust',
    label: 'Trust',
    blurb: 'Trust radar: how PO and team work together, sprint by sprint, with the evidence.',
    load: () => import('./trust/trust-view.tsx'),
  },
  {
    path: 'forecast',
    label: 'Forecast',
    blurb:
      'When will these be done, and how many by a date: Monte Carlo on throughput, with its own hit rate.',
    load: () => import('./forecast/forecast-view.tsx'),
  },
  {
    path: 'scope',
    label: 'Release scope',
    blurb: 'The most value a release can hold within its capacity, and where 80 % of the value lies.',
    load: () => import('./scope/scope-view.tsx'),
  },
  {
    path: 'debt',
    label: 'Debt',
    blurb: 'What each piece of debt costs per week, and when fixing it pays for itself.',
    load: () => import('./scope/debt-view.tsx'),
  },
  {
    path: 'budget',
    label: 'Budget',
    blurb: 'The budget burned against the value delivered per segment.',
    load: () => import('./budget/budget-view.tsx'),
  },
  {
    path: 'sla',
    label: 'SLA',
    blurb:
      'How often defects got their first response and resolution within the SLA, per severity and month.',
    load: () => import('#web/features/sla/sla-report-view.tsx'),
  },
];
