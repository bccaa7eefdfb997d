import { useQuery } from '@tanstack/react-query';
import Papa from 'papaparse';
import { TrustView } from '#contracts/trust.ts';
import { api, apiPath } from '#web/lib/api.ts';

/** Starts with the product id, so live activity refreshes the radar when the product changes. */
export const trustKey = (productId: string, from: string, to: string) =>
  ['products', productId, 'insight', 'trust', from, to] as const;

export const useTrust = (productId: string, from: string, to: string) =>
  useQuery({
    queryKey: trustKey(productId, from, to),
    queryFn: () =>
      api.get(`${apiPath('products', productId, 'trust')}?${new URLSearchParams({ from, to })}`, TrustView),
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
