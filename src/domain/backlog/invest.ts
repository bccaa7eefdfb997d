import { type ItemStatus, type ItemType, isOpen } from './item-rules.ts';

/** INVEST (Bill Wake, 2003): the six qualities of a good backlog item, checked from its data. */
export const INVEST_CHECKS = [
  'independent',
  'negotiable',
  'valuable',
  'estimable',
  'small',
  'testable',
] as const;
export type InvestCheck = (typeof INVEST_CHECKS)[number];

export interface InvestItem {
  type: ItemType;
  problem: string;
  description: string;
  acceptanceCriteria: readonly unknown[];
  segmentIds: readonly string[];
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  size: number | null;
}

/** Items that block this one (links "X blocks this item"). */
export interface Blocker {
  key: string;
  type: ItemType;
  status: ItemStatus;
}

export interface InvestFinding {
  check: InvestCheck;
  ok: boolean;
  reason: string;
}

export interface InvestContext {
  blockers: readonly Blocker[];
  /** Points above which an item should be split. */
  splitThreshold: number;
}

/**
 * What the checks read, whichever way the item was loaded (a whole item, or the counts a sprint
 * board reads): INVEST and the Definition of Ready are computed from these facts only.
 */
export interface InvestFacts {
  type: ItemType;
  problem: string;
  description: string;
  acceptanceCriteriaCount: number;
  segmentCount: number;
  hasValueInputs: boolean;
  size: number | null;
  blockers: readonly Blocker[];
}

export const investFacts = (item: InvestItem, blockers: readonly Blocker[]): InvestFacts => ({
  type: item.type,
  problem: item.problem,
  description: item.description,
  acceptanceCriteriaCount: item.acceptanceCriteria.length,
  segmentCount: item.segmentIds.length,
  hasValueInputs: item.businessValue != null || item.timeCriticality != null || item.riskReduction != null,
  size: item.size,
  blockers,
});

/** Blockers still open (a done, accepted or rejected blocker no longer holds anything up). */
export const openBlockers = (blockers: readonly Blocker[]): Blocker[] =>
  blockers.filter((b) => isOpen(b.status));
/** Open spikes among the blockers: the item cannot be estimated before they answer. */
export const openSpikes = (blockers: readonly Blocker[]): Blocker[] =>
  openBlockers(blockers).filter((b) => b.type === 'spike');

export function investCheck(item: InvestItem, ctx: InvestContext): InvestFinding[] {
  return checkInvest(investFacts(item, ctx.blockers), ctx.splitThreshold);
}

export function checkInvest(facts: InvestFacts, splitThreshold: number): InvestFinding[] {
  const blocking = openBlockers(facts.blockers);
  const spikes = openSpikes(facts.blockers);
  const keys = (bs: readonly Blocker[]) => bs.map((b) => b.key).join(', ');
  const hasValue = facts.hasValueInputs;
  const findings: InvestFinding[] = [
    blocking.length
      ? { check: 'independent', ok: false, reason: `Blocked by open items: ${keys(blocking)}.` }
      : { check: 'independent', ok: true, reason: 'Nothing open blocks it.' },
    // Seed 001: a solution written down without the problem it solves cannot be negotiated.
    !facts.problem.trim() && facts.type === 'story'
      ? {
          check: 'negotiable',
          ok: false,
          reason: facts.description.trim()
            ? 'It describes a solution without a problem statement.'
            : 'It has no problem statement.',
        }
      : { check: 'negotiable', ok: true, reason: 'The problem is stated, leaving room for the solution.' },
    !facts.segmentCount || !hasValue
      ? {
          check: 'valuable',
          ok: false,
          reason: [
            facts.segmentCount ? null : 'No customer segment is named.',
            hasValue ? null : 'No value inputs (business value, time criticality, risk reduction) are set.',
          ]
            .filter(Boolean)
            .join(' '),
        }
      : { check: 'valuable', ok: true, reason: 'It serves a segment and has value inputs.' },
    facts.size == null
      ? { check: 'estimable', ok: false, reason: 'The team has not estimated it yet.' }
      : spikes.length
        ? { check: 'estimable', ok: false, reason: `An open spike blocks it: ${keys(spikes)}.` }
        : { check: 'estimable', ok: true, reason: `Estimated at ${facts.size} points.` },
    facts.size != null && facts.size > splitThreshold
      ? {
          check: 'small',
          ok: false,
          reason: `${facts.size} points is above the split threshold of ${splitThreshold}; split it.`,
        }
      : {
          check: 'small',
          ok: true,
          reason:
            facts.size == null
              ? 'Not estimated yet, so not known to be too big.'
              : `Within the split threshold of ${splitThreshold}.`,
        },
    facts.acceptanceCriteriaCount
      ? {
          check: 'testable',
          ok: true,
          reason: `${facts.acceptanceCriteriaCount} acceptance ${facts.acceptanceCriteriaCount === 1 ? 'scenario' : 'scenarios'}.`,
        }
      : { check: 'testable', ok: false, reason: 'It has no acceptance criteria.' },
  ];
  return findings;
}
