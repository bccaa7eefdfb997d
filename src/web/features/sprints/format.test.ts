import { describe, expect, it } from 'vitest';
import { day, isoDay, loadLevel, pct, pts, sprintDays, stability } from './format.ts';

describe('sprint display helpers', () => {
  it('formats points, halves and unknown sizes', () => {
    expect(pts(13)).toBe('13');
    expect(pts(0.5)).toBe('½');
    expect(pts(12.25)).toBe('12.3');
    expect(pts(null)).toBe('–');
  });

  it('formats ratios as whole percents', () => {
    expect(pct(0.857)).toBe('86%');
    expect(pct(null)).toBe('–');
    expect(pct(Number.POSITIVE_INFINITY)).toBe('–');
  });

  it('shows dates in UTC so a sprint day never shifts', () => {
    expect(day('2025-03-03')).toBe('3 Mar');
    expect(day('2025-03-03', true)).toBe('3 Mar 2025');
  });

  it('counts sprint days inclusively', () => {
    expect(sprintDays('2025-03-03', '2025-03-14')).toBe(12);
    expect(sprintDays('2025-03-03', '2025-03-03')).toBe(1);
    expect(sprintDays('2025-03-14', '2025-03-03')).toBe(0);
  });

  it('offsets today', () => {
    expect(isoDay(1, Date.parse('2025-03-03T12:00:00Z'))).toBe('2025-03-04');
  });

  it('grades load against the forecast', () => {
    expect(loadLevel(10, null)).toBe('unknown');
    expect(loadLevel(10, 20)).toBe('under');
    expect(loadLevel(18, 20)).toBe('full');
    // Exactly at the forecast is a full sprint, not a warning.
    expect(loadLevel(15, 15)).toBe('full');
    expect(loadLevel(15.5, 15)).toBe('over');
    expect(loadLevel(21, 20)).toBe('over');
  });

  it('names velocity stability by its coefficient of variation', () => {
    expect(stability(null)).toMatch(/Not enough/);
    expect(stability(0.1)).toBe('Stable');
    expect(stability(0.2)).toBe('Some swing');
    expect(stability(0.5)).toBe('Unstable');
  });
});
