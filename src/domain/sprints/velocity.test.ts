import { describe, expect, it } from 'vitest';
import { sayDoRatio, velocityCv } from './velocity.ts';

describe('say/do ratio', () => {
  it('is completed ÷ committed (24 of 30 points → 0.8)', () => {
    expect(sayDoRatio(30, 24)).toBe(0.8);
    expect(sayDoRatio(21, 21)).toBe(1);
    expect(sayDoRatio(13, 15)).toBe(1.154);
  });
  it('says nothing when nothing was committed', () => {
    expect(sayDoRatio(0, 5)).toBeNull();
  });
});

describe('velocity coefficient of variation', () => {
  it('matches the hand computation for 20, 25, 30, 25, 20', () => {
    // mean 24; squared deviations 16+1+36+1+16 = 70; variance 14; sd 3.7417; cv 0.1559
    expect(velocityCv([20, 25, 30, 25, 20])).toBe(0.156);
  });
  it('looks only at the last five sprints', () => {
    expect(velocityCv([100, 20, 25, 30, 25, 20])).toBe(0.156);
  });
  it('is 0 for a perfectly stable team and null with one sprint or a zero mean', () => {
    expect(velocityCv([21, 21, 21])).toBe(0);
    expect(velocityCv([21])).toBeNull();
    expect(velocityCv([0, 0])).toBeNull();
  });
  it('grows with erratic delivery (10, 40 → 0.6)', () => {
    // mean 25; sd 15; cv 0.6
    expect(velocityCv([10, 40])).toBe(0.6);
  });
});
