import { z } from 'zod';
import { DECISION_STATUSES } from '#domain/decisions/decision.ts';
import { Id, IsoDateTime, text } from './common.ts';

/** Decision records (issue 13): requests and responses. Rules as domain/decisions/rules.ts. */
export const DecisionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stays_in_sprint'), itemId: Id, sprintId: Id }),
  z.object({ kind: z.literal('no_workaround'), itemId: Id }),
  z.object({ kind: z.literal('done_before'), itemId: Id, beforeItemId: Id }),
  z.object({ kind: z.literal('no_scope_change'), sprintId: Id }),
]);
export type DecisionRuleBody = z.infer<typeof DecisionRuleSchema>;
export const DecisionStatus = z.enum(DECISION_STATUSES);

const section = (minMessage?: string) =>
  text({ max: 10_000, multiline: true, trim: true, ...(minMessage ? { min: 1, minMessage } : {}) });

export const CreateDecision = z.object({
  title: text({ min: 1, max: 200, trim: true, minMessage: 'Name the decision' }),
  context: section('Say what the decision is about: the situation and the forces at play'),
  decision: section('Say what was decided'),
  consequences: section().default(''),
  itemIds: z.array(Id).max(100).default([]),
  participants: z.array(Id).max(100).default([]),
  rules: z.array(DecisionRuleSchema).max(20).default([]),
  technical: z.boolean().default(false),
});
export type CreateDecision = z.infer<typeof CreateDecision>;
export const SupersedeDecision = z.object({ byDecisionId: Id });
export const DecisionParams = z.object({ decisionId: Id });

const Person = z.object({ id: Id, name: z.string() });
const ItemRef = z.object({ id: Id, key: z.string(), title: z.string(), status: z.string() });

export const Contradiction = z.object({
  eventId: z.number().int(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  itemId: Id.nullable(),
  at: IsoDateTime,
  summary: z.string(),
});
export type Contradiction = z.infer<typeof Contradiction>;

export const DecisionSummary = z.object({
  id: Id,
  productId: Id,
  number: z.number().int(),
  title: z.string(),
  status: DecisionStatus,
  technical: z.boolean(),
  acceptedAt: IsoDateTime.nullable(),
  contradictions: z.number().int(),
  createdAt: IsoDateTime,
});
export const DecisionList = z.object({ decisions: z.array(DecisionSummary) });

export const DecisionView = DecisionSummary.omit({ contradictions: true }).extend({
  context: z.string(),
  decision: z.string(),
  consequences: z.string(),
  rules: z.array(z.object({ rule: DecisionRuleSchema, words: z.string() })),
  items: z.array(ItemRef),
  participants: z.array(Person),
  proposedBy: Person.nullable(),
  acceptedBy: Person.nullable(),
  supersededBy: z.object({ id: Id, number: z.number().int(), title: z.string() }).nullable(),
  supersededAt: IsoDateTime.nullable(),
  contradictions: z.array(Contradiction),
  /** What the caller may do now (the UI hides what it may not). */
  can: z.object({ accept: z.boolean(), supersede: z.boolean() }),
});
export type DecisionView = z.infer<typeof DecisionView>;

/** The flags on one item: the decisions it governs' contradictions that point at it. */
export const ItemDecisionFlags = z.object({
  decisions: z.array(
    z.object({ id: Id, number: z.number().int(), title: z.string(), status: DecisionStatus }),
  ),
  contradictions: z.array(Contradiction.extend({ decisionId: Id, decisionTitle: z.string() })),
  resolution: z
    .object({
      resolution: z.enum(['fixed', 'workaround']),
      resolvedAt: IsoDateTime,
      resolvedBy: Person.nullable(),
    })
    .nullable(),
  repayments: z.array(
    z.object({
      itemId: Id,
      key: z.string(),
      title: z.string(),
      status: z.string(),
      dueDate: z.string().nullable(),
      dueSprint: z.object({ id: Id, name: z.string() }).nullable(),
      state: z.enum(['open', 'overdue', 'repaid']),
    }),
  ),
});
export type ItemDecisionFlags = z.infer<typeof ItemDecisionFlags>;

/** GET /products/:id/repayments: every workaround's repayment, for the boards' cards. */
export const ProductRepayments = z.object({
  repayments: z.array(
    z.object({
      itemId: Id,
      key: z.string(),
      title: z.string(),
      status: z.string(),
      dueDate: z.string().nullable(),
      dueSprint: z.object({ id: Id, name: z.string() }).nullable(),
      state: z.enum(['open', 'overdue', 'repaid']),
      workaroundItemId: Id,
      workaroundKey: z.string(),
    }),
  ),
});
export type ProductRepayments = z.infer<typeof ProductRepayments>;

const IsoDate = z.iso.date({ message: 'Use a date like 2026-12-10' });
export const ResolveItem = z.object({
  resolution: z.enum(['fixed', 'workaround']),
  repayment: z
    .object({
      title: text({ min: 1, max: 200, trim: true, minMessage: 'Say what replaces the workaround' }),
      dueDate: IsoDate.optional(),
      dueSprintId: Id.optional(),
    })
    .optional(),
});
export type ResolveItem = z.infer<typeof ResolveItem>;
export const ResolveAnswer = z.object({
  itemId: Id,
  resolution: z.enum(['fixed', 'workaround']),
  status: z.string(),
  version: z.number().int(),
  repaymentItemId: Id.nullable(),
});
