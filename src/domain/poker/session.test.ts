import { describe, expect, it } from 'vitest';
import { cardsFor, pointsOf } from './scales.ts';
import { agree, castVote, type PokerState, publicState, reveal, revote, selectItem } from './session.ts';
import { voteSpread } from './spread.ts';

const start = (): PokerState => ({
  status: 'voting',
  cards: cardsFor('fibonacci'),
  itemIds: ['i1', 'i2'],
  currentItemId: 'i1',
  round: 1,
  rounds: {},
  votes: [],
  results: [],
});

describe('planning poker session', () => {
  it('hides values before reveal but shows who has voted', () => {
    let s = castVote(start(), 'ann', '5');
    s = castVote(s, 'bob', '13');
    const view = publicState(s);
    expect(view.voted).toEqual(['ann', 'bob']);
    expect(view.votes).toBeNull();
    expect(view.spread).toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/"13"|"5"/);
    const shown = publicState(reveal(s));
    expect(shown.votes).toEqual([
      { userId: 'ann', value: '5' },
      { userId: 'bob', value: '13' },
    ]);
    expect(shown.spread).toMatchObject({ min: '5', max: '13', consensus: false });
  });

  it('lets a voter change their card, refuses cards outside the deck and votes after reveal', () => {
    const s = castVote(castVote(start(), 'ann', '5'), 'ann', '8');
    expect(s.votes).toEqual([{ userId: 'ann', value: '8' }]);
    expect(() => castVote(s, 'ann', '7')).toThrow(/not a card/);
    expect(() => castVote(reveal(s), 'bob', '3')).toThrow(/not open/);
  });

  it('re-votes in a fresh round and agrees a value, moving to the next item then closing', () => {
    const r1 = reveal(castVote(start(), 'ann', '3'));
    const r2 = revote(r1);
    expect(r2).toMatchObject({ status: 'voting', round: 2, votes: [] });
    const { state, result } = agree(reveal(castVote(r2, 'ann', '½')), '½');
    expect(result).toEqual({ itemId: 'i1', value: '½', points: 0.5 });
    expect(state).toMatchObject({ status: 'voting', currentItemId: 'i2' });
    const done = agree(reveal(castVote(state, 'ann', '8')), '8').state;
    expect(done.status).toBe('closed');
    expect(done.results.map((x) => x.points)).toEqual([0.5, 8]);
    expect(() => agree(reveal(castVote(start(), 'ann', '?')), '?')).toThrow(/points/);
    expect(() => selectItem(start(), 'other')).toThrow();
  });
});

describe('rounds count per item', () => {
  it('starts every item at round 1, however many rounds the one before took', () => {
    const twice = revote(reveal(castVote(start(), 'ann', '3')));
    expect(twice.round).toBe(2);
    const { state } = agree(reveal(castVote(twice, 'ann', '5')), '5');
    expect(state).toMatchObject({ currentItemId: 'i2', round: 1 });
    expect(publicState(state).rounds).toEqual({ i1: 2, i2: 1 });
  });

  it('carries on an item’s count when the facilitator comes back to it', () => {
    const s = revote(reveal(castVote(start(), 'ann', '3'))); // i1 in round 2
    const onI2 = selectItem(castVote(s, 'ann', '8'), 'i2');
    expect(onI2).toMatchObject({ currentItemId: 'i2', round: 1, votes: [] });
    const back = selectItem(onI2, 'i1');
    expect(back).toMatchObject({ currentItemId: 'i1', round: 3 });
    // i2 was opened but nobody voted: that round did not happen, so it reopens as round 1.
    expect(selectItem(back, 'i2').round).toBe(1);
  });

  it('keeps values hidden in the per-item counts', () => {
    const view = publicState(castVote(castVote(start(), 'ann', '13'), 'bob', '5'));
    expect(view.rounds).toEqual({ i1: 1 });
    expect(JSON.stringify(view)).not.toMatch(/"13"|"5"/);
  });
});

describe('scales and spread', () => {
  it('maps cards to points', () => {
    expect(cardsFor('fibonacci')).toEqual([
      '0',
      '½',
      '1',
      '2',
      '3',
      '5',
      '8',
      '13',
      '20',
      '40',
      '100',
      '?',
      '☕',
    ]);
    expect(pointsOf('½')).toBe(0.5);
    expect(pointsOf('XL')).toBe(8);
    expect(pointsOf('☕')).toBeNull();
    expect(pointsOf('?')).toBeNull();
  });
  it('finds consensus, extremes and the most played card (ties to the larger)', () => {
    const deck = cardsFor('fibonacci');
    expect(voteSpread(deck, ['5', '5', '5'])).toMatchObject({ consensus: true, suggested: '5' });
    const s = voteSpread(deck, ['3', '5', '5', '13', '?', '3']);
    expect(s).toMatchObject({ min: '3', max: '13', consensus: false, suggested: '5' });
    expect(s.distribution).toEqual([
      { card: '3', count: 2 },
      { card: '5', count: 2 },
      { card: '13', count: 1 },
      { card: '?', count: 1 },
    ]);
    expect(voteSpread(deck, ['?', '?']).consensus).toBe(false);
  });
});
