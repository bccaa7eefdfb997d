/** The INVEST checks a product's Definition of Ready can require (same names as the backlog's). */
export type DorCheck = 'independent' | 'negotiable' | 'valuable' | 'estimable' | 'small' | 'testable';

export interface ReadinessFacts {
  status: string;
  type: string;
  size: number | null;
  problem: string;
  acceptanceCriteriaCount: number;
  segmentCount: number;
  hasValueInputs: boolean;
  openBlockers: string[];
}

export interface Readiness {
  ready: boolean;
  reasons: string[];
}

/**
 * Why an item is not ready for a sprint, by the product's Definition of Ready: each required
 * INVEST check that fails gives one reason, and an item still `new` says so.
 */
export function readiness(f: ReadinessFacts, checks: readonly DorCheck[], splitThreshold: number): Readiness {
  const reasons: string[] = [];
  const on = (c: DorCheck) => checks.includes(c);
  if (on('independent') && f.openBlockers.length > 0) reasons.push(`Blocked by ${f.openBlockers.join(', ')}`);
  if (on('negotiable') && f.type === 'story' && !f.problem.trim()) reasons.push('No problem statement');
  if (on('valuable') && f.segmentCount === 0) reasons.push('No customer segment');
  if (on('valuable') && !f.hasValueInputs) reasons.push('No value inputs');
  if (on('estimable') && f.size === null) reasons.push('Needs an estimate from the team');
  if (on('small') && f.size !== null && f.size > splitThreshold)
    reasons.push(`Too big to finish in a sprint (${f.size} > ${splitThreshold} points): split it`);
  if (on('testable') && f.acceptanceCriteriaCount === 0) reasons.push('No acceptance criteria');
  if (f.status === 'new') reasons.push('Not marked ready yet');
  return { ready: reasons.length === 0, reasons };
}
