import { describe, expect, it } from 'vitest';
import { checkResolution, repaymentState, repaymentTitle } from './workaround.ts';

describe('resolving by a workaround', () => {
  it('refuses a workaround without a repayment, naming repayment', () => {
    expect(checkResolution('workaround', undefined)?.fields).toEqual({
      repayment: expect.stringMatching(/needs a repayment item/),
    });
  });
  it('refuses a repayment without a due sprint or date, or without a title', () => {
    expect(checkResolution('workaround', { title: 'Replace it' })?.fields?.repayment).toMatch(
      /due sprint or a due date/,
    );
    expect(checkResolution('workaround', { title: '  ', dueDate: '2026-12-10' })?.fields).toHaveProperty([
      'repayment.title',
    ]);
  });
  it('accepts a repayment due by a date or in a sprint', () => {
    expect(checkResolution('workaround', { title: 'Replace it', dueDate: '2026-12-10' })).toBeNull();
    expect(checkResolution('workaround', { title: 'Replace it', dueSprintId: 's13' })).toBeNull();
  });
  it('a fix carries no repayment', () => {
    expect(checkResolution('fixed', undefined)).toBeNull();
    expect(checkResolution('fixed', { title: 'x', dueDate: '2026-12-10' })?.fields).toHaveProperty(
      'repayment',
    );
  });
  it('prefills the repayment title from the workaround', () => {
    expect(repaymentTitle('push-queue')).toBe('Replace the push-queue workaround with the agreed fix');
  });
});

describe('repayment state', () => {
  const now = new Date('2026-12-10T12:00:00Z');
  it('is open through the whole due day, overdue after it', () => {
    expect(repaymentState('new', '2026-12-10', now)).toBe('open');
    expect(repaymentState('new', '2026-12-09', now)).toBe('overdue');
    expect(repaymentState('in_progress', null, now)).toBe('open');
  });
  it('is repaid once the repayment item is done or accepted, whatever the date', () => {
    expect(repaymentState('done', '2026-12-01', now)).toBe('repaid');
    expect(repaymentState('accepted', '2026-12-01', now)).toBe('repaid');
    expect(repaymentState('rejected', '2026-12-01', now)).toBe('overdue');
  });
});
