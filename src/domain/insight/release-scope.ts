/**
 * Release scope by value per effort (issue 11, seed 001: "80 % of the value in 50 % of the time").
 * Pure: the candidates, their values and the capacity come in; the chosen scope comes out.
 *
 * - Release-critical items are always in, with everything that blocks them.
 * - An item comes only with what blocks it (`blocks` links among the candidates).
 * - Without dependencies the choice is exact by dynamic programming over integer points
 *   (sizes scaled to integers by SIZE_SCALES); with dependencies by branch and bound, which
 *   stops after BNB_NODE_LIMIT nodes and then reports the proven gap to its upper bound. The
 *   solvers themselves are in scope-solvers.ts.
 */

import { type BnbNode, branchAndBound, density, knapsack, knapsackTable } from './scope-solvers.ts';

export const SCOPE_OBJECTIVES = ['costOfDelay', 'votes', 'blend'] as const;
export type ScopeObjective = (typeof SCOPE_OBJECTIVES)[number];

/** Blend = BLEND_WEIGHT_COD × cost of delay ÷ the largest cost of delay + (1 − it) × votes ÷ the most votes, × 100. */
export const BLEND_WEIGHT_COD = 0.5;
/** The share of the total value the curve marks ("80 % of the value"). */
export const CURVE_MARK_SHARE = 0.8;
/** Sizes are multiplied by the first of these that makes them all integers (0.5-point items → ×2). */
export const SIZE_SCALES = [1, 2, 4, 10, 100] as const;

export interface ScopeCandidate {
  id: string;
  key: string;
  title: string;
  /** Story points; null = not estimated (left out with a note). */
  size: number | null;
  /** Business value + time criticality + risk reduction (the parts that are set). */
  costOfDelay: number;
  /** Release vote points the item received. */
  votes: number;
  releaseCritical: boolean;
  /** Ids of candidates that block this one (`blocks` links into it). */
  blockedBy: readonly string[];
}

export interface CurvePoint {
  size: number;
  value: number;
  itemId: string | null;
  key: string | null;
}

export interface ScopeItem {
  itemId: string;
  key: string;
  title: string;
  size: number | null;
  value: number;
  releaseCritical: boolean;
  chosen: boolean;
  /** Why it is in or out, in a few words. */
  reason: string;
}

export interface ScopeResult {
  itemIds: string[];
  totalValue: number;
  totalSize: number;
  capacity: number;
  /** False when the release-critical items alone do not fit the capacity. */
  feasible: boolean;
  optimal: boolean;
  /** Upper bound − total value (0 when optimal): the value the answer may at most be missing. */
  gap: number;
  upperBound: number;
  method: 'dp' | 'branch-and-bound';
  curve: CurvePoint[];
  /** The first curve point reaching CURVE_MARK_SHARE of the value. */
  mark: { size: number; value: number; sizeShare: number; valueShare: number } | null;
  items: ScopeItem[];
  notes: string[];
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** The value of each candidate under the objective (costOfDelay, votes, or the blend). */
export function objectiveValues(
  cands: readonly ScopeCandidate[],
  objective: ScopeObjective,
): Map<string, number> {
  const maxCod = Math.max(0, ...cands.map((c) => c.costOfDelay));
  const maxVotes = Math.max(0, ...cands.map((c) => c.votes));
  const out = new Map<string, number>();
  for (const c of cands) {
    let v: number;
    if (objective === 'costOfDelay') v = c.costOfDelay;
    else if (objective === 'votes') v = c.votes;
    else {
      const cod = maxCod > 0 ? c.costOfDelay / maxCod : 0;
      const votes = maxVotes > 0 ? c.votes / maxVotes : 0;
      v = round(100 * (BLEND_WEIGHT_COD * cod + (1 - BLEND_WEIGHT_COD) * votes));
    }
    out.set(c.id, v);
  }
  return out;
}

function scaleOf(sizes: readonly number[]): number {
  for (const k of SIZE_SCALES) if (sizes.every((s) => Math.abs(s * k - Math.round(s * k)) < 1e-9)) return k;
  return SIZE_SCALES[SIZE_SCALES.length - 1]!;
}

/** Cumulative value against cumulative size in value-per-size order (WSJF for cost of delay). */
export function valueCurve(items: ReadonlyArray<{ id: string; key: string; size: number; value: number }>): {
  curve: CurvePoint[];
  mark: ScopeResult['mark'];
} {
  const ordered = [...items].sort(
    (a, b) => density(b) - density(a) || b.value - a.value || a.key.localeCompare(b.key),
  );
  const curve: CurvePoint[] = [{ size: 0, value: 0, itemId: null, key: null }];
  let size = 0;
  let value = 0;
  for (const it of ordered) {
    size += it.size;
    value += it.value;
    curve.push({ size: round(size), value: round(value), itemId: it.id, key: it.key });
  }
  if (value <= 0) return { curve, mark: null };
  const hit = curve.find((p) => p.value >= CURVE_MARK_SHARE * value - 1e-9)!;
  return {
    curve,
    mark: {
      size: hit.size,
      value: hit.value,
      sizeShare: size > 0 ? round(hit.size / size, 3) : 0,
      valueShare: round(hit.value / value, 3),
    },
  };
}

/** Every candidate reachable through `next` from `start` (start included). */
function reach(start: string, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    for (const o of next(stack.pop()!)) {
      if (!seen.has(o)) {
        seen.add(o);
        stack.push(o);
      }
    }
  }
  return seen;
}

/** Chooses the release scope. `capacity` in points. */
export function chooseScope(
  candidates: readonly ScopeCandidate[],
  capacity: number,
  objective: ScopeObjective,
  opts: { nodeLimit?: number } = {},
): ScopeResult {
  const notes: string[] = [];
  const values = objectiveValues(candidates, objective);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const blockersOf = (id: string) => (byId.get(id)?.blockedBy ?? []).filter((b) => byId.has(b) && b !== id);
  const dependentsOf = new Map<string, string[]>();
  for (const c of candidates)
    for (const b of blockersOf(c.id)) dependentsOf.set(b, [...(dependentsOf.get(b) ?? []), c.id]);

  // Unsized items cannot be weighed: out, and so is everything that needs them.
  const excluded = new Map<string, string>();
  for (const c of candidates) {
    if (c.size !== null) continue;
    excluded.set(c.id, 'not estimated');
    for (const d of reach(c.id, (id) => dependentsOf.get(id) ?? []))
      if (d !== c.id && !excluded.has(d)) excluded.set(d, `blocked by ${c.key}, which is not estimated`);
  }
  const unsized = candidates.filter((c) => c.size === null);
  if (unsized.length)
    notes.push(
      `${unsized.length} candidate${unsized.length === 1 ? ' is' : 's are'} not estimated and left out: ${unsized.map((c) => c.key).join(', ')}. Ask the team to size ${unsized.length === 1 ? 'it' : 'them'}.`,
    );
  const blockedOut = [...excluded.entries()].filter(([id]) => byId.get(id)!.size !== null);
  if (blockedOut.length)
    notes.push(
      `Also left out, because what blocks them is not estimated: ${blockedOut.map(([id]) => byId.get(id)!.key).join(', ')}.`,
    );

  const usable = candidates.filter((c) => !excluded.has(c.id));
  const sizeOf = (id: string) => byId.get(id)!.size ?? 0;
  const valueAt = (id: string) => values.get(id) ?? 0;

  // Release-critical items and their blockers are in, whatever they cost.
  const forced = new Set<string>();
  for (const c of usable) if (c.releaseCritical) for (const b of reach(c.id, blockersOf)) forced.add(b);
  const critUnsized = candidates.filter((c) => c.releaseCritical && excluded.has(c.id));
  if (critUnsized.length)
    notes.push(
      `Release-critical but not schedulable until estimated: ${critUnsized.map((c) => c.key).join(', ')}.`,
    );
  const forcedSize = [...forced].reduce((s, id) => s + sizeOf(id), 0);
  const forcedValue = [...forced].reduce((s, id) => s + valueAt(id), 0);
  const feasible = forcedSize <= capacity + 1e-9;
  if (!feasible)
    notes.push(
      `The release-critical items (with what blocks them) need ${round(forcedSize)} points, more than the capacity of ${round(capacity)}: nothing else fits. Raise the capacity, move the date, or question what is release-critical.`,
    );
  const room = Math.max(0, capacity - forcedSize);

  const free = usable.filter((c) => !forced.has(c.id));
  const hasDeps = free.some((c) => blockersOf(c.id).some((b) => !forced.has(b)));
  let chosenFree: string[] = [];
  let upper = 0;
  let optimal = true;
  let method: ScopeResult['method'] = 'dp';
  if (!hasDeps) {
    const k = scaleOf(free.map((c) => c.size!));
    const picked = knapsack(
      free.map((c) => Math.round(c.size! * k)),
      free.map((c) => valueAt(c.id)),
      Math.floor(room * k + 1e-9),
    );
    chosenFree = picked.map((i) => free[i]!.id);
    upper = chosenFree.reduce((s, id) => s + valueAt(id), 0);
  } else {
    method = 'branch-and-bound';
    const freeIds = new Set(free.map((c) => c.id));
    const linkedTo = (id: string) =>
      blockersOf(id).some((b) => freeIds.has(b)) || (dependentsOf.get(id) ?? []).some((d) => freeIds.has(d));
    // Items with no link among the free ones are solved exactly by DP for whatever room is left.
    const linked = free.filter((c) => linkedTo(c.id));
    const alone = free.filter((c) => !linkedTo(c.id));
    const k = scaleOf(free.map((c) => c.size!));
    const table = knapsackTable(
      alone.map((c) => Math.round(c.size! * k)),
      alone.map((c) => valueAt(c.id)),
      Math.floor(room * k + 1e-9),
    );
    const complete = (r: number) =>
      table.best[Math.max(0, Math.min(table.best.length - 1, Math.floor(r * k + 1e-9)))]!;
    const index = new Map(linked.map((c, i) => [c.id, i]));
    const freeBlockers = (id: string) => blockersOf(id).filter((b) => index.has(b));
    const freeDependents = (id: string) => (dependentsOf.get(id) ?? []).filter((d) => index.has(d));
    const nodes: BnbNode[] = linked.map((c) => ({
      size: c.size!,
      value: valueAt(c.id),
      closure: [...reach(c.id, freeBlockers)].map((id) => index.get(id)!),
      dependents: [...reach(c.id, freeDependents)].filter((id) => id !== c.id).map((id) => index.get(id)!),
    }));
    const r = branchAndBound(nodes, room, opts.nodeLimit, {
      items: alone.map((c) => ({ size: c.size!, value: valueAt(c.id) })),
      complete,
    });
    chosenFree = [
      ...r.chosen.map((i) => linked[i]!.id),
      ...table.choose(Math.floor(r.room * k + 1e-9)).map((i) => alone[i]!.id),
    ];
    upper = r.upperBound;
    optimal = r.optimal;
    if (!optimal)
      notes.push(
        `The search stopped before proving this the best scope: at most ${round(r.upperBound - r.value)} value points may be missing.`,
      );
  }

  const chosen = new Set([...forced, ...chosenFree]);
  const totalValue = round(forcedValue + chosenFree.reduce((s, id) => s + valueAt(id), 0));
  const totalSize = round([...chosen].reduce((s, id) => s + sizeOf(id), 0));
  const upperBound = round(forcedValue + upper);

  const needers = (id: string) =>
    (dependentsOf.get(id) ?? []).filter((d) => chosen.has(d)).map((d) => byId.get(d)!.key);
  const items: ScopeItem[] = candidates.map((c) => {
    const isIn = chosen.has(c.id);
    let reason: string;
    if (excluded.has(c.id)) reason = excluded.get(c.id)!;
    else if (isIn && c.releaseCritical) reason = 'release-critical';
    else if (isIn && forced.has(c.id)) reason = `blocks release-critical ${needers(c.id).join(', ')}`;
    else if (isIn && needers(c.id).length && valueAt(c.id) === 0)
      reason = `blocks ${needers(c.id).join(', ')}`;
    else if (isIn) reason = 'best value for the capacity';
    else if ((c.size ?? 0) > room) reason = 'larger than the room left';
    else reason = 'less value per point than what fits';
    return {
      itemId: c.id,
      key: c.key,
      title: c.title,
      size: c.size,
      value: valueAt(c.id),
      releaseCritical: c.releaseCritical,
      chosen: isIn,
      reason,
    };
  });

  const { curve, mark } = valueCurve(
    usable.map((c) => ({ id: c.id, key: c.key, size: c.size!, value: valueAt(c.id) })),
  );
  return {
    itemIds: candidates.filter((c) => chosen.has(c.id)).map((c) => c.id),
    totalValue,
    totalSize,
    capacity: round(capacity),
    feasible,
    optimal,
    gap: round(Math.max(0, upperBound - totalValue)),
    upperBound,
    method,
    curve,
    mark,
    items,
    notes,
  };
}

/** Capacity from the forecast: points per sprint × whole sprints left until the target date. */
export function capacityUntil(
  velocityPerSprint: number | null,
  sprintLengthDays: number | null,
  today: string,
  targetDate: string | null,
): { capacity: number | null; sprints: number | null; note: string | null } {
  if (!targetDate)
    return { capacity: null, sprints: null, note: 'The release has no target date: state a capacity.' };
  if (velocityPerSprint === null || !sprintLengthDays)
    return {
      capacity: null,
      sprints: null,
      note: 'Too little sprint history for a velocity: state a capacity.',
    };
  const days = (Date.parse(`${targetDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  const sprints = Math.max(0, Math.floor(days / sprintLengthDays));
  return {
    capacity: round(velocityPerSprint * sprints, 1),
    sprints,
    note: `Capacity = ${round(velocityPerSprint, 1)} points per sprint (median of recent sprints) × ${sprints} sprint${sprints === 1 ? '' : 's'} of ${sprintLengthDays} days until ${targetDate}.`,
  };
}
