import { useQuery } from '@tanstack/react-query';
import { SlaPolicyDoc, SlaReport } from '#contracts/sla.ts';
import type { SlaPolicy } from '#domain/sla/policy.ts';
import { api, apiPath } from '#web/lib/api.ts';

/** Keys start with the product id, so live activity refreshes them when the product changes. */
export const slaKeys = {
  policy: (productId: string) => ['products', productId, 'sla-policy'] as const,
  report: (productId: string) => ['products', productId, 'insight', 'sla'] as const,
};

export const useSlaPolicy = (productId: string) =>
  useQuery({
    queryKey: slaKeys.policy(productId),
    queryFn: () => api.get(apiPath('products', productId, 'sla-policy'), SlaPolicyDoc),
    staleTime: 60_000,
  });

/** The policy the clocks count in, or null while none is active. */
export function useActivePolicy(productId: string): SlaPolicy | null {
  const q = useSlaPolicy(productId);
  return q.data?.active ? (q.data.policy as SlaPolicy) : null;
}

export const useSlaReport = (productId: string) =>
  useQuery({
    queryKey: slaKeys.report(productId),
    queryFn: () => api.get(apiPath('products', productId, 'sla-report'), SlaReport),
  });
