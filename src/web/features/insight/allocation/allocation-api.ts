import { useQuery } from '@tanstack/react-query';
import {
  AllocationEvidence,
  AllocationReport,
  AllocationTargets,
  BudgetReport,
} from '#contracts/insight-allocation.ts';
import { api, apiPath } from '#web/lib/api.ts';

/** Query keys start with the product id, so live activity refreshes them on any change. */
export const allocationKeys = {
  report: (productId: string, sprints: number) =>
    ['products', productId, 'insight', 'allocation', sprints] as const,
  targets: (productId: string) => ['products', productId, 'insight', 'allocation-targets'] as const,
  budget: (productId: string) => ['products', productId, 'insight', 'budget'] as const,
  all: (productId: string) => ['products', productId, 'insight'] as const,
};

export const useAllocation = (productId: string, sprints: number) =>
  useQuery({
    queryKey: allocationKeys.report(productId, sprints),
    queryFn: () =>
      api.get(`${apiPath('products', productId, 'allocation')}?sprints=${sprints}`, AllocationReport),
  });

/** One share's items, fetched when the reader opens it: a column (sprint id, overall, backlog) and a band. */
export const useAllocationEvidence = (
  productId: string,
  sprints: number,
  pick: { column: string; segment?: string; category?: string } | null,
) =>
  useQuery({
    queryKey: [...allocationKeys.report(productId, sprints), 'evidence', pick] as const,
    enabled: pick !== null,
    queryFn: () => {
      const q = new URLSearchParams({ sprints: String(sprints), column: pick?.column ?? 'overall' });
      if (pick?.segment) q.set('segment', pick.segment);
      if (pick?.category) q.set('category', pick.category);
      return api.get(`${apiPath('products', productId, 'allocation', 'evidence')}?${q}`, AllocationEvidence);
    },
  });

export const useAllocationTargets = (productId: string) =>
  useQuery({
    queryKey: allocationKeys.targets(productId),
    queryFn: () => api.get(apiPath('products', productId, 'allocation-targets'), AllocationTargets),
  });

export const useBudget = (productId: string) =>
  useQuery({
    queryKey: allocationKeys.budget(productId),
    queryFn: () => api.get(apiPath('products', productId, 'budget'), BudgetReport),
  });

/** A small client-side CSV download: quoted cells, CRLF rows. */
export function downloadCsv(name: string, rows: Array<Array<string | number | null>>) {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const blob = new Blob([rows.map((r) => r.map(cell).join(',')).join('\r\n')], { type: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Band colours by position: theme tokens first, then mixes, so both themes read well. */
export const BAND_COLOURS = [
  'var(--accent)',
  'var(--warning)',
  'var(--success)',
  'color-mix(in srgb, var(--accent) 45%, var(--danger, #c33))',
  'color-mix(in srgb, var(--success) 50%, var(--accent))',
  'color-mix(in srgb, var(--warning) 50%, var(--accent))',
];
export const UNASSIGNED_COLOUR = 'var(--text-faint)';

/** Where each segment's band should end (cumulative targets from the bottom), the last line left out. */
export function segmentTargetLines(bySegment: ReadonlyArray<{ target: number | null; name: string }>) {
  let acc = 0;
  return bySegment
    .filter((s) => s.target !== null)
    .map((s) => {
      acc += s.target ?? 0;
      return { at: Math.min(100, acc), label: s.name };
    })
    .slice(0, -1);
}
