import { useQuery } from '@tanstack/react-query';
import { ApplyScopeResult, DebtLedger, ItemDebt, ScopeResult } from '#contracts/insight-scope.ts';
import type { ScopeObjective } from '#domain/insight/release-scope.ts';
import { api, apiPath } from '#web/lib/api.ts';

export const scopeKeys = {
  scope: (releaseId: string, objective: string, capacity: number | null) =>
    ['releases', releaseId, 'scope', objective, capacity] as const,
  debt: (productId: string) => ['products', productId, 'debt'] as const,
  itemDebt: (itemId: string) => ['items', itemId, 'debt'] as const,
};

export const useScope = (releaseId: string | null, objective: ScopeObjective, capacity: number | null) =>
  useQuery({
    queryKey: scopeKeys.scope(releaseId ?? '', objective, capacity),
    enabled: releaseId !== null,
    queryFn: () =>
      api.post(
        apiPath('releases', releaseId!, 'scope'),
        { objective, ...(capacity !== null ? { capacity } : {}) },
        ScopeResult,
      ),
  });

export const applyScope = (releaseId: string, itemIds: string[]) =>
  api.post(apiPath('releases', releaseId, 'scope', 'apply'), { itemIds }, ApplyScopeResult);

export const useDebtLedger = (productId: string) =>
  useQuery({
    queryKey: scopeKeys.debt(productId),
    queryFn: () => api.get(apiPath('products', productId, 'debt'), DebtLedger),
  });

export const useItemDebt = (itemId: string) =>
  useQuery({
    queryKey: scopeKeys.itemDebt(itemId),
    queryFn: () => api.get(apiPath('items', itemId, 'debt'), ItemDebt),
  });
