import type { TrustSignalView } from '#contracts/trust.ts';

/** A signal's figure in words: "25 %", "2", "0.20 (20 %)"; "—" when there is nothing to measure. */
export function formatValue(s: Pick<TrustSignalView, 'value' | 'unit'>): string {
  if (s.value === null) return '—';
  if (s.unit === 'percent') return `${s.value} %`;
  if (s.unit === 'ratio') return `CV ${Math.round(s.value * 100)} %`;
  return String(s.value);
}

/** "▲ 12 vs previous" / "▼ 5 vs previous" / "no change" / "no earlier figure". */
export function formatTrend(trend: number | null): string {
  if (trend === null) return 'no earlier figure';
  if (trend === 0) return 'no change';
  return `${trend > 0 ? '▲' : '▼'} ${Math.abs(trend)} vs previous window`;
}

/** The browser date inputs' YYYY-MM-DD, moved by whole days (UTC). */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const shortDay = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '—';
