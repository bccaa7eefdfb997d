import { useQuery } from '@tanstack/react-query';
import Papa from 'papaparse';
import { TrustView } from '#contracts/trust.ts';
import { api, apiPath } from '#web/lib/api.ts';

/** Starts with the product id, so live activity refreshes the radar when the product changes. */
export const trustKey = (productId: string, from: string, to: string, signal: string | null = null) =>
  ['products', productId, 'insight', 'trust', from, to, signal] as const;

/** The radar; with `signal`, that signal lists all its evidence (the others their most recent). */
export const useTrust = (productId: string, from: string, to: string, signal: string | null = null) =>
  useQuery({
    queryKey: trustKey(productId, from, to, signal),
    queryFn: () =>
      api.get(
        `${apiPath('products', productId, 'trust')}?${new URLSearchParams({ from, to, ...(signal ? { signal } : {}) })}`,
        TrustView,
      ),
    placeholderData: (previous) => previous,
  });

/** Saves rows as a CSV file (papaparse quotes what needs quoting), no server round trip. */
export function downloadCsv(name: string, rows: Array<Record<string, unknown>>) {
  const csv = Papa.unparse(rows);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
