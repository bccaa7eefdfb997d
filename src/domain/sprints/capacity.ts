/**
 * Team capacity for a sprint: either each member's availability in days, or a number of points
 * the team states directly.
 */
export type Capacity =
  | { unit: 'days'; members: Array<{ userId: string; days: number }> }
  | { unit: 'points'; points: number };

/** Person-days available, or null when capacity is stated in points or not at all. */
export function capacityDays(c: Capacity | null): number | null {
  if (!c) return null;
  return c.unit === 'days' ? c.members.reduce((s, m) => s + m.days, 0) : null;
}
