/** One point of the burn-up chart: total scope and completed points at the end of `date`. */
export interface BurnUpPoint {
  date: string;
  scope: number;
  done: number;
}

export interface ScopeStep {
  at: Date;
  /** Points added (positive) or removed (negative) from the sprint scope. */
  delta: number;
}

export interface Completion {
  at: Date;
  points: number;
}

const DAY = 86_400_000;

/** YYYY-MM-DD of a date in UTC. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Burn-up series, one point per calendar day from start to end (inclusive, UTC): scope starts at
 * the committed points and steps by each recorded change; done accumulates completed points.
 * Days after `today` are left out, so an active sprint's chart stops at today.
 */
export function burnUp(input: {
  startDate: string;
  endDate: string;
  committedPoints: number;
  scopeSteps: readonly ScopeStep[];
  completions: readonly Completion[];
  today: Date;
}): BurnUpPoint[] {
  const start = Date.parse(`${input.startDate}T00:00:00Z`);
  const end = Math.min(
    Date.parse(`${input.endDate}T00:00:00Z`),
    Date.parse(`${isoDay(input.today)}T00:00:00Z`),
  );
  const out: BurnUpPoint[] = [];
  for (let t = start; t <= end; t += DAY) {
    const dayEnd = t + DAY;
    const scope =
      input.committedPoints +
      input.scopeSteps.filter((s) => s.at.getTime() < dayEnd).reduce((sum, s) => sum + s.delta, 0);
    const done = input.completions
      .filter((c) => c.at.getTime() < dayEnd)
      .reduce((sum, c) => sum + c.points, 0);
    out.push({ date: isoDay(new Date(t)), scope, done });
  }
  return out;
}
