import { z } from 'zod';
import { AgreementFields, AgreementVersionFields, event, id, SlaPolicyPayload, str } from './fields.ts';

/** Service levels, working agreements and decision records (issue 13). */
export const AGREEMENTS_EVENTS = [
  // Defects: severity and SLA clocks (issue 13)
  /** The PO or an admin set the product's SLA policy (every open defect's clocks are recomputed). */
  event('sla.policy_updated', 'product', {
    /** Absent for the product's first policy. */
    before: SlaPolicyPayload.optional(),
    after: SlaPolicyPayload,
  }),

  // Working agreements (issue 13)
  event('agreement.created', 'agreement', {
    after: z.strictObject({ title: str, roles: z.array(str), shared: z.boolean(), template: str.nullable() }),
  }),
  /** Title, asked roles, sharing with stakeholders or the unproposed draft changed. */
  event('agreement.updated', 'agreement', {
    before: AgreementFields.partial(),
    after: AgreementFields.partial(),
  }),
  event('agreement.proposed', 'agreement', {
    after: z.strictObject({ version: z.number(), commentUntil: str.nullable(), effectiveFrom: str }),
  }),
  /** A proposal revised during its comment period (an effective version never is). */
  event('agreement.revised', 'agreement', {
    before: AgreementVersionFields.partial(),
    after: AgreementVersionFields.partial().extend({ version: z.number() }),
  }),
  event('agreement.commented', 'agreement', {
    after: z.strictObject({ version: z.number(), commentId: id, paragraph: z.number() }),
  }),
  event('agreement.acknowledged', 'agreement', { after: z.strictObject({ version: z.number() }) }),
  /** A version took effect (recorded once, when its date came; acknowledgements are asked again). */
  event('agreement.effective', 'agreement', {
    after: z.strictObject({ version: z.number(), title: str }),
  }),

  // Agreements — decision records and workarounds (issue 13, seed 002)
  event('decision.created', 'decision', {
    after: z.strictObject({
      number: z.number(),
      title: str,
      technical: z.boolean(),
      itemIds: z.array(id),
      participants: z.array(id),
      rules: z.array(z.record(str, str)),
    }),
  }),
  event('decision.accepted', 'decision', { after: z.strictObject({ number: z.number(), title: str }) }),
  event('decision.superseded', 'decision', {
    after: z.strictObject({ number: z.number(), title: str, byDecisionId: id, byNumber: z.number() }),
  }),
  /**
   * A later change went around an accepted decision (it still happened). Recorded once per
   * (decision, cause event) by the contradiction reaction, with the cause's actor.
   */
  event('decision.contradicted', 'decision', {
    after: z.strictObject({
      number: z.number(),
      title: str,
      causeEventId: z.number(),
      causeType: str,
      itemId: id.nullable(),
      summary: str,
    }),
  }),
  /** A workaround's repayment item passed the end of its due day unpaid (once; the hourly sweep). */
  event('item.repayment_overdue', 'item', {
    after: z.strictObject({ key: str, title: str, workaroundItemId: id, workaroundKey: str, dueDate: str }),
  }),
  /** An item resolved by a fix or by a workaround (with the debt item that repays it). */
  event('item.resolved', 'item', {
    after: z.strictObject({
      key: str,
      resolution: z.enum(['fixed', 'workaround']),
      repaymentItemId: id.nullable(),
      dueDate: str.nullable(),
      dueSprintId: id.nullable(),
    }),
  }),
] as const;
