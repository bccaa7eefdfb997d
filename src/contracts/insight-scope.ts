import { z } from 'zod';
import { SCOPE_OBJECTIVES } from '#domain/insight/release-scope.ts';
import { Id } from './common.ts';

/** Release scope by value per effort and the debt ledger (issue 11). */

export const ScopeObjective = z.enum(SCOPE_OBJECTIVES);

export const ScopeBody = z.object({
  capacity: z
    .number()
    .min(0, { message: 'Capacity cannot be negative' })
    .max(100_000, { message: 'At most 100000 points' })
    .optional()
    .describe('Points; default: the team velocity × sprints until the target date'),
  objective: ScopeObjective.default('costOfDelay'),
  itemIds: z
    .array(Id)
    .min(1, { message: 'Name at least one item' })
    .max(1000, { message: 'At most 1000 items' })
    .optional(),
});
export type ScopeBody = z.infer<typeof ScopeBody>;

const CurvePoint = z.object({
  size: z.number(),
  value: z.number(),
  itemId: Id.nullable(),
  key: z.string().nullable(),
});

export const ScopeItem = z.object({
  itemId: Id,
  key: z.string(),
  title: z.string(),
  size: z.number().nullable(),
  value: z.number(),
  releaseCritical: z.boolean(),
  chosen: z.boolean(),
  reason: z.string(),
  /** Not a candidate itself: pulled in because it blocks one. */
  pulledIn: z.boolean(),
  /** Already in this release. */
  inRelease: z.boolean(),
});

export const ScopeResult = z.object({
  releaseId: Id,
  objective: ScopeObjective,
  itemIds: z.array(Id),
  totalValue: z.number(),
  totalSize: z.number(),
  capacity: z.number().nullable(),
  capacitySource: z.enum(['stated', 'forecast', 'none']),
  feasible: z.boolean(),
  optimal: z.boolean(),
  gap: z.number().describe('Upper bound − total value: 0 when optimal'),
  upperBound: z.number(),
  method: z.enum(['dp', 'branch-and-bound']),
  curve: z.array(CurvePoint),
  mark: z
    .object({ size: z.number(), value: z.number(), sizeShare: z.number(), valueShare: z.number() })
    .nullable()
    .describe('Where the curve reaches 80 % of the value'),
  candidateSource: z.enum(['given', 'release', 'open']),
  items: z.array(ScopeItem),
  notes: z.array(z.string()),
});
export type ScopeResult = z.infer<typeof ScopeResult>;

export const ApplyScopeBody = z.object({
  itemIds: z.array(Id).max(1000, { message: 'At most 1000 items' }),
});
export const ApplyScopeResult = z.object({
  releaseId: Id,
  added: z.array(Id),
  unchanged: z.array(Id),
});

export const DebtCost = z.object({
  fixHours: z
    .object({
      min: z
        .number()
        .min(0, { message: 'Hours cannot be negative' })
        .max(10_000, { message: 'At most 10000 hours' }),
      max: z
        .number()
        .min(0, { message: 'Hours cannot be negative' })
        .max(10_000, { message: 'At most 10000 hours' }),
    })
    .refine((h) => h.min <= h.max, { message: 'The low estimate cannot exceed the high one', path: ['min'] }),
  weeklyHours: z
    .number()
    .min(0, { message: 'Hours cannot be negative' })
    .max(168, { message: 'At most 168 hours a week' }),
});
export type DebtCost = z.infer<typeof DebtCost>;

export const SetDebtBody = z.object({ debt: DebtCost.nullable() });
export const ItemDebt = z.object({ itemId: Id, version: z.number().int(), debt: DebtCost.nullable() });
export type ItemDebt = z.infer<typeof ItemDebt>;

const Hours = z.object({ min: z.number(), max: z.number() });
export const DebtLedger = z.object({
  items: z.array(
    z.object({
      itemId: Id,
      key: z.string(),
      title: z.string(),
      status: z.string(),
      fixHours: Hours.nullable(),
      weeklyHours: z.number().nullable(),
      breakEvenWeeks: Hours.nullable(),
      ageWeeks: z.number(),
      lostSoFarHours: z.number().nullable(),
      repays: z
        .object({ workaroundKey: z.string(), dueDate: z.string().nullable(), overdue: z.boolean() })
        .nullable(),
    }),
  ),
  weeklyDragHours: z.number(),
  unstated: z.number().int(),
  overdueRepayments: z.number().int(),
});
export type DebtLedger = z.infer<typeof DebtLedger>;
