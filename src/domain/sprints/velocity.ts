import { mean, round } from './stats.ts';

/** How many recent closed sprints the stability figure looks at. */
export const VELOCITY_WINDOW = 5;

/**
 * Say/do ratio = completed points ÷ committed points (points/points, 1 = delivered what was
 * committed). Null when nothing was committed: a ratio of 0/0 says nothing.
 */
export function sayDoRatio(committedPoints: number, completedPoints: number): number | null {
  if (committedPoints <= 0) return null;
  return round(completedPoints / committedPoints, 3);
}

/**
 * Velocity coefficient of variation = population standard deviation ÷ mean of the completed
 * points of the last sprints (unitless; 0 = perfectly stable, above ~0.3 is hard to plan with).
 * Needs at least two sprints; null when the mean is 0.
 */
export function velocityCv(completed: readonly number[], window = VELOCITY_WINDOW): number | null {
  const recent = completed.slice(-window);
  if (recent.length < 2) return null;
  const m = mean(recent)!;
  if (m === 0) return null;
  const variance = recent.reduce((s, v) => s + (v - m) ** 2, 0) / recent.length;
  return round(Math.sqrt(variance) / m, 3);
}
