import { isApiError } from '#web/lib/api.ts';

const COLUMN_OF: Record<string, ColumnId> = {
  new: 'todo',
  ready: 'todo',
  in_progress: 'doing',
  rejected: 'doing',
  done: 'done',
  accepted: 'accepted',
};

export type ColumnId = 'todo' | 'doing' | 'done' | 'accepted';

/** The sprint board's column of a status. */
export const columnOf = (status: string): ColumnId | undefined => COLUMN_OF[status];

/**
 * The status a plain move to a column asks for (item-rules.ts TRANSITIONS decides on the server):
 * back to To do is `ready` (a rejected item restarts as `new`), back to In progress `in_progress`.
 */
export const stepBackStatus = (from: string, to: ColumnId): string | null => {
  if (to === 'todo') return from === 'rejected' ? 'new' : 'ready';
  if (to === 'doing') return 'in_progress';
  return null;
};

/** The server's refusal as one sentence: its message, and the field reason when it adds to it. */
export const refusalText = (err: unknown): string => {
  if (!isApiError(err)) return err instanceof Error ? err.message : 'not moved';
  // "Please check: status." says less than the rule's own reason beside it.
  const reasons = Object.values(err.fields);
  if (err.code === 'validation_failed' && reasons.length > 0) return `${reasons.join('. ')}.`;
  const extra = reasons.filter((f) => !err.message.includes(f));
  return [err.message, ...extra].join(' ');
};
