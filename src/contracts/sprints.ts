import { z } from 'zod';
import { SPRINT_STATES } from '#domain/sprints/sprint-rules.ts';
import { Id, IsoDateTime, text } from './common.ts';

const IsoDate = z.iso.date({ message: 'Use a date like 2025-03-03' });
const Points = z.number().min(0).max(10_000);

export const Capacity = z.discriminatedUnion('unit', [
  z.object({
    unit: z.literal('days'),
    members: z
      .array(z.object({ userId: Id, days: z.number().min(0).max(60) }))
      .max(100)
      .describe('Each member’s availability in days'),
  }),
  z.object({ unit: z.literal('points'), points: Points }),
]);

export const Sprint = z.object({
  id: Id,
  productId: Id,
  name: z.string(),
  goal: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  capacity: Capacity.nullable(),
  state: z.enum(SPRINT_STATES),
  version: z.number().int(),
  startedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
});
export type Sprint = z.infer<typeof Sprint>;
export const SprintList = z.object({ sprints: z.array(Sprint) });

const SprintFields = z.object({
  name: text({ min: 1, max: 80, minMessage: 'Name the sprint' }),
  goal: text({ max: 500, multiline: true, trim: true }),
  startDate: IsoDate,
  endDate: IsoDate,
  capacity: Capacity.nullable(),
});
const datesInOrder = (v: { startDate?: string | undefined; endDate?: string | undefined }) =>
  !v.startDate || !v.endDate || v.endDate >= v.startDate;
const datesMessage = { message: 'The sprint must end on or after its start', path: ['endDate'] };
export const CreateSprintBody = SprintFields.extend({
  goal: SprintFields.shape.goal.default(''),
  capacity: SprintFields.shape.capacity.default(null),
}).refine(datesInOrder, datesMessage);
export const UpdateSprintBody = SprintFields.partial().refine(datesInOrder, datesMessage);

export const SprintParams = z.object({ sprintId: Id });
export const SprintItemParams = z.object({ sprintId: Id, itemId: Id });

const Reason = text({ min: 1, max: 1000, multiline: true, trim: true, minMessage: 'Say why' });
export const ScopeChangeBody = z.object({ reason: Reason.optional() });
export const ResizeBody = z.object({ size: Points, reason: Reason.optional() });
export const StartSprintBody = z.object({
  confirmOverForecast: z
    .boolean()
    .default(false)
    .describe('The team confirms it commits above the forecast; recorded with the snapshot'),
});
export const CloseSprintBody = z.object({
  unfinished: z.enum(['backlog', 'next_sprint']).default('backlog'),
  nextSprintId: Id.optional().describe('Where unfinished items go with `next_sprint`'),
});
export const DoneBody = z.object({ checked: z.array(text({ max: 200, trim: false })).max(50) });
export const ReviewBody = z.object({ comment: text({ max: 2000, multiline: true, trim: true }).default('') });
export const RejectBody = z.object({
  comment: text({ min: 1, max: 2000, multiline: true, trim: true, minMessage: 'Say what is missing' }),
});

export const Forecast = z.object({
  points: z.number().nullable(),
  medianVelocity: z.number().nullable(),
  capacityFactor: z.number(),
  sprintsUsed: z.number().int(),
  note: z.string().nullable(),
});

export const SprintItem = z.object({
  itemId: Id,
  key: z.string(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  size: z.number().nullable(),
  assigneeId: Id.nullable(),
  ready: z.boolean(),
  notReadyReasons: z.array(z.string()),
  addedAt: IsoDateTime,
  inSnapshot: z.boolean(),
  doneAt: IsoDateTime.nullable(),
  review: z.enum(['accepted', 'rejected']).nullable(),
  reviewComment: z.string().nullable(),
  reopened: z.number().int(),
  outcome: z.enum(['completed', 'backlog', 'next_sprint']).nullable(),
});

export const ScopeChange = z.object({
  itemId: Id,
  change: z.enum(['added', 'removed', 'resized', 'carried_in']),
  pointsBefore: z.number().nullable(),
  pointsAfter: z.number().nullable(),
  reason: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  at: IsoDateTime,
});

export const Snapshot = z.object({
  committedPoints: z.number(),
  items: z.array(
    z.object({
      itemId: Id,
      key: z.string(),
      title: z.string(),
      size: z.number().nullable(),
      status: z.string(),
    }),
  ),
  forecastPoints: z.number().nullable(),
  overForecast: z.boolean(),
  confirmedBy: Id.nullable(),
  takenAt: IsoDateTime,
});

/** The planning / sprint view: the sprint, its items with readiness, load beside forecast. */
export const SprintBoard = z.object({
  sprint: Sprint,
  items: z.array(SprintItem),
  loadPoints: z.number(),
  unestimated: z.number().int(),
  forecast: Forecast,
  overForecast: z.boolean(),
  snapshot: Snapshot.nullable(),
  scopeChanges: z.array(ScopeChange),
  definitionOfDone: z.array(z.string()),
});

export const VelocityPoint = z.object({
  sprintId: Id,
  name: z.string(),
  endDate: z.string(),
  committedPoints: z.number(),
  completedPoints: z.number(),
});

export const SprintReport = z.object({
  sprint: Sprint,
  committedPoints: z.number(),
  completedPoints: z.number(),
  sayDoRatio: z.number().nullable(),
  scopeChanges: z.array(ScopeChange),
  carriedOver: z.array(z.object({ itemId: Id, key: z.string(), title: z.string(), to: z.string() })),
  accepted: z.number().int(),
  rejected: z.number().int(),
  doneNotAccepted: z.number().int(),
  reopened: z.number().int(),
  velocityHistory: z.array(VelocityPoint),
  velocityCv: z.number().nullable(),
  estimateVsActual: z.array(
    z.object({
      size: z.number(),
      count: z.number().int(),
      minDays: z.number(),
      medianDays: z.number(),
      maxDays: z.number(),
    }),
  ),
  burnUp: z.array(z.object({ date: z.string(), scope: z.number(), done: z.number() })),
});

export const DefinitionOfDone = z.object({ checklist: z.array(z.string()), version: z.number().int() });
export const UpdateDefinitionOfDoneBody = z.object({
  checklist: z
    .array(text({ min: 1, max: 200, minMessage: 'Entries cannot be empty' }))
    .min(1, { message: 'List at least one entry' })
    .max(30),
});
