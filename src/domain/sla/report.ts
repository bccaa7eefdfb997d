import type { Clock, SlaClocks } from './clock.ts';
import type { Severity } from './policy.ts';

/**
 * SLA attainment per severity and month (issue 13): a clock counts in the month it ended — the
 * response made, the defect resolved — or, if it ran out first, the month it ran out (a miss is
 * known then, resolved or not). Met = ended within its budget. Months in UTC.
 */
export interface ReportInput {
  itemId: string;
  clocks: SlaClocks;
}
export interface AttainmentRow {
  month: string;
  severity: Severity;
  clock: 'response' | 'resolution';
  met: number;
  missed: number;
  attainment: number;
  missedItemIds: string[];
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** When and how a clock settled, or null while it still runs within budget (or is paused within it). */
function settled(c: Clock): { at: number; met: boolean } | null {
  if (c.breachedAt !== null) return { at: c.breachedAt, met: false };
  if (c.state === 'stopped' && c.stoppedAt !== null) return { at: c.stoppedAt, met: true };
  return null;
}

export function attainment(inputs: readonly ReportInput[]): AttainmentRow[] {
  const rows = new Map<string, AttainmentRow>();
  for (const { itemId, clocks } of inputs) {
    for (const clock of ['response', 'resolution'] as const) {
      const s = settled(clocks[clock]);
      if (!s) continue;
      const month = monthOf(s.at);
      const key = `${month}|${clocks.severity}|${clock}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          month,
          severity: clocks.severity,
          clock,
          met: 0,
          missed: 0,
          attainment: 0,
          missedItemIds: [],
        };
        rows.set(key, row);
      }
      if (s.met) row.met++;
      else {
        row.missed++;
        row.missedItemIds.push(itemId);
      }
    }
  }
  return [...rows.values()]
    .map((r) => ({ ...r, attainment: r.met / (r.met + r.missed) }))
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        a.severity.localeCompare(b.severity) ||
        a.clock.localeCompare(b.clock),
    );
}
