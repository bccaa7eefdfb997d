import { describe, expect, it } from 'vitest';
import { breakEven, debtLedger } from './debt.ts';

const now = new Date('2026-12-01T00:00:00Z');
const weeksAgo = (w: number) => new Date(now.getTime() - w * 7 * 86_400_000);

describe('debt ledger', () => {
  it('break-even = fix ÷ weekly: 12–16 h at 4 h/week is 3–4 weeks', () => {
    expect(breakEven({ fixHours: { min: 12, max: 16 }, weeklyHours: 4 })).toEqual({ min: 3, max: 4 });
    expect(breakEven({ fixHours: { min: 12, max: 16 }, weeklyHours: 0 })).toBeNull();
  });

  it('orders by payback, sums the weekly drag and the hours lost so far (hand-built fixture)', () => {
    const ledger = debtLedger(
      [
        {
          itemId: 'a',
          key: 'LP-2',
          title: 'Slow build',
          status: 'new',
          createdAt: weeksAgo(2),
          cost: { fixHours: { min: 40, max: 60 }, weeklyHours: 2 },
        },
        {
          itemId: 'b',
          key: 'LP-9',
          title: 'Copy-paste',
          status: 'new',
          createdAt: weeksAgo(10),
          cost: { fixHours: { min: 12, max: 16 }, weeklyHours: 4 },
        },
        { itemId: 'c', key: 'LP-3', title: 'Unknown', status: 'ready', createdAt: weeksAgo(1), cost: null },
      ],
      now,
    );
    expect(ledger.items.map((r) => r.key)).toEqual(['LP-9', 'LP-2', 'LP-3']);
    expect(ledger.items[0]).toMatchObject({
      breakEvenWeeks: { min: 3, max: 4 },
      ageWeeks: 10,
      lostSoFarHours: 40,
    });
    expect(ledger.items[1]).toMatchObject({ breakEvenWeeks: { min: 20, max: 30 }, lostSoFarHours: 4 });
    expect(ledger.items[2]).toMatchObject({ breakEvenWeeks: null, lostSoFarHours: null, fixHours: null });
    expect(ledger.weeklyDragHours).toBe(6);
    expect(ledger.unstated).toBe(1);
  });
});

describe('workaround repayments on the ledger (issue 13)', () => {
  it('shows which workaround a debt item repays, and counts those past their due day', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    const base = { status: 'new', createdAt: new Date('2026-11-01T00:00:00Z'), cost: null };
    const ledger = debtLedger(
      [
        {
          ...base,
          itemId: 'a',
          key: 'N-1',
          title: 'Late',
          repays: { workaroundKey: 'N-9', dueDate: '2026-12-09' },
        },
        {
          ...base,
          itemId: 'b',
          key: 'N-2',
          title: 'Due today',
          repays: { workaroundKey: 'N-9', dueDate: '2026-12-10' },
        },
        { ...base, itemId: 'c', key: 'N-3', title: 'Plain debt' },
      ],
      now,
    );
    const row = (k: string) => ledger.items.find((i) => i.key === k)!;
    expect(row('N-1').repays).toEqual({ workaroundKey: 'N-9', dueDate: '2026-12-09', overdue: true });
    expect(row('N-2').repays?.overdue).toBe(false);
    expect(row('N-3').repays).toBeNull();
    expect(ledger.overdueRepayments).toBe(1);
  });
});
