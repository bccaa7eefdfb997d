import type { Item } from '../../../contracts/items.ts';

/**
 * Why a backlog item may not be ready, from what the item itself shows (the backlog list carries
 * no Definition of Ready). Once the item is in the sprint the server's reasons replace these.
 */
export function readinessHints(
  i: Pick<Item, 'status' | 'type' | 'size' | 'problem' | 'acceptanceCriteria'>,
): string[] {
  const reasons: string[] = [];
  if (i.size === null) reasons.push('Needs an estimate from the team');
  if (i.type === 'story' && !i.problem.trim()) reasons.push('No problem statement');
  if (i.acceptanceCriteria.length === 0) reasons.push('No acceptance criteria');
  if (i.status === 'new') reasons.push('Not marked ready yet');
  return reasons;
}
