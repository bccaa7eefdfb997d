import type { ItemStatus } from '#domain/backlog/item-rules.ts';
import { type FieldErrors, invalid } from '#domain/errors.ts';

/**
 * Workarounds must be repaid (seed 002: "we'll add an item to the follow-up sprint to switch
 * back"). Resolving an item by a workaround needs a repayment item — a debt item that `repays`
 * the workaround — due in a sprint or by a date. Pure: the caller loads the sprint and the clock.
 */
export type Resolution = 'fixed' | 'workaround';

export interface RepaymentPlan {
  title: string;
  dueDate?: string | null | undefined;
  dueSprintId?: string | null | undefined;
}

/** The repayment item's title, as the resolve dialog prefills it. */
export const repaymentTitle = (workaround: string) =>
  `Replace the ${workaround} workaround with the agreed fix`;

/** Refuses a resolution that leaves a workaround without its repayment (400 naming `repayment`). */
export function checkResolution(resolution: Resolution, repayment: RepaymentPlan | null | undefined) {
  const fields: FieldErrors = {};
  if (resolution === 'workaround') {
    if (!repayment)
      fields.repayment =
        'A workaround needs a repayment item: what replaces it with the agreed fix, and by when';
    else if (!repayment.title.trim()) fields['repayment.title'] = 'Say what replaces the workaround';
    else if (!repayment.dueDate && !repayment.dueSprintId)
      fields.repayment = 'Give the repayment a due sprint or a due date';
  } else if (repayment) {
    fields.repayment = 'Only a workaround is repaid; a fix needs no repayment item';
  }
  return Object.keys(fields).length ? invalid(fields) : null;
}

export type RepaymentState = 'open' | 'overdue' | 'repaid';
const REPAID: readonly ItemStatus[] = ['done', 'accepted'];

/**
 * A repayment is repaid once its item is done or accepted; open until the end of its due day
 * (the due date, or the due sprint's end date, both YYYY-MM-DD in UTC); overdue after.
 */
export function repaymentState(status: ItemStatus, dueDate: string | null, now: Date): RepaymentState {
  if (REPAID.includes(status)) return 'repaid';
  if (!dueDate) return 'open';
  const endOfDue = Date.parse(`${dueDate}T23:59:59.999Z`);
  return now.getTime() > endOfDue ? 'overdue' : 'open';
}
