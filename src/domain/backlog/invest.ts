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

export function investCheck(item: InvestItem, ctx: InvestContext): InvestFinding[] {
  const openBlockers = ctx.blockers.filter((b) => isOpen(b.status));
  const openSpikes = openBlockers.filter((b) => b.type === 'spike');
  const keys = (bs: readonly Blocker[]) => bs.map((b) => b.key).join(', ');
  const hasValue = item.businessValue != null || item.timeCriticality != null || item.riskReduction != null;
  const findings: InvestFinding[] = [
    openBlockers.length
      ? { check: 'independent', ok: false, reason: `Blocked by open items: ${keys(openBlockers)}.` }
      : { check: 'independent', ok: true, reason: 'Nothing open blocks it.' },
    // Seed 001: a solution written down without the problem it solves cannot be negotiated.
    !item.problem.trim() && item.type === 'story'
      ? {
          check: 'negotiable',
          ok: false,
          reason: item.description.trim()
            ? 'It describes a solution without a problem statement.'
            : 'It has no problem statement.',
        }
      : { check: 'negotiable', ok: true, reason: 'The problem is stated, leaving room for the solution.' },
    !item.segmentIds.length || !hasValue
      ? {
          check: 'valuable',
          ok: false,
          reason: [
            item.segmentIds.length ? null : 'No customer segment is named.',
            hasValue ? null : 'No value inputs (business value, time criticality, risk reduction) are set.',
          ]
            .filter(Boolean)
            .join(' '),
        }
      : { check: 'valuable', ok: true, reason: 'It serves a segment and has value inputs.' },
    item.size == null
      ? { check: 'estimable', ok: false, reason: 'The team has not estimated it yet.' }
      : openSpikes.length
        ? { check: 'estimable', ok: false, reason: `An open spike blocks it: ${keys(openSpikes)}.` }
        : { check: 'estimable', ok: true, reason: `Estimated at ${item.size} points.` },
    item.size != null && item.size > ctx.splitThreshold
      ? {
          check: 'small',
          ok: false,
          reason: `${item.size} points is above the split threshold of ${ctx.splitThreshold}; split it.`,
        }
      : {
          check: 'small',
          ok: true,
          reason:
            item.size == null
              ? 'Not estimated yet, so not known to be too big.'
              : `Within the split threshold of ${ctx.splitThreshold}.`,
        },
    item.acceptanceCriteria.length
      ? {
          check: 'testable',
          ok: true,
          reason: `${item.acceptanceCriteria.length} acceptance ${item.acceptanceCriteria.length === 1 ? 'scenario' : 'scenarios'}.`,
        }
      : { check: 'testable', ok: false, reason: 'It has no acceptance criteria.' },
  ];
  return findings;
}

/**
 * Definition of Ready: the INVEST checks a product requires before an item may become `ready`.
 * Returns the failing findings among the required ones (empty = ready).
 */
export function readinessGaps(
  findings: readonly InvestFinding[],
  required: readonly InvestCheck[],
): InvestFinding[] {
  return findings.filter((f) => !f.ok && required.includes(f.check));
}
