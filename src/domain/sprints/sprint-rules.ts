import { AppError } from '#domain/errors.ts';

export const SPRINT_STATES = ['planned', 'active', 'closed'] as const;
export type SprintState = (typeof SPRINT_STATES)[number];

/** Item statuses that count as completed for velocity; anything else is not done (seed 003). */
export const COMPLETED_STATUSES = ['done', 'accepted'] as const;
export const isCompleted = (status: string): boolean =>
  (COMPLETED_STATUSES as readonly string[]).includes(status);

/**
 * Scope rule (seed 003: "sprint is closed to change"): a planned sprint changes freely; an active
 * one only with a stated reason, which is recorded; a closed one never.
 */
export function checkScopeChange(state: SprintState, reason: string | undefined | null): string | null {
  if (state === 'closed')
    throw new AppError('sprint_locked', 'This sprint is closed; its scope cannot change.');
  if (state === 'planned') return null;
  const r = reason?.trim();
  if (!r) {
    throw new AppError(
      'reason_required',
      'This sprint has started: say why the scope changes. The reason is recorded and shown in the report.',
      { reason: 'Required once the sprint has started' },
    );
  }
  return r;
}

export function checkTransition(from: SprintState, to: SprintState): void {
  const ok = (from === 'planned' && to === 'active') || (from === 'active' && to === 'closed');
  if (!ok) throw new AppError('conflict', `A ${from} sprint cannot become ${to}.`);
}

/** Where an unfinished item goes when its sprint closes. */
export type CarryOver = 'backlog' | 'next_sprint';
