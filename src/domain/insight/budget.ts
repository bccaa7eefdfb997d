/**
 * Budget against value (issue 11, seed 000: "the whole budget is almost spent"): burn over sprints
 * against the value delivered per segment. Pure: sprints and items are passed in.
 */
import { SEGMENT_TOLERANCE_POINTS, segmentParts } from './allocation.ts';

export type BudgetUnit = 'money' | 'points';
export interface BudgetSettings {
  total: number;
  unit: BudgetUnit;
  /** Spent per started sprint; null with points: a sprint spends the points it completed. */
  costPerSprint: number | null;
}
/** The warning appears once this share of the budget (percent) is spent. */
export const BUDGET_WARN_SPENT = 50;

export interface BudgetSprint {
  id: string;
  name: string;
  endDate: string;
  completedPoints: number;
  /** Accepted items: their cost of delay (business value + time criticality + risk reduction). */
  accepted: Array<{
    itemId: string;
    costOfDelay: number;
    segmentIds: string[];
    segmentWeights?: Readonly<Record<string, number>> | null | undefined;
  }>;
}
export interface ReviewTally {
  itemId: string;
  happy: number;
  neutral: number;
  sad: number;
  ratingSum: number;
  ratings: number;
}
export interface BudgetSegment {
  id: string;
  name: string;
  targetShare: number | null;
}

export interface SegmentValue {
  segmentId: string | null;
  name: string;
  value: number;
  share: number;
  target: number | null;
  /** Customer review answers on the accepted items serving the segment. */
  reviews: { answers: number; happy: number; neutral: number; sad: number; meanRating: number | null };
  itemIds: string[];
}
export interface BudgetReport {
  budget: BudgetSettings;
  spent: number;
  spentShare: number;
  burn: Array<{
    sprintId: string;
    name: string;
    endDate: string;
    spent: number;
    cumulative: number;
    value: number;
    cumulativeValue: number;
    /** Each segment's share (percent) of the value delivered up to this sprint. */
    shareToDate: Array<{ segmentId: string | null; share: number }>;
  }>;
  value: { total: number; bySegment: SegmentValue[] };
  warning: string | null;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Spent = Σ cost per sprint over the sprints given (points without a cost: the points completed). */
export function budgetReport(input: {
  budget: BudgetSettings;
  sprints: readonly BudgetSprint[];
  segments: readonly BudgetSegment[];
  reviews: readonly ReviewTally[];
}): BudgetReport {
  const { budget } = input;
  const bySeg = new Map<string | null, { value: number; items: Set<string> }>();
  for (const s of input.segments) bySeg.set(s.id, { value: 0, items: new Set() });
  bySeg.set(null, { value: 0, items: new Set() });
  let cumulative = 0;
  let cumulativeValue = 0;
  const burn = input.sprints.map((s) => {
    const spent = budget.costPerSprint ?? (budget.unit === 'points' ? s.completedPoints : 0);
    cumulative += spent;
    let value = 0;
    for (const a of s.accepted) {
      value += a.costOfDelay;
      const known = a.segmentIds.filter((id) => bySeg.has(id));
      const parts = known.length ? segmentParts(known, a.segmentWeights) : [{ segmentId: null, part: 1 }];
      for (const { segmentId, part } of parts) {
        const e = bySeg.get(segmentId);
        if (!e) continue;
        e.value += a.costOfDelay * part;
        e.items.add(a.itemId);
      }
    }
    cumulativeValue += value;
    const shareToDate = [...bySeg].map(([segmentId, e]) => ({
      segmentId,
      share: cumulativeValue > 0 ? r1((e.value / cumulativeValue) * 100) : 0,
    }));
    return {
      sprintId: s.id,
      name: s.name,
      endDate: s.endDate,
      spent,
      cumulative,
      value,
      cumulativeValue,
      shareToDate,
    };
  });
  const reviews = new Map(input.reviews.map((t) => [t.itemId, t]));
  const total = cumulativeValue;
  const bySegment: SegmentValue[] = [
    ...input.segments,
    { id: null, name: 'Unassigned', targetShare: null },
  ].map((s) => {
    const e = bySeg.get(s.id) ?? { value: 0, items: new Set<string>() };
    const rv = { answers: 0, happy: 0, neutral: 0, sad: 0, ratingSum: 0, ratings: 0 };
    for (const id of e.items) {
      const t = reviews.get(id);
      if (!t) continue;
      rv.happy += t.happy;
      rv.neutral += t.neutral;
      rv.sad += t.sad;
      rv.answers += t.happy + t.neutral + t.sad;
      rv.ratingSum += t.ratingSum;
      rv.ratings += t.ratings;
    }
    return {
      segmentId: s.id,
      name: s.name,
      value: r1(e.value),
      share: total > 0 ? r1((e.value / total) * 100) : 0,
      target: s.targetShare,
      reviews: {
        answers: rv.answers,
        happy: rv.happy,
        neutral: rv.neutral,
        sad: rv.sad,
        meanRating: rv.ratings ? r1(rv.ratingSum / rv.ratings) : null,
      },
      itemIds: [...e.items],
    };
  });
  const spentShare = budget.total > 0 ? Math.round((cumulative / budget.total) * 100) : 0;
  return {
    budget,
    spent: r1(cumulative),
    spentShare,
    burn,
    value: { total: r1(total), bySegment },
    warning: budgetWarning(spentShare, bySegment),
  };
}

/**
 * "82 % of the budget spent; 21 % of the delivered value went to VIP members (target 60 %)": once
 * BUDGET_WARN_SPENT is reached, names the segment furthest below its target (beyond the tolerance).
 */
export function budgetWarning(
  spentShare: number,
  segments: ReadonlyArray<Pick<SegmentValue, 'name' | 'share' | 'target'>>,
): string | null {
  if (spentShare < BUDGET_WARN_SPENT) return null;
  let worst: { name: string; share: number; target: number } | null = null;
  for (const s of segments) {
    if (s.target === null) continue;
    const gap = s.target - s.share;
    if (gap <= SEGMENT_TOLERANCE_POINTS) continue;
    if (!worst || gap > worst.target - worst.share)
      worst = { name: s.name, share: s.share, target: s.target };
  }
  if (!worst) return null;
  return `${spentShare} % of the budget spent; ${Math.round(worst.share)} % of the delivered value went to ${worst.name} (target ${worst.target} %)`;
}
