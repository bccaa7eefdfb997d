import { CLOSED_STATUSES, type ItemStatus, type ItemType } from '#domain/backlog/item-rules.ts';
import { type AppError, invalid } from '#domain/errors.ts';
import { type SlaClocks, type StatusPoint, slaClocks } from './clock.ts';
import type { Severity, SlaPolicy } from './policy.ts';

/**
 * The item aggregate's SLA rules (called from decideItem): only defects carry a severity, and
 * finished work does not wait for the customer.
 */
export function checkSlaFields(
  change: { severity?: Severity | null | undefined; waiting?: boolean | undefined },
  next: { type: ItemType; status: ItemStatus; severity?: Severity | null | undefined },
): AppError | null {
  if (change.severity && next.type !== 'defect')
    return invalid({ severity: 'Only defects carry a severity (S1–S4)' });
  if (change.waiting && CLOSED_STATUSES.includes(next.status))
    return invalid({ waiting: 'Finished work is not waiting for the customer' });
  return null;
}

/** A status event as read from the log: the fields it changed, null for the others. */
export interface LoggedStatus {
  at: number;
  status: ItemStatus | null;
  waiting: boolean | null;
  /** The status before the change (the log keeps it), to know where an imported item started. */
  beforeStatus: ItemStatus | null;
  /** The item's creation event (its status and waiting are the starting state). */
  created: boolean;
}

/**
 * The item's status over time from its logged changes: the creation, then each change with the
 * fields it did not change carried on. An item whose creation is not logged (imported) starts in
 * the status its first logged change left, or in its current status.
 */
export function statusHistory(
  createdAt: number,
  current: { status: ItemStatus; waiting: boolean },
  logged: readonly LoggedStatus[],
): StatusPoint[] {
  const first = logged[0];
  let state: { status: ItemStatus; waiting: boolean } = first?.created
    ? { status: first.status ?? 'new', waiting: first.waiting ?? false }
    : { status: logged.find((l) => l.beforeStatus)?.beforeStatus ?? current.status, waiting: false };
  // The log is the truth for times: a creation event (or an earlier change) that the log dates
  // before the row's created_at wins (imports and seeding may date the log).
  const start = first?.created ? first.at : Math.min(createdAt, first?.at ?? createdAt);
  const points: StatusPoint[] = [{ at: start, ...state }];
  for (const l of logged) {
    if (l.created) continue;
    state = { status: l.status ?? state.status, waiting: l.waiting ?? state.waiting };
    const last = points[points.length - 1]!;
    if (l.at <= last.at) points[points.length - 1] = { ...state, at: last.at };
    else points.push({ at: l.at, ...state });
  }
  return points;
}

/** The maintained SLA columns of one item now: null fields and `applies: false` when no SLA applies. */
export interface ItemSlaColumns {
  applies: boolean;
  responseDueAt: number | null;
  resolutionDueAt: number | null;
  paused: boolean;
  breachAt: number | null;
  clocks: SlaClocks | null;
}

export const NO_SLA: ItemSlaColumns = {
  applies: false,
  responseDueAt: null,
  resolutionDueAt: null,
  paused: false,
  breachAt: null,
  clocks: null,
};

/** A defect with a severity under a product policy has clocks; anything else has none. */
export function itemSla(
  policy: SlaPolicy | null,
  item: { type: ItemType; severity: Severity | null },
  history: readonly StatusPoint[],
  now: number,
): ItemSlaColumns {
  if (!policy || item.type !== 'defect' || !item.severity) return NO_SLA;
  const clocks = slaClocks(policy, item.severity, history, now);
  return {
    applies: true,
    responseDueAt: clocks.response.dueAt,
    resolutionDueAt: clocks.resolution.dueAt,
    paused: clocks.paused,
    breachAt: clocks.breachAt,
    clocks,
  };
}
