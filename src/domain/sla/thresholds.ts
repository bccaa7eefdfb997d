import type { Clock, SlaClocks } from './clock.ts';

/**
 * The moments an SLA warning is due (issue 13): 75 % of a clock's time used, and its breach.
 * Each is keyed by the due time it belongs to — the "generation" of the plan: a clock re-planned
 * after a pause has a new due time, so its warnings are new, while a retried job finds the same key.
 */
export interface Threshold {
  clock: 'response' | 'resolution';
  kind: 'warning' | 'breach';
  at: number;
  /** The due time this threshold belongs to. */
  dueAt: number;
}

function of(name: Threshold['clock'], c: Clock): Threshold[] {
  if (c.state === 'stopped') return [];
  const out: Threshold[] = [];
  const due = c.breachedAt ?? c.dueAt;
  if (due === null) return out;
  if (c.state === 'running' && c.warnAt !== null)
    out.push({ clock: name, kind: 'warning', at: c.warnAt, dueAt: due });
  out.push({ clock: name, kind: 'breach', at: due, dueAt: due });
  return out;
}

/** Every threshold of an open defect's clocks, soonest first. */
export function thresholds(clocks: SlaClocks): Threshold[] {
  return [...of('response', clocks.response), ...of('resolution', clocks.resolution)].sort(
    (a, b) => a.at - b.at,
  );
}

/** What is due now: thresholds passed (a warning only while its breach is still ahead). */
export function dueNow(clocks: SlaClocks, now: number): Threshold[] {
  const all = thresholds(clocks).filter((t) => t.at <= now);
  return all.filter(
    (t) => t.kind === 'breach' || !all.some((b) => b.kind === 'breach' && b.clock === t.clock),
  );
}

/** When the timer should next wake: the next threshold after now, or null when none is ahead. */
export function nextWake(clocks: SlaClocks, now: number): number | null {
  return thresholds(clocks).find((t) => t.at > now)?.at ?? null;
}

export const thresholdKey = (itemId: string, t: Threshold) =>
  `sla:${itemId}:${t.clock}:${t.kind}:${new Date(t.dueAt).toISOString()}`;
