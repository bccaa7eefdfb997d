import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { BacklogSettings } from '#contracts/backlog-order.ts';
import { ItemList } from '#contracts/items.ts';
import { DefinitionOfDone, Sprint, SprintBoard, SprintList, SprintReport } from '#contracts/sprints.ts';
import { api, apiPath, type WriteOptions } from '#web/lib/api.ts';
import { useMembers } from '#web/lib/queries.ts';

export type SprintT = z.infer<typeof Sprint>;
export type SprintBoardT = z.infer<typeof SprintBoard>;
export type SprintItemT = SprintBoardT['items'][number];
export type SprintReportT = z.infer<typeof SprintReport>;
export type ScopeChangeT = SprintBoardT['scopeChanges'][number];

/**
 * Query keys of this feature. Each starts with the product id, so the app's live activity stream
 * (app/live-activity.ts) refreshes a sprint on screen when someone else changes it.
 */
export const sprintKeys = {
  all: (productId: string) => ['products', productId, 'sprints'] as const,
  board: (productId: string, sprintId: string) => ['products', productId, 'sprints', sprintId] as const,
  report: (productId: string, sprintId: string) =>
    ['products', productId, 'sprints', sprintId, 'report'] as const,
  backlog: (productId: string) => ['products', productId, 'sprints', 'backlog'] as const,
  dod: (productId: string) => ['products', productId, 'sprints', 'dod'] as const,
  dor: (productId: string) => ['products', productId, 'sprints', 'dor'] as const,
};

export const useSprints = (productId: string) =>
  useQuery({
    queryKey: sprintKeys.all(productId),
    queryFn: async () => (await api.get(apiPath('products', productId, 'sprints'), SprintList)).sprints,
  });

export const useSprintBoard = (productId: string, sprintId: string) =>
  useQuery({
    queryKey: sprintKeys.board(productId, sprintId),
    queryFn: () => api.get(apiPath('sprints', sprintId), SprintBoard),
  });

export const useSprintReport = (productId: string, sprintId: string, enabled = true) =>
  useQuery({
    queryKey: sprintKeys.report(productId, sprintId),
    queryFn: () => api.get(apiPath('sprints', sprintId, 'report'), SprintReport),
    enabled,
  });

/** Backlog items the team may pull: not started yet, in backlog order. */
export const usePlannableItems = (productId: string) =>
  useQuery({
    queryKey: sprintKeys.backlog(productId),
    queryFn: async () =>
      (
        await api.get(
          `${apiPath('products', productId, 'items')}?status=new,ready,in_progress,rejected&sort=rank&limit=500`,
          ItemList,
        )
      ).items,
  });

/** The product's Definition of Ready (which INVEST checks it requires) and split threshold. */
export const useDefinitionOfReady = (productId: string) =>
  useQuery({
    queryKey: sprintKeys.dor(productId),
    queryFn: () => api.get(apiPath('products', productId, 'backlog-settings'), BacklogSettings),
    staleTime: 60_000,
  });

export const useDefinitionOfDone = (productId: string) =>
  useQuery({
    queryKey: sprintKeys.dod(productId),
    queryFn: () => api.get(apiPath('products', productId, 'definition-of-done'), DefinitionOfDone),
  });

/**
 * Who works on each sprint item: item id → member name, or null for nobody. The sprint board's
 * contract carries no assignee, so each item is read through the backlog's own query (the same
 * cache the item panel reads, so opening a card is instant and an edit there shows on the card).
 */
/** Item id → assignee name (null: nobody), from the board's own items and the member list. */
export function useSprintAssignees(
  productId: string,
  items: ReadonlyArray<{ itemId: string; assigneeId: string | null }>,
) {
  const members = useMembers(productId).data;
  const out = new Map<string, string | null>();
  if (!members) return out;
  const names = new Map(members.map((m) => [m.userId, m.name]));
  for (const i of items)
    out.set(i.itemId, i.assigneeId ? (names.get(i.assigneeId) ?? 'a former member') : null);
  return out;
}

export function useInvalidateSprints(productId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: sprintKeys.all(productId) });
    void qc.invalidateQueries({ queryKey: ['products', productId, 'events'] });
    void qc.invalidateQueries({ queryKey: ['products', productId, 'items'] });
  };
}

export interface SprintFieldsInput {
  name: string;
  goal: string;
  startDate: string;
  endDate: string;
  capacity: SprintT['capacity'];
}

export const sprintApi = {
  create: (productId: string, body: SprintFieldsInput, opts: WriteOptions) =>
    api.post(apiPath('products', productId, 'sprints'), body, Sprint, opts),
  update: (sprintId: string, body: Partial<SprintFieldsInput>, version: number) =>
    api.patch(apiPath('sprints', sprintId), body, Sprint, { ifMatch: version }),
  start: (sprintId: string, confirmOverForecast: boolean) =>
    api.post(apiPath('sprints', sprintId, 'start'), { confirmOverForecast }, SprintBoard),
  close: (sprintId: string, unfinished: 'backlog' | 'next_sprint', nextSprintId?: string) =>
    api.post(
      apiPath('sprints', sprintId, 'close'),
      nextSprintId ? { unfinished, nextSprintId } : { unfinished },
      SprintBoard,
    ),
  addItem: (sprintId: string, itemId: string, reason?: string) =>
    api.post(apiPath('sprints', sprintId, 'items', itemId), reason ? { reason } : {}, SprintBoard),
  /** DELETE carries the reason in the query string (a DELETE body is dropped by some proxies). */
  removeItem: (sprintId: string, itemId: string, reason?: string) =>
    api.delete(
      `${apiPath('sprints', sprintId, 'items', itemId)}${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`,
    ),
  resize: (sprintId: string, itemId: string, size: number, reason?: string) =>
    api.post(
      apiPath('sprints', sprintId, 'items', itemId, 'resize'),
      reason ? { size, reason } : { size },
      SprintBoard,
    ),
  done: (sprintId: string, itemId: string, checked: string[]) =>
    api.post(apiPath('sprints', sprintId, 'items', itemId, 'done'), { checked }, SprintBoard),
  accept: (sprintId: string, itemId: string, comment: string) =>
    api.post(apiPath('sprints', sprintId, 'items', itemId, 'accept'), { comment }, SprintBoard),
  reject: (sprintId: string, itemId: string, comment: string) =>
    api.post(apiPath('sprints', sprintId, 'items', itemId, 'reject'), { comment }, SprintBoard),
};
