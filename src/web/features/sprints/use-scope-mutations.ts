import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Item } from '#contracts/items.ts';
import { type DorSettings, readinessHints } from './readiness-hint.ts';
import {
  type SprintBoardT,
  type SprintItemT,
  sprintApi,
  sprintKeys,
  useInvalidateSprints,
} from './sprints-api.ts';

const load = (items: SprintItemT[]) => items.reduce((s, i) => s + (i.size ?? 0), 0);

function withItems(b: SprintBoardT, items: SprintItemT[]): SprintBoardT {
  const loadPoints = load(items);
  return {
    ...b,
    items,
    loadPoints,
    unestimated: items.filter((i) => i.size === null).length,
    overForecast: b.forecast.points !== null && loadPoints > b.forecast.points,
  };
}

function asSprintItem(i: Item, dor: DorSettings | undefined): SprintItemT {
  const reasons = readinessHints(i, dor);
  return {
    itemId: i.id,
    key: i.key,
    title: i.title,
    type: i.type,
    status: i.status,
    size: i.size,
    assigneeId: i.assigneeId,
    ready: reasons.length === 0,
    notReadyReasons: reasons,
    addedAt: new Date().toISOString(),
    inSnapshot: false,
    doneAt: null,
    review: null,
    reviewComment: null,
    reopened: 0,
    outcome: null,
  };
}

/**
 * Adding and removing items with an optimistic board: the card moves at once, the server's board
 * replaces the guess when it answers, and a refusal puts everything back with the server's message.
 */
export function useScopeMutations(productId: string, sprintId: string, dor?: DorSettings) {
  const qc = useQueryClient();
  const key = sprintKeys.board(productId, sprintId);
  const invalidate = useInvalidateSprints(productId);
  const [error, setError] = useState<string | null>(null);

  async function run(
    change: (b: SprintBoardT) => SprintBoardT,
    call: () => Promise<SprintBoardT | undefined>,
  ) {
    await qc.cancelQueries({ queryKey: key });
    const before = qc.getQueryData<SprintBoardT>(key);
    if (before) qc.setQueryData(key, change(before));
    setError(null);
    try {
      const after = await call();
      if (after) qc.setQueryData(key, after);
      invalidate();
    } catch (err) {
      if (before) qc.setQueryData(key, before);
      const message = err instanceof Error ? err.message : 'Not saved. Try again.';
      setError(message);
      throw err;
    }
  }

  return {
    error,
    clearError: () => setError(null),
    add: (item: Item, reason?: string) =>
      run(
        (b) => withItems(b, [...b.items, asSprintItem(item, dor)]),
        () => sprintApi.addItem(sprintId, item.id, reason),
      ),
    remove: (itemId: string, reason?: string) =>
      run(
        (b) =>
          withItems(
            b,
            b.items.filter((i) => i.itemId !== itemId),
          ),
        async () => (await sprintApi.removeItem(sprintId, itemId, reason)) as SprintBoardT | undefined,
      ),
  };
}
