import {
  checkInvest,
  INVEST_CHECKS,
  type InvestCheck,
  type InvestFacts,
  type InvestFinding,
  openBlockers,
  openSpikes,
} from './invest.ts';

/**
 * The Definition of Ready: the INVEST checks a product requires before an item may become `ready`
 * (and that sprint planning shows as "not ready" reasons). The one definition for the backlog and
 * sprints alike; a product without saved settings gets these defaults.
 */
export interface DefinitionOfReady {
  checks: readonly InvestCheck[];
  /** Points above which an item should be split (the `small` check). */
  splitThreshold: number;
}

export const DEFAULT_DEFINITION_OF_READY: DefinitionOfReady = {
  checks: INVEST_CHECKS,
  splitThreshold: 13,
};

/** The failing findings among the required ones (empty = ready). */
export function readinessGaps(
  findings: readonly InvestFinding[],
  required: readonly InvestCheck[],
): InvestFinding[] {
  return findings.filter((f) => !f.ok && required.includes(f.check));
}

export interface ReadinessReport {
  findings: InvestFinding[];
  gaps: InvestFinding[];
  /** One short reason per missing quality, for planning cards ("No acceptance criteria"). */
  reasons: string[];
}

/** Checks the item's facts against the product's Definition of Ready. */
export function checkReadiness(facts: InvestFacts, dor: DefinitionOfReady): ReadinessReport {
  const findings = checkInvest(facts, dor.splitThreshold);
  const gaps = readinessGaps(findings, dor.checks);
  return { findings, gaps, reasons: gaps.flatMap((g) => shortReasons(g.check, facts, dor)) };
}

const keys = (bs: ReadonlyArray<{ key: string }>) => bs.map((b) => b.key).join(', ');

function shortReasons(check: InvestCheck, f: InvestFacts, dor: DefinitionOfReady): string[] {
  switch (check) {
    case 'independent':
      return [`Blocked by ${keys(openBlockers(f.blockers))}`];
    case 'negotiable':
      return ['No problem statement'];
    case 'valuable':
      return [
        ...(f.segmentCount === 0 ? ['No customer segment'] : []),
        ...(f.hasValueInputs ? [] : ['No value inputs']),
      ];
    case 'estimable':
      return [
        f.size === null
          ? 'Needs an estimate from the team'
          : `Waiting for spike ${keys(openSpikes(f.blockers))} before it can be estimated`,
      ];
    case 'small':
      return [`Too big to finish in a sprint (${f.size} > ${dor.splitThreshold} points): split it`];
    case 'testable':
      return ['No acceptance criteria'];
  }
}
