/**
 * Where the effort goes (issue 11, seed 000 and seed 004's capacity allocation): points per
 * customer segment and per allocation category, per sprint and over a range, against targets.
 * Pure: every input is passed in, nothing is read from a clock.
 */

export const ALLOCATION_CATEGORIES = ['feature', 'enabler', 'defect', 'debt'] as const;
export type AllocationCategory = (typeof ALLOCATION_CATEGORIES)[number];

/** A segment's share is off target when it is more than this many percentage points from it. */
export const SEGMENT_TOLERANCE_POINTS = 10;
/** Shares are rounded to one decimal place (percent). */
const SHARE_DECIMALS = 1;

export interface AllocItem {
  id: string;
  category: AllocationCategory;
  segmentIds: string[];
  /** The PO's weights per segment (percent, summing to 100); absent: an even split. */
  segmentWeights?: Readonly<Record<string, number>> | null | undefined;
}

/**
 * How an item's points divide among the segments it serves (seed 004): evenly, unless the PO gave
 * weights, which count when every one of those segments has one (a segment added since the
 * weights were set brings the even split back). Fractions sum to 1; no segment → [].
 */
export function segmentParts(
  segmentIds: readonly string[],
  weights?: Readonly<Record<string, number>> | null,
): Array<{ segmentId: string; part: number }> {
  if (!segmentIds.length) return [];
  const given = weights ? segmentIds.map((id) => weights[id] ?? 0) : [];
  const sum = given.reduce((t, w) => t + w, 0);
  if (weights && given.every((w) => w > 0) && sum > 0)
    return segmentIds.map((segmentId, i) => ({ segmentId, part: (given[i] ?? 0) / sum }));
  return segmentIds.map((segmentId) => ({ segmentId, part: 1 / segmentIds.length }));
}

/** Weights as stored: positive, over distinct segments, scaled to sum to 100 (two decimals). */
export function normaliseWeights(weights: Readonly<Record<string, number>>): Record<string, number> {
  const entries = Object.entries(weights).sort(([a], [b]) => a.localeCompare(b));
  const sum = entries.reduce((t, [, w]) => t + w, 0);
  return Object.fromEntries(
    entries.map(([id, w]) => [id, Math.max(0.01, Math.round((w / sum) * 10_000) / 100)]),
  );
}
export interface AllocSegment {
  id: string;
  name: string;
  /** Percent, or null when the product set none. */
  targetShare: number | null;
}
export type CategoryRanges = Partial<Record<AllocationCategory, { min: number; max: number }>>;

/** Work counted for one sprint: items with the points they count for. */
export interface AllocSprint {
  id: string;
  name: string;
  completed: Array<{ itemId: string; points: number }>;
  planned: Array<{ itemId: string; points: number }>;
  justification: string | null;
}

export interface SegmentShare {
  /** Null: the items serving no segment ("unassigned"), shown like any segment. */
  segmentId: string | null;
  name: string;
  points: number;
  share: number;
  target: number | null;
  offTarget: boolean;
  itemCount: number;
  itemIds: string[];
}
export interface CategoryShare {
  category: AllocationCategory;
  points: number;
  share: number;
  min: number | null;
  max: number | null;
  offTarget: boolean;
  itemCount: number;
  itemIds: string[];
}
export interface Split {
  points: number;
  bySegment: SegmentShare[];
  byCategory: CategoryShare[];
  offTarget: boolean;
}
export interface SprintAllocation extends Split {
  sprintId: string;
  name: string;
  planned: Split;
  justification: string | null;
}
export interface Allocation {
  sprints: SprintAllocation[];
  overall: Split;
  planned: Split;
}

const round = (n: number, d = SHARE_DECIMALS) => Math.round(n * 10 ** d) / 10 ** d;
const UNASSIGNED = 'Unassigned';

/**
 * Splits points by segment and category. An item serving several segments gives each an even part
 * of its points, or the part the PO weighted (seed 004); an item serving none counts to "unassigned". Share = points / total × 100.
 */
export function split(
  work: ReadonlyArray<{ itemId: string; points: number }>,
  items: ReadonlyMap<string, AllocItem>,
  segments: readonly AllocSegment[],
  ranges: CategoryRanges,
): Split {
  const seg = new Map<string | null, { points: number; itemIds: Set<string> }>();
  for (const s of segments) seg.set(s.id, { points: 0, itemIds: new Set() });
  seg.set(null, { points: 0, itemIds: new Set() });
  const cat = new Map<AllocationCategory, { points: number; itemIds: Set<string> }>(
    ALLOCATION_CATEGORIES.map((c) => [c, { points: 0, itemIds: new Set() }]),
  );
  const add = (segmentId: string | null, points: number, itemId: string) => {
    const s = seg.get(segmentId);
    if (!s) return;
    s.points += points;
    s.itemIds.add(itemId);
  };
  let total = 0;
  for (const w of work) {
    const item = items.get(w.itemId);
    if (!item) continue;
    total += w.points;
    const c = cat.get(item.category);
    if (c) {
      c.points += w.points;
      c.itemIds.add(item.id);
    }
    const known = item.segmentIds.filter((id) => seg.has(id));
    if (!known.length) add(null, w.points, item.id);
    // Most items carry no weights: the even split without building the parts.
    else if (!item.segmentWeights) for (const id of known) add(id, w.points / known.length, item.id);
    else
      for (const p of segmentParts(known, item.segmentWeights)) add(p.segmentId, w.points * p.part, item.id);
  }
  const share = (p: number) => (total > 0 ? round((p / total) * 100) : 0);
  const bySegment: SegmentShare[] = [...segments, { id: null, name: UNASSIGNED, targetShare: null }].map(
    (s) => {
      const e = seg.get(s.id) ?? { points: 0, itemIds: new Set<string>() };
      const sh = share(e.points);
      // The unassigned share has no target of its own: it is shown, not judged.
      const target = s.targetShare;
      return {
        segmentId: s.id,
        name: s.name,
        points: round(e.points, 2),
        share: sh,
        target,
        offTarget: total > 0 && target !== null && Math.abs(sh - target) > SEGMENT_TOLERANCE_POINTS,
        itemCount: e.itemIds.size,
        itemIds: [...e.itemIds],
      };
    },
  );
  const byCategory: CategoryShare[] = ALLOCATION_CATEGORIES.map((c) => {
    const e = cat.get(c) ?? { points: 0, itemIds: new Set<string>() };
    const sh = share(e.points);
    const r = ranges[c];
    return {
      category: c,
      points: round(e.points, 2),
      share: sh,
      min: r?.min ?? null,
      max: r?.max ?? null,
      offTarget: total > 0 && r !== undefined && (sh < r.min || sh > r.max),
      itemCount: e.itemIds.size,
      itemIds: [...e.itemIds],
    };
  });
  return {
    points: round(total, 2),
    bySegment,
    byCategory,
    offTarget: bySegment.some((s) => s.offTarget) || byCategory.some((c) => c.offTarget),
  };
}

/** Per sprint (in the order given), over all of them (completed work), and for the open backlog. */
export function allocation(input: {
  sprints: readonly AllocSprint[];
  items: readonly AllocItem[];
  segments: readonly AllocSegment[];
  ranges: CategoryRanges;
  /** The open backlog: what planning would pull from next. */
  backlog: ReadonlyArray<{ itemId: string; points: number }>;
}): Allocation {
  const items = new Map(input.items.map((i) => [i.id, i]));
  const run = (work: ReadonlyArray<{ itemId: string; points: number }>) =>
    split(work, items, input.segments, input.ranges);
  return {
    sprints: input.sprints.map((s) => ({
      sprintId: s.id,
      name: s.name,
      ...run(s.completed),
      planned: run(s.planned),
      justification: s.justification,
    })),
    overall: run(input.sprints.flatMap((s) => s.completed)),
    planned: run(input.backlog),
  };
}

/** Category ranges must be 0 ≤ min ≤ max ≤ 100; returns a message per bad category. */
export function checkRanges(ranges: CategoryRanges): Record<string, string> {
  const bad: Record<string, string> = {};
  for (const [c, r] of Object.entries(ranges)) {
    if (!r) continue;
    if (r.min < 0 || r.max > 100 || r.min > r.max) bad[`categories.${c}`] = 'Needs 0 ≤ min ≤ max ≤ 100';
  }
  return bad;
}
