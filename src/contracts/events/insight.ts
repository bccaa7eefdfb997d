import { z } from 'zod';
import { ProductRoleSchema } from '#contracts/common.ts';
import { BudgetFields, CategoryRanges, event, HypothesisStatus, id, nullableNumber, str } from './fields.ts';

/** Insight: allocation, budget, release scope, the debt ledger and the trust radar (issue 11). */
export const INSIGHT_EVENTS = [
  // Insight: allocation and budget (issue 11)
  event('allocation.targets_updated', 'product', {
    before: z.strictObject({ categories: CategoryRanges }),
    after: z.strictObject({ categories: CategoryRanges }),
  }),
  event('sprint.justified', 'sprint', {
    before: z.strictObject({ text: str.nullable() }),
    after: z.strictObject({ text: str }),
  }),
  event('budget.updated', 'product', {
    before: BudgetFields.nullable(),
    after: BudgetFields,
  }),
  /** The PO shared (or stopped sharing) the allocation view with the product's stakeholders. */
  event('insight.sharing_updated', 'product', {
    before: z.strictObject({ allocation: z.boolean() }),
    after: z.strictObject({ allocation: z.boolean() }),
  }),
  /** The PO confirmed or overrode the suggested status of an item's benefit hypothesis. */
  event('item.hypothesis_judged', 'item', {
    after: z.strictObject({
      status: HypothesisStatus,
      suggested: HypothesisStatus,
      reason: str.nullable(),
    }),
  }),
  // Insight: release scope and the debt ledger (issue 11)
  /** The PO applied a computed release scope: these items were put in the release. */
  event('release.scope_applied', 'release', {
    after: z.strictObject({ name: str, itemIds: z.array(id), added: z.array(id) }),
  }),

  // Insight — trust radar (issue 11, seed 003)
  /**
   * Someone outside the team tried to set an item's size and was refused (only the team estimates).
   * Written in its own small transaction by the item write path, since the refused change rolls back.
   */
  event('item.size_refused', 'item', {
    after: z.strictObject({ key: str, role: ProductRoleSchema, size: nullableNumber }),
  }),
] as const;
