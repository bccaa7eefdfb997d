import {
  CONTRADICTION_CAUSES,
  contradictionNotices,
  flagContradictions,
} from '#app/decisions/contradictions.ts';
import { markOverdueRepayments, overdueNotices } from '#app/decisions/repayments-due.ts';
import { defineClock } from '#jobs/clock.ts';
import { type AnySubscriber, defineSubscriber } from '#jobs/subscriber.ts';

/** Changes checked against accepted decisions: a contradiction is flagged once per (decision, cause). */
export const decisionContradictions = defineSubscriber({
  name: 'decision-contradictions',
  eventTypes: CONTRADICTION_CAUSES,
  async handle(event, ctx) {
    await flagContradictions(ctx.repos, event);
  },
});

/** Each participant of a decision that was gone around hears of it once. */
export const decisionContradictionNotices = defineSubscriber({
  name: 'decision-contradiction-notices',
  eventTypes: ['decision.contradicted'],
  async handle(event, ctx) {
    await contradictionNotices(ctx.repos, event, ctx.mail);
  },
});

/** The PO and the team hear of a repayment past its due day. */
export const repaymentOverdueNotices = defineSubscriber({
  name: 'repayment-overdue-notices',
  eventTypes: ['item.repayment_overdue'],
  async handle(event, ctx) {
    await overdueNotices(ctx.repos, event, ctx.mail);
  },
});

/** Hourly, five past: repayments whose due day ended unpaid become `item.repayment_overdue`, once. */
export const repaymentsDue = defineClock({
  name: 'repayments-due',
  pattern: '5 * * * *',
  run: (store) => store.transaction((r) => markOverdueRepayments(r, new Date())),
});

export const decisionJobs: AnySubscriber[] = [
  // AnySubscriber is one type per subscriber; this one handles several. The worker hands a
  // handler only events of its own types (taskFor checks), which is what the union promises.
  decisionContradictions as unknown as AnySubscriber,
  decisionContradictionNotices,
  repaymentOverdueNotices,
];
