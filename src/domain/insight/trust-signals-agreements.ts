import { clamp, type Definition, inside, nothing, plural, TRUST } from './trust-model.ts';

/** The end of a due day (YYYY-MM-DD, UTC): a repayment is late after it. */
const dueEnd = (day: string) => `${day}T23:59:59.999Z`;

/**
 * PO → team, what was agreed (issue 13, seed 002): changes that went around an accepted decision,
 * and workarounds whose repayment fell due unpaid. Both count at their own time (the change; the
 * end of the due day).
 */
export const AGREEMENT_SIGNALS: Definition[] = [
  {
    key: 'went_around_agreements',
    side: 'po',
    label: 'Changes that went around an agreement',
    // Score = 100 − contradictionPenalty per flagged change in the window (floored at 0).
    compute(f, w) {
      const around = (f.contradictions ?? []).filter((c) => inside(c.at, w));
      const byOwner = around.filter((c) => c.actorId !== null && f.ownerIds.includes(c.actorId)).length;
      return {
        value: around.length,
        unit: 'count',
        score: clamp(100 - around.length * TRUST.contradictionPenalty),
        explanation: around.length
          ? `${plural(around.length, 'change')} went around an accepted decision (${byOwner} by the Product Owner). The change may be right; talk it over first, or supersede the decision in writing.`
          : 'No change went around an accepted decision.',
        evidence: around.map((c) => ({
          kind: 'event' as const,
          id: String(c.id),
          summary: `${c.decisionTitle}: ${c.summary}`,
          at: c.at,
          ...(c.itemId ? { itemId: c.itemId } : {}),
        })),
      };
    },
  },
  {
    key: 'workarounds_left_unpaid',
    side: 'po',
    label: 'Workarounds left unpaid',
    // Score = 100 − unpaidRepaymentPenalty per repayment whose due day ended in the window unpaid.
    compute(f, w, now) {
      const until = Math.min(w.to.getTime(), now.getTime());
      const due = (f.repayments ?? []).filter(
        (r) => r.dueDate !== null && inside(dueEnd(r.dueDate), w) && Date.parse(dueEnd(r.dueDate)) < until,
      );
      // Nothing fell due: nothing to measure (not a perfect score).
      if (!due.length) return nothing('count', 'No workaround repayment fell due in this window.');
      const unpaid = due.filter((r) => r.repaidAt === null || r.repaidAt > dueEnd(r.dueDate!));
      return {
        value: unpaid.length,
        unit: 'count',
        score: clamp(100 - unpaid.length * TRUST.unpaidRepaymentPenalty),
        explanation: unpaid.length
          ? `${unpaid.length} of ${plural(due.length, 'workaround repayment')} due in this window ${unpaid.length === 1 ? 'was' : 'were'} not paid on time. A workaround is debt; plan its repayment like any other work.`
          : `All ${plural(due.length, 'workaround repayment')} due in this window were paid on time.`,
        evidence: unpaid.map((r) => ({
          kind: 'item' as const,
          id: r.itemId,
          summary: `${r.key} repays the ${r.workaroundKey} workaround; due ${r.dueDate}, ${r.repaidAt ? 'paid late' : 'still open'}`,
          at: dueEnd(r.dueDate!),
        })),
      };
    },
  },
];
