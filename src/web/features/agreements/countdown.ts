/** "2 days 4 h left", "35 min left", "closed": the comment period's countdown (pure; now passed in). */
export function timeLeft(untilIso: string, now: Date): string {
  const ms = new Date(untilIso).getTime() - now.getTime();
  if (!Number.isFinite(ms) || ms <= 0) return 'closed';
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${Math.max(min, 1)} min left`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ${min % 60} min left`;
  const d = Math.floor(h / 24);
  return `${d} ${d === 1 ? 'day' : 'days'} ${h % 24} h left`;
}
