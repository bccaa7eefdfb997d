import { AppError, invalid } from '#domain/errors.ts';
import type { ProductRole } from '#domain/roles.ts';
import type { ItemField, ItemState } from './item-aggregate.ts';
import { canTransition, type ItemStatus } from './item-rules.ts';

/**
 * Where a change comes from. `form` is a create or PATCH (the bulk bar sends one PATCH per item,
 * so bulk edits take this path); `import` a CSV row; `sprint_resize`
 * a re-size from the sprint (with its recorded reason); `sprint_done` the team ticking the
 * Definition of Done; `review` the PO's verdict; `close` unfinished work going back to the
 * backlog; `poker` the size the team agreed on; `resolve` an item resolved by a fix or a workaround
 * (issue 13), which finishes it from any open status.
 */
export const ITEM_PATHS = [
  'form',
  'import',
  'sprint_resize',
  'sprint_done',
  'review',
  'close',
  'poker',
  'resolve',
] as const;
export type ItemPath = (typeof ITEM_PATHS)[number];

/** The fields each path may change at all; anything else is a programming error. */
export const PATH_FIELDS: Record<ItemPath, readonly ItemField[] | 'any'> = {
  form: 'any',
  import: 'any',
  sprint_resize: ['size'],
  sprint_done: ['status'],
  review: ['status'],
  close: ['status'],
  poker: ['size'],
  resolve: ['status'],
};

/**
 * Status moves of the sprint paths, beside the backlog's own (item-rules.ts TRANSITIONS): the team
 * finishes any open item of its sprint; the PO accepts done work and may still reject accepted
 * work at the review; closing a sprint returns unfinished work to the backlog as `ready`.
 */
const PATH_TRANSITIONS: Partial<Record<ItemPath, Partial<Record<ItemStatus, readonly ItemStatus[]>>>> = {
  sprint_done: { new: ['done'], ready: ['done'], in_progress: ['done'], rejected: ['done'] },
  review: { done: ['accepted', 'rejected'], accepted: ['rejected'] },
  close: { in_progress: ['ready'], rejected: ['ready'] },
  resolve: { new: ['done'], ready: ['done'], in_progress: ['done'] },
};

/** Who may take each path (beyond the field rules below). */
export const PATH_ROLES: Partial<Record<ItemPath, readonly ProductRole[]>> = {
  sprint_done: ['team', 'facilitator'],
  review: ['owner'],
  close: ['team', 'facilitator'],
  sprint_resize: ['team'],
  poker: ['team'],
  resolve: ['owner', 'team', 'facilitator'],
};

/** The status move of a change on its path, or the refusal (null = allowed). */
export function checkStatus(
  current: ItemState | null,
  next: ItemState,
  ctx: { path: ItemPath; key?: string | undefined },
): AppError | null {
  const name = ctx.key ?? 'This item';
  if (!current) {
    return next.status === 'new' || next.status === 'ready'
      ? null
      : invalid({ status: 'A new item starts as new or ready' });
  }
  const from = current.status;
  const to = next.status;
  const moves = PATH_TRANSITIONS[ctx.path];
  if (!moves) {
    return canTransition(from, to) ? null : invalid({ status: `An item cannot go from ${from} to ${to}` });
  }
  if (moves[from]?.includes(to)) return null;
  if (ctx.path === 'sprint_done' || ctx.path === 'resolve')
    return new AppError('conflict', `${name} is already ${from}.`);
  if (ctx.path === 'review')
    return new AppError('conflict', `${name} is ${from}; only done work can be ${to}.`);
  return new AppError('conflict', `${name} cannot go from ${from} to ${to} here.`);
}
