import { useQuery } from '@tanstack/react-query';
import {
  type CreateDecision,
  DecisionList,
  DecisionView,
  ItemDecisionFlags,
  ProductRepayments,
  ResolveAnswer,
  type ResolveItem,
} from '#contracts/decisions.ts';
import { fetchItemPage } from '#web/features/backlog/items-api.ts';
import { ALL_ITEMS_VIEW } from '#web/features/backlog/view-state.ts';
import { api, apiPath } from '#web/lib/api.ts';

export const decisionKeys = {
  list: (productId: string) => ['products', productId, 'decisions'] as const,
  one: (decisionId: string) => ['decisions', decisionId] as const,
  item: (itemId: string) => ['items', itemId, 'decisions'] as const,
  repayments: (productId: string) => ['products', productId, 'repayments'] as const,
};

/** The product's repayments (one request per product, shared by every card on a board). */
export const useProductRepayments = (productId: string) =>
  useQuery({
    queryKey: decisionKeys.repayments(productId),
    queryFn: async () =>
      (await api.get(apiPath('products', productId, 'repayments'), ProductRepayments)).repayments,
    staleTime: 30_000,
  });

export const useDecisions = (productId: string) =>
  useQuery({
    queryKey: decisionKeys.list(productId),
    queryFn: async () => (await api.get(apiPath('products', productId, 'decisions'), DecisionList)).decisions,
  });

export const useDecision = (decisionId: string) =>
  useQuery({
    queryKey: decisionKeys.one(decisionId),
    queryFn: () => api.get(apiPath('decisions', decisionId), DecisionView),
  });

export const useItemDecisions = (itemId: string) =>
  useQuery({
    queryKey: decisionKeys.item(itemId),
    queryFn: () => api.get(apiPath('items', itemId, 'decisions'), ItemDecisionFlags),
  });

export const decisionsApi = {
  create: (productId: string, body: Partial<CreateDecision>, idempotencyKey: string) =>
    api.post(apiPath('products', productId, 'decisions'), body, DecisionView, { idempotencyKey }),
  accept: (decisionId: string) => api.post(apiPath('decisions', decisionId, 'accept'), {}, DecisionView),
  supersede: (decisionId: string, byDecisionId: string) =>
    api.post(apiPath('decisions', decisionId, 'supersede'), { byDecisionId }, DecisionView),
  resolve: (itemId: string, body: ResolveItem, idempotencyKey: string) =>
    api.post(apiPath('items', itemId, 'resolve'), body, ResolveAnswer, { idempotencyKey }),
};

/** An item of the product by its key ("NOTIF-14"), or null. */
export async function findItemByKey(
  productId: string,
  key: string,
): Promise<{ id: string; key: string } | null> {
  const upper = key.trim().toUpperCase();
  if (!upper) return null;
  const page = await fetchItemPage(productId, { ...ALL_ITEMS_VIEW, q: upper }, null);
  const hit = page.items.find((x) => x.key === upper);
  return hit ? { id: hit.id, key: hit.key } : null;
}
