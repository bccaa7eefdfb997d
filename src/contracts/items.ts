import { z } from 'zod';
import {
  ITEM_CATEGORIES,
  ITEM_STATUSES,
  ITEM_TYPES,
  LINK_KINDS,
  VALUE_SCALE,
} from '#domain/backlog/item-rules.ts';
import { SEVERITIES } from '#domain/sla/policy.ts';
import { Id, IsoDateTime, text } from './common.ts';
import { ItemSla, Severity } from './sla.ts';

export const ItemType = z.enum(ITEM_TYPES);
export const ItemCategory = z.enum(ITEM_CATEGORIES);
export const ItemStatus = z.enum(ITEM_STATUSES);
export const LinkKind = z.enum(LINK_KINDS);

const valuePoint = z
  .number()
  .int()
  .refine((n) => (VALUE_SCALE as readonly number[]).includes(n), {
    message: 'Use one of 1, 2, 3, 5, 8, 13, 20',
  });

const step = (what: string) =>
  text({ min: 1, max: 2000, multiline: true, trim: true, minMessage: `Write the ${what} step` });

export const AcceptanceCriterion = z.object({
  given: step('Given'),
  when: step('When'),
  then: step('Then'),
});
export type AcceptanceCriterion = z.infer<typeof AcceptanceCriterion>;

export const Item = z.object({
  id: Id,
  key: z.string().describe('Product key and number, e.g. VIP-42'),
  number: z.number().int(),
  productId: Id,
  type: ItemType,
  title: z.string(),
  problem: z.string().describe('Who has what problem and why it matters'),
  description: z.string().describe('Markdown; sanitise when rendering'),
  acceptanceCriteria: z.array(AcceptanceCriterion),
  segmentIds: z.array(Id),
  category: ItemCategory,
  labels: z.array(z.string()),
  assigneeId: Id.nullable(),
  status: ItemStatus,
  businessValue: z.number().int().nullable(),
  timeCriticality: z.number().int().nullable(),
  riskReduction: z.number().int().nullable(),
  size: z.number().nullable().describe('Story points, set by the team; null = needs estimate'),
  releaseCritical: z.boolean().describe('Would we delay the release for this?'),
  published: z.boolean().describe('Shown to stakeholders on the portal; set by the Product Owner'),
  releaseId: Id.nullable().describe('The release the PO assigned it to'),
  severity: Severity.nullable().describe('Defects: S1 critical … S4 low'),
  waiting: z.boolean().describe('Waiting for the customer (SLA clocks may pause)'),
  sla: ItemSla.describe("The defect's SLA clocks; null when no policy applies"),
  costOfDelay: z.number().int(),
  wsjf: z.number().nullable().describe('Cost of delay ÷ size; null = needs estimate'),
  rank: z.string().describe('Fractional order key; the list order'),
  externalId: z.string().nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Item = z.infer<typeof Item>;

/**
 * `error.details` of a 412 on an item: the item as saved now (to show their value beside yours)
 * and who saved it last (the actor of its latest change), so the notice can name them.
 */
export const ItemConflictDetails = z.object({
  current: Item.nullable(),
  by: z.object({ id: Id, name: z.string() }).nullable(),
});
export type ItemConflictDetails = z.infer<typeof ItemConflictDetails>;

const title = text({ min: 1, max: 200, minMessage: 'Give the item a title' });
const labels = z
  .array(text({ min: 1, max: 40, minMessage: 'Labels cannot be empty' }))
  .max(20, { message: 'At most 20 labels' });

/**
 * Fields anyone who shapes the backlog may write: Item's own fields, the free-text and numeric ones
 * with their limits. Value inputs are the PO's; size is the team's.
 */
const ItemFields = Item.pick({
  type: true,
  category: true,
  assigneeId: true,
  status: true,
  releaseCritical: true,
  published: true,
  releaseId: true,
  severity: true,
  waiting: true,
}).extend({
  title,
  problem: text({ max: 5000, multiline: true, trim: true }),
  description: text({ max: 50_000, multiline: true }),
  acceptanceCriteria: z.array(AcceptanceCriterion).max(50, { message: 'At most 50 scenarios' }),
  segmentIds: z.array(Id).max(20, { message: 'At most 20 segments' }),
  labels,
  businessValue: valuePoint.nullable(),
  timeCriticality: valuePoint.nullable(),
  riskReduction: valuePoint.nullable(),
  size: z
    .number()
    .min(0, { message: 'Points cannot be negative' })
    .max(1000, { message: 'At most 1000 points' })
    .nullable(),
});

export const CreateItemBody = ItemFields.partial()
  .extend({ type: ItemType.default('story'), title })
  .refine((b) => b.type !== 'story' || (b.problem ?? '').trim().length > 0, {
    message: 'State the problem first: who has it and why it matters',
    path: ['problem'],
  });
export type CreateItemBody = z.infer<typeof CreateItemBody>;

export const UpdateItemBody = ItemFields.partial();
export type UpdateItemBody = z.infer<typeof UpdateItemBody>;

export const ItemParams = z.object({ itemId: Id });

export const ITEM_SORTS = [
  'rank',
  'key',
  'title',
  'type',
  'status',
  'category',
  'segment',
  'wsjf',
  'size',
  'businessValue',
  'timeCriticality',
  'riskReduction',
  'releaseCritical',
  'assignee',
  'createdAt',
  'updatedAt',
  'responseDueAt',
  'resolutionDueAt',
] as const;
export const ItemSort = z.enum(ITEM_SORTS);
export type ItemSort = z.infer<typeof ItemSort>;

/** `?status=new,ready` or `?status=new&status=ready`. */
const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([text({ max: 2000, trim: false }), z.array(text({ max: 200, trim: false })).max(20)])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).max(20));

export const ItemListQuery = z.object({
  type: csv(ITEM_TYPES).optional(),
  status: csv(ITEM_STATUSES).optional(),
  category: csv(ITEM_CATEGORIES).optional(),
  segment: Id.optional(),
  label: text({ max: 40, trim: false }).optional(),
  assignee: z.union([Id, z.literal('none')]).optional(),
  /** A release id, or 'none' for items in no release. */
  release: z.union([Id, z.literal('none')]).optional(),
  releaseCritical: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: text({ max: 200 }).optional(),
  /** Defects of these severities. */
  severity: csv(SEVERITIES).optional(),
  /** SLA state now: breached, running (due, not breached), paused; any = a policy applies. */
  sla: z.enum(['breached', 'running', 'paused', 'any']).optional(),
  /** Defects with a clock due before this instant (running clocks). */
  dueBefore: text({ max: 40 })
    .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'An ISO date-time' })
    .optional(),
  sort: ItemSort.default('rank'),
  dir: z.enum(['asc', 'desc']).optional(),
  cursor: text({ max: 500, trim: false }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ItemListQuery = z.infer<typeof ItemListQuery>;

export const ItemList = z.object({ items: z.array(Item), nextCursor: z.string().nullable() });
export type ItemList = z.infer<typeof ItemList>;

export const MoveItemBody = z.union([z.object({ before: Id }).strict(), z.object({ after: Id }).strict()], {
  message: 'Send {"before": itemId} or {"after": itemId}',
});
export type MoveItemBody = z.infer<typeof MoveItemBody>;

/** A move changes only the item's place: the answer is its new order key (the item is unchanged). */
export const MovedItem = Item.pick({ id: true, key: true }).extend({
  rank: Item.shape.rank.describe('Its new fractional order key'),
  version: Item.shape.version.describe('The item version, unchanged by a move'),
});
export type MovedItem = z.infer<typeof MovedItem>;
