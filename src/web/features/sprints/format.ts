/** Small display helpers shared by the sprint and poker screens (pure, unit-tested). */
import { STATUS_LABELS as ITEM_STATUS_LABELS } from '#web/features/backlog/labels.ts';

/** 13 → "13", 0.5 → "½", 12.25 → "12.3"; null → "–" (not estimated). */
export function pts(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  if (n === 0.5) return '½';
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** 0.857 → "86%"; null → "–". */
export function pct(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${Math.round(ratio * 100)}%`;
}

/** "2025-03-03" → "3 Mar"; with the year when `year` is set. UTC, so a date never shifts a day. */
export function day(iso: string, year = false): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(year ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** "3 Mar, 14:05" in the viewer's zone: when a scope change happened. */
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Whole days from `from` to `to` inclusive of both ends (a 1-day sprint starts and ends the same day). */
export function sprintDays(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  return Math.round((b - a) / 86_400_000) + 1;
}

/** Today as YYYY-MM-DD in UTC, plus `offset` days. */
export function isoDay(offset = 0, now = Date.now()): string {
  return new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Load against forecast: 'under' (< 85%), 'full' (85–100%: a full sprint, still within the forecast),
 * 'over' (> 100%, the only level that warns), 'unknown' without history.
 */
export function loadLevel(load: number, forecast: number | null): 'under' | 'full' | 'over' | 'unknown' {
  if (forecast === null || forecast <= 0) return 'unknown';
  const r = load / forecast;
  if (r > 1) return 'over';
  return r >= 0.85 ? 'full' : 'under';
}

/** Stability of velocity from its coefficient of variation (stdev ÷ mean): ≤ 15% steady, ≤ 30% some swing. */
export function stability(cv: number | null): string {
  if (cv === null) return 'Not enough closed sprints yet';
  if (cv <= 0.15) return 'Stable';
  if (cv <= 0.3) return 'Some swing';
  return 'Unstable';
}

/** The backlog's status names, looked up by the plain strings the sprint contracts carry. */
export const STATUS_LABELS: Readonly<Record<string, string>> = ITEM_STATUS_LABELS;

export const CHANGE_LABELS: Record<string, string> = {
  added: 'Added',
  removed: 'Removed',
  resized: 'Re-sized',
  carried_in: 'Carried in',
};
