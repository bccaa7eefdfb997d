import { type Capacity, capacityDays } from './capacity.ts';
import { median, round } from './stats.ts';

export const FORECAST_MIN_SPRINTS = 3;
export const FORECAST_MAX_SPRINTS = 5;

export interface PastSprint {
  completedPoints: number;
  capacity: Capacity | null;
}

export interface Forecast {
  /** Points the team can expect to finish, or null with too little history. */
  points: number | null;
  /** Median completed points of the sprints used (points per sprint). */
  medianVelocity: number | null;
  /** This sprint's person-days ÷ the median person-days of the sprints used; 1 when not comparable. */
  capacityFactor: number;
  sprintsUsed: number;
  /** Why there is no forecast, when there is none. */
  note: string | null;
}

/**
 * Forecast = median completed points of the last 3–5 closed sprints (oldest first in `history`)
 * × capacity factor (this sprint's person-days ÷ median person-days of those sprints). Capacity
 * stated in points caps the forecast at that number instead; no stated capacity leaves it unscaled.
 */
export function forecastPoints(history: readonly PastSprint[], capacity: Capacity | null): Forecast {
  const used = history.slice(-FORECAST_MAX_SPRINTS);
  if (used.length < FORECAST_MIN_SPRINTS) {
    return {
      points: null,
      medianVelocity: median(used.map((s) => s.completedPoints)),
      capacityFactor: 1,
      sprintsUsed: used.length,
      note: `A forecast needs at least ${FORECAST_MIN_SPRINTS} closed sprints; this team has ${used.length}.`,
    };
  }
  const velocity = median(used.map((s) => s.completedPoints))!;
  let factor = 1;
  const days = capacityDays(capacity);
  const pastDays = used.map((s) => capacityDays(s.capacity));
  if (days !== null && pastDays.every((d): d is number => d !== null && d > 0)) {
    factor = days / median(pastDays)!;
  }
  let points = velocity * factor;
  if (capacity?.unit === 'points') points = Math.min(points, capacity.points);
  return {
    points: round(points, 1),
    medianVelocity: velocity,
    capacityFactor: round(factor, 3),
    sprintsUsed: used.length,
    note: null,
  };
}

/** Committing more than the forecast needs the team's explicit confirmation (seed 003). */
export function isOverForecast(loadPoints: number, forecast: Forecast): boolean {
  return forecast.points !== null && loadPoints > forecast.points;
}
