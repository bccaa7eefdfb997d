/**
 * The debt ledger (issue 11, seed 001): what a piece of technical debt costs to fix, what it costs
 * every week it stays, and when fixing it pays for itself. Pure: the items and today come in.
 *
 *   break-even (weeks) = fix hours ÷ weekly hours  (min from the low fix estimate, max from the high)
 *   lost so far (hours) = weekly hours × age in weeks (since the item was created)
 *   weekly drag (hours) = Σ weekly hours of the open debt
 * Ordered by payback: the shortest break-even first (the cheapest fix per hour saved).
 */

export interface DebtCost {
  fixHours: { min: number; max: number };
  weeklyHours: number;
}

export interface DebtInput {
  itemId: string;
  key: string;
  title: string;
  status: string;
  createdAt: Date;
  cost: DebtCost | null;
  /** When the item repays a workaround (issue 13): which one, and its due day (YYYY-MM-DD). */
  repays?: { workaroundKey: string; dueDate: string | null } | null;
}

export interface DebtRow {
  itemId: string;
  key: string;
  title: string;
  status: string;
  fixHours: { min: number; max: number } | null;
  weeklyHours: number | null;
  /** Null when the cost is not stated or nothing is lost weekly. */
  breakEvenWeeks: { min: number; max: number } | null;
  ageWeeks: number;
  lostSoFarHours: number | null;
  /** The workaround this item repays, its due day, and whether that day has passed (issue 13). */
  repays: { workaroundKey: string; dueDate: string | null; overdue: boolean } | null;
}

export interface DebtLedger {
  items: DebtRow[];
  weeklyDragHours: number;
  /** Debt items whose cost nobody stated yet. */
  unstated: number;
  /** Open workaround repayments past their due day. */
  overdueRepayments: number;
}

import { repaymentState } from '#domain/decisions/workaround.ts';

const WEEK_MS = 7 * 86_400_000;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** Weeks until fixing pays for itself; null when nothing is lost per week. */
export function breakEven(cost: DebtCost): { min: number; max: number } | null {
  if (cost.weeklyHours <= 0) return null;
  return {
    min: round(cost.fixHours.min / cost.weeklyHours),
    max: round(cost.fixHours.max / cost.weeklyHours),
  };
}

/** Fix-cost range sanity (the route and the aggregate share it): names each bad field. */
export function debtCostProblems(cost: DebtCost): Record<string, string> {
  const out: Record<string, string> = {};
  if (cost.fixHours.min > cost.fixHours.max)
    out['fixHours.min'] = 'The low estimate cannot exceed the high one';
  return out;
}

export function debtLedger(inputs: readonly DebtInput[], now: Date): DebtLedger {
  const items: DebtRow[] = inputs.map((d) => {
    const ageWeeks = round(Math.max(0, now.getTime() - d.createdAt.getTime()) / WEEK_MS);
    return {
      itemId: d.itemId,
      key: d.key,
      title: d.title,
      status: d.status,
      fixHours: d.cost?.fixHours ?? null,
      weeklyHours: d.cost?.weeklyHours ?? null,
      breakEvenWeeks: d.cost ? breakEven(d.cost) : null,
      ageWeeks,
      lostSoFarHours: d.cost ? round(d.cost.weeklyHours * ageWeeks) : null,
      repays: d.repays
        ? {
            ...d.repays,
            // Open items only reach the ledger, so a passed due day means unpaid (workaround.ts).
            overdue: d.repays.dueDate !== null && repaymentState('new', d.repays.dueDate, now) === 'overdue',
          }
        : null,
    };
  });
  const pay = (r: DebtRow) => r.breakEvenWeeks?.min ?? Infinity;
  items.sort(
    (a, b) =>
      pay(a) - pay(b) ||
      (a.breakEvenWeeks?.max ?? Infinity) - (b.breakEvenWeeks?.max ?? Infinity) ||
      (b.weeklyHours ?? 0) - (a.weeklyHours ?? 0) ||
      a.key.localeCompare(b.key, undefined, { numeric: true }),
  );
  return {
    items,
    weeklyDragHours: round(inputs.reduce((s, d) => s + (d.cost?.weeklyHours ?? 0), 0)),
    unstated: inputs.filter((d) => !d.cost).length,
    overdueRepayments: items.filter((r) => r.repays?.overdue).length,
  };
}
