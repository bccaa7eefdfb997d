import type { Item } from '#contracts/items.ts';
import { type DorCheck, readiness } from '#domain/sprints/readiness.ts';

export interface DorSettings {
  definitionOfReady: readonly DorCheck[];
  splitThreshold: number;
}

/** Until the product's settings load, the checks that need no knowledge of links. */
export const FALLBACK_DOR: DorSettings = {
  definitionOfReady: ['negotiable', 'estimable', 'testable'],
  splitThreshold: 13,
};

/**
 * Why a backlog item is not ready, by the product's Definition of Ready and the same domain rule
 * the server uses. Blockers are not in the backlog list, so `independent` is left to the server:
 * once the item is in the sprint, the server's reasons replace these.
 */
export function readinessHints(
  i: Pick<Item, 'status' | 'type' | 'size' | 'problem' | 'acceptanceCriteria' | 'segmentIds'> &
    Partial<Pick<Item, 'businessValue' | 'timeCriticality' | 'riskReduction'>>,
  dor: DorSettings = FALLBACK_DOR,
): string[] {
  return readiness(
    {
      status: i.status,
      type: i.type,
      size: i.size,
      problem: i.problem,
      description: '',
      acceptanceCriteriaCount: i.acceptanceCriteria.length,
      segmentCount: i.segmentIds.length,
      hasValueInputs: i.businessValue != null || i.timeCriticality != null || i.riskReduction != null,
      blockers: [],
    },
    dor.definitionOfReady,
    dor.splitThreshold,
  ).reasons;
}
