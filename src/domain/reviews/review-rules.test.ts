import { describe, expect, it } from 'vitest';
import { acceptsAnswers, linkState, sadFirst } from './review-rules.ts';

const now = new Date('2026-12-01T12:00:00Z');
const later = new Date('2026-12-02T12:00:00Z');
const earlier = new Date('2026-11-30T12:00:00Z');

describe('review rules', () => {
  it('takes answers while open and before closesAt', () => {
    expect(acceptsAnswers({ state: 'open', closesAt: null }, now)).toBe(true);
    expect(acceptsAnswers({ state: 'open', closesAt: later }, now)).toBe(true);
    expect(acceptsAnswers({ state: 'open', closesAt: earlier }, now)).toBe(false);
    expect(acceptsAnswers({ state: 'closed', closesAt: null }, now)).toBe(false);
  });

  it('a link works only for a stakeholder, before expiry, while the review is open', () => {
    const link = { state: 'open' as const, closesAt: null, expiresAt: later, stakeholder: true };
    expect(linkState(link, now)).toBe('valid');
    expect(linkState({ ...link, expiresAt: earlier }, now)).toBe('expired');
    expect(linkState({ ...link, expiresAt: now }, now)).toBe('expired');
    expect(linkState({ ...link, state: 'closed' }, now)).toBe('closed');
    expect(linkState({ ...link, stakeholder: false }, now)).toBe('not_stakeholder');
  });

  it('puts increments with sad faces first, most sad first, the rest in review order', () => {
    const row = (key: string, sad: number, responses = 10) => ({ key, happy: 0, neutral: 0, sad, responses });
    const order = sadFirst([row('A', 0), row('B', 1), row('C', 0), row('D', 3), row('E', 1, 2)]).map(
      (x) => x.key,
    );
    expect(order).toEqual(['D', 'E', 'B', 'A', 'C']);
  });
});
