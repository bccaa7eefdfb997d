import { z } from 'zod';
import { WorkspaceRole } from '#contracts/auth.ts';
import { ItemCategory, ItemStatus, ItemType } from '#contracts/items.ts';
import { INVEST_CHECKS } from '#domain/backlog/invest.ts';
import { SEVERITIES } from '#domain/sla/policy.ts';

/** The payload parts several areas' events share, and `event`, one catalog entry. */
export const str = z.string();
export const id = z.string();
export const nullableNumber = z.number().nullable();

export const Scenario = z.strictObject({ given: str, when: str, then: str });

/** The item fields a create, an edit or an import may carry. */
export const ItemFields = z.strictObject({
  type: ItemType,
  title: str,
  problem: str,
  description: str,
  acceptanceCriteria: z.array(Scenario),
  segmentIds: z.array(id),
  category: ItemCategory,
  labels: z.array(str),
  assigneeId: id.nullable(),
  status: ItemStatus,
  businessValue: nullableNumber,
  timeCriticality: nullableNumber,
  riskReduction: nullableNumber,
  size: nullableNumber,
  releaseCritical: z.boolean(),
  externalId: str.nullable(),
  /** Shown to stakeholders on the portal (set by the PO only). */
  published: z.boolean().optional(),
  releaseId: id.nullable().optional(),
  /** A benefit hypothesis (seed 004): we believe <belief> will result in <outcome>; we know when <signal>. */
  hypothesis: z.strictObject({ belief: str, outcome: str, signal: str }).nullable().optional(),
  /** A debt item's cost (issue 11): hours to fix (a range) and hours lost per week. */
  debt: z
    .strictObject({ fixHours: z.strictObject({ min: z.number(), max: z.number() }), weeklyHours: z.number() })
    .nullable()
    .optional(),
  /** The PO's weight per segment (issue 11): percent of the item's points, summing to 100; null: evenly. */
  segmentWeights: z.record(id, z.number()).nullable().optional(),
  /** A defect's severity and the waiting-for-customer flag (issue 13). */
  severity: z.enum(SEVERITIES).nullable().optional(),
  waiting: z.boolean().optional(),
});

/** Extra context an item change may carry when it came from a sprint, a review or poker. */
export const ItemChangeContext = z.strictObject({
  sprintId: id,
  reason: str,
  returnedFromSprint: id,
  definitionOfDone: z.array(str),
  comment: str,
  estimate: str,
  via: z.literal('planning_poker'),
  sessionId: id,
  voters: z.array(z.strictObject({ userId: id, name: str, value: str.nullable() })),
});
export const ItemChange = z.strictObject({ ...ItemFields.shape, ...ItemChangeContext.shape }).partial();

export const SprintFields = z.strictObject({
  name: str,
  goal: str,
  startDate: str,
  endDate: str,
  capacity: z
    .discriminatedUnion('unit', [
      z.strictObject({
        unit: z.literal('days'),
        members: z.array(z.strictObject({ userId: id, days: z.number() })),
      }),
      z.strictObject({ unit: z.literal('points'), points: z.number() }),
    ])
    .nullable(),
});

export const SlaTargets = z.strictObject({
  responseHours: z.number(),
  resolutionHours: z.number(),
  calendar: z.enum(['business', 'calendar']),
});
export const SlaPolicyPayload = z.strictObject({
  timeZone: str,
  workingDays: z.array(z.number()),
  workingHours: z.strictObject({ start: str, end: str }),
  holidays: z.array(str),
  pauseStatuses: z.array(str),
  severities: z.strictObject({ S1: SlaTargets, S2: SlaTargets, S3: SlaTargets, S4: SlaTargets }),
});
export const ProductFields = z.strictObject({ name: str, key: str, description: str });
export const SegmentFields = z.strictObject({ name: str, description: str, targetShare: nullableNumber });
export const SegmentRow = z.strictObject({ id, productId: id, ...SegmentFields.shape });
export const BacklogViewRow = z.strictObject({ productId: id, name: str, query: str });
export const BacklogSettingsRow = z.strictObject({
  productId: id,
  definitionOfReady: z.array(z.enum(INVEST_CHECKS)),
  splitThreshold: z.number(),
  version: z.number(),
});
export const UserFields = z.strictObject({ name: str, workspaceRole: WorkspaceRole, disabled: z.boolean() });
export const ScopeChange = z.strictObject({ itemId: id, key: str, reason: str.nullable() });

export const RequestStatus = z.enum(['open', 'planned', 'declined', 'shipped']);
export const Mood = z.enum(['happy', 'neutral', 'sad']);
export const HypothesisStatus = z.enum(['unvalidated', 'supported', 'contradicted']);

export const CategoryRanges = z.record(str, z.strictObject({ min: z.number(), max: z.number() }));
export const BudgetFields = z.strictObject({
  total: z.number(),
  unit: z.enum(['money', 'points']),
  costPerSprint: nullableNumber,
});

export const AgreementFields = z.strictObject({
  title: str,
  roles: z.array(str),
  shared: z.boolean(),
  draft: str.nullable(),
});
export const AgreementVersionFields = z.strictObject({
  body: str,
  commentUntil: str.nullable(),
  effectiveFrom: str,
});
export const WebhookFields = z
  .strictObject({ url: str, events: z.array(str), description: str, enabled: z.boolean() })
  .partial();

export const none = z.undefined().optional();

/** One catalog entry: its literal type, the entity it is about, and what before/after hold. */
export function event<
  T extends string,
  E extends string,
  B extends z.ZodType = typeof none,
  A extends z.ZodType = typeof none,
>(type: T, entityType: E, payload: { before?: B; after?: A }) {
  return z.strictObject({
    type: z.literal(type),
    entityType: z.literal(entityType),
    before: (payload.before ?? none) as B,
    after: (payload.after ?? none) as A,
  });
}
