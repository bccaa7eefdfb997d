import { describe, expect, it } from 'vitest';
import { canTransition, type ItemStatus } from '#domain/backlog/item-rules.ts';
import { ApiError } from '#web/lib/api.ts';
import { columnOf, refusalText, stepBackStatus } from './board-moves.ts';

describe('sprint board step backs', () => {
  it('asks only for moves the item rules allow, from every column one step back', () => {
    const backs: Array<[ItemStatus, 'todo' | 'doing']> = [
      ['in_progress', 'todo'],
      ['rejected', 'todo'],
      ['done', 'doing'],
    ];
    for (const [from, to] of backs) {
      const status = stepBackStatus(from, to) as ItemStatus;
      expect(canTransition(from, status), `${from} → ${status}`).toBe(true);
      expect(columnOf(status)).toBe(to);
    }
    // Two columns back is not a move of the rules: the server refuses it and says so.
    expect(canTransition('done', stepBackStatus('done', 'todo') as ItemStatus)).toBe(false);
    expect(stepBackStatus('in_progress', 'done')).toBeNull();
  });

  it('shows the rule’s own reason rather than a generic “please check”', () => {
    const err = new ApiError(400, 'validation_failed', 'Please check: status.', {
      status: 'An item cannot go from done to ready',
    });
    expect(refusalText(err)).toBe('An item cannot go from done to ready.');
    const notReady = new ApiError(422, 'not_ready', 'Not ready yet: no acceptance criteria.', {
      status: 'The Definition of Ready is not met',
    });
    expect(refusalText(notReady)).toBe(
      'Not ready yet: no acceptance criteria. The Definition of Ready is not met',
    );
  });
});
