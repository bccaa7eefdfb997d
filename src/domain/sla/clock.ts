import { CLOSED_STATUSES, type ItemStatus } from '#domain/backlog/item-rules.ts';
import { calendarFor, type WorkCalendar } from './calendar.ts';
import type { Severity, SlaPolicy } from './policy.ts';

/**
 * SLA clocks of a defect (issue 13): a pure function over (policy, severity, status history, now).
 *
 * - The **response** clock runs from the item's creation to its first response: the first time
 *   it leaves `new` or is marked waiting for the customer (the team has triaged it or asked the
 *   reporter). Comments do not count: anyone, stakeholders included, may comment.
 * - The **resolution** clock runs until the item is done, accepted or rejected; reopened, it runs
 *   on from where it stopped (the closed time does not count).
 * - Both pause while the item is in one of the policy's `pauseStatuses` ("waiting" is the
 *   waiting-for-customer flag), and count working time of the severity's calendar (business hours
 *   in the product's zone, or every hour for calendar clocks).
 * - While a clock runs its due time does not depend on `now`: it is where the budget ends if
 *   nothing changes, so a stored due time stays right until the item's next status event.
 */
export interface StatusPoint {
  /** Epoch milliseconds of the change. */
  at: number;
  status: ItemStatus;
  waiting: boolean;
}

export type ClockState = 'running' | 'paused' | 'stopped';
export interface Clock {
  state: ClockState;
  budgetMs: number;
  /** Working milliseconds counted up to now. */
  elapsedMs: number;
  /** budget − elapsed; negative once breached. */
  remainingMs: number;
  /** While running: the instant the budget runs out (past once breached); null when paused or stopped. */
  dueAt: number | null;
  /** While running and before it: the instant 75 % of the budget is used. */
  warnAt: number | null;
  /** When the budget ran out, if it has (a fact of the past, or `dueAt` once now passes it). */
  breachedAt: number | null;
  /** When the response was made / the item resolved (stopped clocks). */
  stoppedAt: number | null;
}

export interface SlaClocks {
  severity: Severity;
  response: Clock;
  resolution: Clock;
  /** A clock is paused now (waiting for the customer, or another pause status). */
  paused: boolean;
  /** A clock has run out by now. */
  breached: boolean;
  /** The earliest instant a clock ran out or will, if it keeps running; null when none will. */
  breachAt: number | null;
}

export const WARN_SHARE = 0.75;
const HOUR = 3_600_000;

type Mode = 'count' | 'pause' | 'stop';
type ModeOf = (p: StatusPoint, everStopped: boolean, pauses: ReadonlySet<string>) => Mode;

const pauseCache = new WeakMap<SlaPolicy, ReadonlySet<string>>();
function pausesOf(policy: SlaPolicy): ReadonlySet<string> {
  const known = pauseCache.get(policy);
  if (known) return known;
  const set = new Set<string>(policy.pauseStatuses);
  pauseCache.set(policy, set);
  return set;
}
const isPaused = (p: StatusPoint, pauses: ReadonlySet<string>) =>
  pauses.has(p.status) || (p.waiting && pauses.has('waiting'));
/** The first response: the item leaves `new`, or is marked waiting for the customer. */
const responseMode: ModeOf = (p, ever, pauses) =>
  ever || p.status !== 'new' || p.waiting ? 'stop' : isPaused(p, pauses) ? 'pause' : 'count';
const resolutionMode: ModeOf = (p, _ever, pauses) =>
  CLOSED_STATUSES.includes(p.status) ? 'stop' : isPaused(p, pauses) ? 'pause' : 'count';

function runClock(
  cal: WorkCalendar,
  budgetMs: number,
  history: readonly StatusPoint[],
  now: number,
  pauses: ReadonlySet<string>,
  modeOf: ModeOf,
): Clock {
  let elapsed = 0;
  let breachedAt: number | null = null;
  let stoppedAt: number | null = null;
  let stopped = false;
  let mode: Mode = 'count';
  let dueAt: number | null = null;
  let warnAt: number | null = null;
  for (let i = 0; i < history.length; i++) {
    const p = history[i]!;
    if (p.at > now) break;
    const next = history[i + 1];
    const end = next && next.at <= now ? next.at : now;
    const open = end === now; // the segment that is still going on
    mode = modeOf(p, stopped, pauses);
    if (mode === 'stop') {
      if (!stopped || stoppedAt === null) stoppedAt = p.at;
      stopped = true;
    } else stoppedAt = null;
    if (mode !== 'count') continue;
    const left = budgetMs - elapsed;
    if (breachedAt === null && left >= 0) {
      const due = cal.addWorking(p.at, left);
      if (due <= end) breachedAt = due;
      if (open) {
        dueAt = due;
        const warnLeft = budgetMs * WARN_SHARE - elapsed;
        warnAt = warnLeft >= 0 ? cal.addWorking(p.at, warnLeft) : null;
      }
    }
    elapsed += cal.workingMs(p.at, end);
    if (open && breachedAt !== null) dueAt = breachedAt;
  }
  const state: ClockState = mode === 'count' ? 'running' : mode === 'pause' ? 'paused' : 'stopped';
  if (state !== 'running') {
    dueAt = null;
    warnAt = null;
  }
  return {
    state,
    budgetMs,
    elapsedMs: elapsed,
    remainingMs: budgetMs - elapsed,
    dueAt,
    warnAt,
    breachedAt: breachedAt !== null && breachedAt <= now ? breachedAt : null,
    stoppedAt: state === 'stopped' ? stoppedAt : null,
  };
}

/**
 * The clocks of one defect. `history` holds the item's status (and waiting flag) from its
 * creation on, oldest first; its first point is the creation.
 */
export function slaClocks(
  policy: SlaPolicy,
  severity: Severity,
  history: readonly StatusPoint[],
  now: number,
): SlaClocks {
  const targets = policy.severities[severity];
  const cal = calendarFor(policy, targets.calendar);
  const pauses = pausesOf(policy);
  const response = runClock(cal, targets.responseHours * HOUR, history, now, pauses, responseMode);
  const resolution = runClock(cal, targets.resolutionHours * HOUR, history, now, pauses, resolutionMode);
  const breachOf = (c: Clock) => c.breachedAt ?? (c.state === 'running' ? c.dueAt : null);
  const candidates = [breachOf(response), breachOf(resolution)].filter((t): t is number => t !== null);
  const breachAt = candidates.length ? Math.min(...candidates) : null;
  return {
    severity,
    response,
    resolution,
    paused: response.state === 'paused' || resolution.state === 'paused',
    breached: response.breachedAt !== null || resolution.breachedAt !== null,
    breachAt,
  };
}
