import { checkReadiness, type DefinitionOfReady } from '#domain/backlog/definition-of-ready.ts';
import type { InvestCheck, InvestFacts } from '#domain/backlog/invest.ts';

/** The INVEST checks a product's Definition of Ready can require (the backlog's own names). */
export type DorCheck = InvestCheck;

/** An item on a planning board: its INVEST facts and its status. */
export interface ReadinessFacts extends InvestFacts {
  status: string;
}

export interface Readiness {
  ready: boolean;
  reasons: string[];
}

/**
 * Why an item is not ready for a sprint: the backlog's Definition of Ready
 * (domain/backlog/definition-of-ready.ts, one reason per missing quality), and an item still
 * `new` says so.
 */
export function readiness(f: ReadinessFacts, checks: readonly DorCheck[], splitThreshold: number): Readiness {
  const dor: DefinitionOfReady = { checks, splitThreshold };
  const reasons = checkReadiness(f, dor).reasons;
  if (f.status === 'new') reasons.push('Not marked ready yet');
  return { ready: reasons.length === 0, reasons };
}

/** Statuses past the Definition of Ready: work already started or finished. */
const PAST_READY = ['in_progress', 'done', 'accepted'];

/** Readiness on a planning board: work already started or finished is past the question. */
export function planningReadiness(
  f: ReadinessFacts,
  dor: { checks: readonly DorCheck[]; splitThreshold: number },
): Readiness {
  if (PAST_READY.includes(f.status)) return { ready: true, reasons: [] };
  return readiness(f, dor.checks, dor.splitThreshold);
}
