import { z } from 'zod';
import { ALLOCATION_CATEGORIES } from '#domain/insight/allocation.ts';
import { Id, IsoDateTime, intText, text } from './common.ts';

/** Insight (issue 11): where the effort goes, and the budget against value. */

export const AllocationCategory = z.enum(ALLOCATION_CATEGORIES);
const Percent = z.number().min(0, { message: 'At least 0' }).max(100, { message: 'At most 100' });
const Range = z.object({ min: Percent, max: Percent });

export const AllocationTargetsBody = z.object({
  categories: z.partialRecord(AllocationCategory, Range),
});
export const AllocationTargets = z.object({
  categories: z.partialRecord(AllocationCategory, z.object({ min: z.number(), max: z.number() })),
  /** 0 until the PO saves targets (send If-Match: 0 the first time). */
  version: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
});
export type AllocationTargets = z.infer<typeof AllocationTargets>;

const SprintCount = intText({ min: 1, max: 50, message: 'Must be a whole number from 1 to 50' });
export const AllocationQuery = z.object({
  sprints: SprintCount.optional(),
  /**
   * `none` (the default): the shares carry their item counts, not the item ids, and `items` is
   * empty — the evidence of one share is `GET …/allocation/evidence`. `ids`: every share lists
   * its item ids and `items` names them all (large: the CSV export of a long range).
   */
  evidence: z.enum(['none', 'ids']).optional(),
});

/** One share's items: a sprint (or `overall`, `backlog`) and a segment (`none`: unassigned) or a category. */
export const AllocationEvidenceQuery = z
  .object({
    sprints: SprintCount.optional(),
    column: z.union([z.enum(['overall', 'backlog']), Id]),
    /** The sprint's committed work at start instead of its completed work. */
    planned: z.enum(['true', 'false']).optional(),
    segment: z.union([z.literal('none'), Id]).optional(),
    category: z.enum(ALLOCATION_CATEGORIES).optional(),
  })
  .refine((q) => (q.segment === undefined) !== (q.category === undefined), {
    message: 'Give a segment or a category',
    path: ['segment'],
  });
export const AllocationEvidence = z.object({
  /** What was asked, as it reads: "Sprint 4 · VIP members". */
  label: z.string(),
  points: z.number(),
  items: z.array(z.object({ id: z.string(), key: z.string(), title: z.string() })),
});
export type AllocationEvidence = z.infer<typeof AllocationEvidence>;

const SegmentShare = z.object({
  /** Null: the items serving no segment ("Unassigned"). */
  segmentId: z.string().nullable(),
  name: z.string(),
  points: z.number(),
  share: z.number(),
  target: z.number().nullable(),
  offTarget: z.boolean(),
  /** How many items are behind the points. */
  itemCount: z.number(),
  /** The evidence: the items behind the points (empty unless `evidence=ids`). */
  itemIds: z.array(z.string()),
});
const CategoryShare = z.object({
  category: AllocationCategory,
  points: z.number(),
  share: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  offTarget: z.boolean(),
  itemCount: z.number(),
  itemIds: z.array(z.string()),
});
export const AllocationSplit = z.object({
  points: z.number(),
  bySegment: z.array(SegmentShare),
  byCategory: z.array(CategoryShare),
  offTarget: z.boolean(),
});
export type AllocationSplit = z.infer<typeof AllocationSplit>;
export const Justification = z.object({
  sprintId: z.string(),
  text: z.string(),
  writtenBy: z.string().nullable(),
  writtenAt: IsoDateTime,
});
export const SprintAllocation = AllocationSplit.extend({
  sprintId: z.string(),
  name: z.string(),
  state: z.enum(['planned', 'active', 'closed']),
  startDate: z.string(),
  endDate: z.string(),
  /** Committed at start, split the same way. */
  planned: AllocationSplit,
  justification: z.string().nullable(),
  justifiedBy: z.string().nullable(),
});
export const AllocationReport = z.object({
  sprints: z.array(SprintAllocation),
  overall: AllocationSplit,
  /** The open backlog's split: where the next sprint would land. */
  planned: AllocationSplit,
  /** Items named in the shares: key and title, so every number links to its items. */
  items: z.array(z.object({ id: z.string(), key: z.string(), title: z.string() })),
  tolerance: z.number(),
});
export type AllocationReport = z.infer<typeof AllocationReport>;
export type SprintAllocation = z.infer<typeof SprintAllocation>;

export const JustificationBody = z.object({
  text: text({ max: 2000, multiline: true }),
});

export const BudgetUnit = z.enum(['money', 'points']);
export const BudgetBody = z.object({
  total: z.number().positive({ message: 'Must be above 0' }).max(1e12, { message: 'Too large' }),
  unit: BudgetUnit,
  costPerSprint: z.number().min(0, { message: 'At least 0' }).max(1e12, { message: 'Too large' }).nullable(),
});
const Reviews = z.object({
  answers: z.number(),
  happy: z.number(),
  neutral: z.number(),
  sad: z.number(),
  meanRating: z.number().nullable(),
});
export const BudgetReport = z.object({
  /** Null until the PO sets a budget. */
  budget: z.object({ total: z.number(), unit: BudgetUnit, costPerSprint: z.number().nullable() }).nullable(),
  version: z.number().int(),
  spent: z.number(),
  spentShare: z.number(),
  burn: z.array(
    z.object({
      sprintId: z.string(),
      name: z.string(),
      endDate: z.string(),
      spent: z.number(),
      cumulative: z.number(),
      value: z.number(),
      cumulativeValue: z.number(),
      shareToDate: z.array(z.object({ segmentId: z.string().nullable(), share: z.number() })),
    }),
  ),
  value: z.object({
    total: z.number(),
    bySegment: z.array(
      z.object({
        segmentId: z.string().nullable(),
        name: z.string(),
        value: z.number(),
        share: z.number(),
        target: z.number().nullable(),
        reviews: Reviews,
        itemIds: z.array(z.string()),
      }),
    ),
  }),
  warning: z.string().nullable(),
});
export type BudgetReport = z.infer<typeof BudgetReport>;

/** PUT /api/v1/items/:itemId/segment-weights: relative weights (any positive numbers), or null for an even split. */
export const SegmentWeightsBody = z.object({
  weights: z
    .array(
      z.object({
        segmentId: Id,
        weight: z.number().positive({ message: 'Must be above 0' }).max(1e6, { message: 'Too large' }),
      }),
    )
    .min(2, { message: 'Weigh at least two segments' })
    .max(20, { message: 'At most 20 segments' })
    .nullable(),
});
export const ItemSegmentWeights = z.object({
  itemId: z.string(),
  version: z.number().int(),
  segmentIds: z.array(z.string()),
  /** Percent per segment id, summing to 100; null: the item's points split evenly. */
  weights: z.record(z.string(), z.number()).nullable(),
});
export type ItemSegmentWeights = z.infer<typeof ItemSegmentWeights>;

/** Whether the PO shares the allocation view with the product's stakeholders (issue 11). */
export const InsightSharing = z.object({
  allocation: z.boolean(),
  /** 0 until the PO decides (send If-Match: 0 the first time). */
  version: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
});
export type InsightSharing = z.infer<typeof InsightSharing>;
export const InsightSharingBody = z.object({ allocation: z.boolean() });

/**
 * The allocation as stakeholders may read it: points and shares per segment and category against
 * the targets, and the PO's justification. No item is named (the portal names only published
 * work), nor the open backlog's split (what the team has not yet promised).
 */
const SafeSplit = z.object({
  points: z.number(),
  bySegment: z.array(SegmentShare.omit({ itemIds: true })),
  byCategory: z.array(CategoryShare.omit({ itemIds: true })),
  offTarget: z.boolean(),
});
export const SharedAllocation = z.object({
  sprints: z.array(
    SafeSplit.extend({
      sprintId: z.string(),
      name: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      justification: z.string().nullable(),
    }),
  ),
  overall: SafeSplit,
  tolerance: z.number(),
});
export type SharedAllocation = z.infer<typeof SharedAllocation>;
