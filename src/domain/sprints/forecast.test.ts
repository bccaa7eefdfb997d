import { describe, expect, it } from 'vitest';
import type { Capacity } from './capacity.ts';
import { forecastPoints, isOverForecast } from './forecast.ts';

const days = (n: number): Capacity => ({ unit: 'days', members: [{ userId: 'a', days: n }] });
const past = (completed: number[], d = 10) =>
  completed.map((c) => ({ completedPoints: c, capacity: days(d) }));

describe('forecast', () => {
  it('is the median of the last five sprints scaled by capacity', () => {
    // last five: 30 20 25 22 28 → median 25; 8 of usual 10 person-days → ×0.8 = 20
    const f = forecastPoints(past([10, 30, 20, 25, 22, 28]), days(8));
    expect(f).toMatchObject({ points: 20, medianVelocity: 25, capacityFactor: 0.8, sprintsUsed: 5 });
  });
  it('uses three sprints when only three exist (even count uses the middle pair)', () => {
    expect(forecastPoints(past([12, 18, 15]), days(10)).points).toBe(15);
    expect(forecastPoints(past([12, 18, 15, 20]), days(10)).points).toBe(16.5);
  });
  it('gives no forecast with fewer than three closed sprints, and says why', () => {
    const f = forecastPoints(past([12, 18]), days(10));
    expect(f.points).toBeNull();
    expect(f.note).toMatch(/at least 3/);
  });
  it('caps at capacity stated in points', () => {
    expect(forecastPoints(past([25, 25, 25]), { unit: 'points', points: 18 }).points).toBe(18);
    expect(forecastPoints(past([25, 25, 25]), { unit: 'points', points: 40 }).points).toBe(25);
  });
  it('flags a load above the forecast only', () => {
    const f = forecastPoints(past([20, 20, 20]), days(10));
    expect(isOverForecast(21, f)).toBe(true);
    expect(isOverForecast(20, f)).toBe(false);
    expect(isOverForecast(99, forecastPoints([], days(10)))).toBe(false);
  });
});
