import { DateTime } from 'luxon';
import { minutesOf, type SlaPolicy } from './policy.ts';

/**
 * Working time in a product's calendar. Local wall-clock times become instants through luxon
 * (the IANA database via Intl), so a working day that spans a DST change is as long as the clock
 * on the wall says: 09:00–17:00 is 8 hours of working time on either side of the change, and a
 * calendar-hours clock counts real elapsed hours. Days are cached: after the first item, finding
 * a window is an array lookup, which keeps 10,000 clocks well inside the bench's 100 ms.
 */
const DAY = 86_400_000;

export interface WorkCalendar {
  /** Working milliseconds in [from, to). */
  workingMs(from: number, to: number): number;
  /** The first instant at which `ms` working milliseconds have passed since `from` (ms ≥ 0). */
  addWorking(from: number, ms: number): number;
  /** Whether `at` lies in a working window (boundaries included). */
  isWorking(at: number): boolean;
}

const CALENDAR_HOURS: WorkCalendar = {
  workingMs: (from, to) => Math.max(0, to - from),
  addWorking: (from, ms) => from + ms,
  isWorking: () => true,
};

/** Calendar hours count every real hour; business hours only the working windows. */
export function calendarFor(policy: SlaPolicy, kind: 'business' | 'calendar'): WorkCalendar {
  return kind === 'calendar' ? CALENDAR_HOURS : businessCalendar(policy);
}

const cache = new WeakMap<SlaPolicy, WorkCalendar>();

export function businessCalendar(policy: SlaPolicy): WorkCalendar {
  const cached = cache.get(policy);
  if (cached) return cached;
  const cal = new BusinessDays(policy);
  cache.set(policy, cal);
  return cal;
}

// A calendar without a working day could never end a clock; the policy schema refuses one, and
// this bound (ten years of days) stops a loop should one slip through.
const MAX_DAYS = 3660;

/**
 * Local days in flat arrays from a base day on: midnight, the working window (NaN when off) and
 * the working time before each day (a prefix sum), so the working time between two instants is
 * two partial days and a subtraction, and the instant a budget runs out is a binary search.
 */
class BusinessDays implements WorkCalendar {
  private readonly zone: string;
  private readonly startMin: number;
  private readonly endMin: number;
  private readonly workingDays: Set<number>;
  private readonly holidays: Set<string>;
  private base = 0;
  private mid: number[] = [];
  private ws: number[] = [];
  private we: number[] = [];
  /** cum[i] = working ms of days base … base+i−1. */
  private cum: number[] = [0];

  constructor(policy: SlaPolicy) {
    this.zone = policy.timeZone;
    this.startMin = minutesOf(policy.workingHours.start);
    this.endMin = minutesOf(policy.workingHours.end);
    this.workingDays = new Set(policy.workingDays);
    this.holidays = new Set(policy.holidays);
  }

  private local(n: number, minutes: number): DateTime {
    const d = DateTime.fromMillis(n * DAY, { zone: 'UTC' });
    return DateTime.fromObject(
      { year: d.year, month: d.month, day: d.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
      { zone: this.zone },
    );
  }

  /** The facts of local day n: midnight, and the window (NaN when off). */
  private compute(n: number): [number, number, number] {
    const midnight = this.local(n, 0);
    const next = this.local(n + 1, 0);
    const m = midnight.toMillis();
    if (!this.workingDays.has(midnight.weekday) || this.holidays.has(midnight.toISODate() ?? ''))
      return [m, Number.NaN, Number.NaN];
    // The same UTC offset at both midnights: no DST change that day, so the wall clock is plain
    // arithmetic; on the two change days a year, luxon places the times.
    if (midnight.offset === next.offset) return [m, m + this.startMin * 60_000, m + this.endMin * 60_000];
    return [m, this.local(n, this.startMin).toMillis(), this.local(n, this.endMin).toMillis()];
  }

  /** Makes sure local day n is computed; returns its index. Extends forward, or back in chunks. */
  private ensure(n: number): number {
    if (this.mid.length === 0) this.base = n;
    if (n < this.base) {
      const from = Math.min(n, this.base - 64);
      const days = Array.from({ length: this.base - from }, (_, k) => this.compute(from + k));
      let sum = 0;
      const head = [0];
      for (const [, s, e] of days) {
        sum += Number.isNaN(s) ? 0 : e - s;
        head.push(sum);
      }
      this.cum = [...head, ...this.cum.slice(1).map((c) => c + sum)];
      this.mid = [...days.map((d) => d[0]), ...this.mid];
      this.ws = [...days.map((d) => d[1]), ...this.ws];
      this.we = [...days.map((d) => d[2]), ...this.we];
      this.base = from;
    }
    const i = n - this.base;
    while (this.mid.length <= i + 1) {
      const [m, s, e] = this.compute(this.base + this.mid.length);
      this.mid.push(m);
      this.ws.push(s);
      this.we.push(e);
      this.cum.push(this.cum[this.cum.length - 1]! + (Number.isNaN(s) ? 0 : e - s));
    }
    return i;
  }

  /** The index of the local day holding `at`. */
  private dayOf(at: number): number {
    let i = this.ensure(Math.floor(at / DAY));
    if (this.mid[i]! > at) i = this.ensure(this.base + i - 1);
    while (this.mid[i + 1]! <= at) i = this.ensure(this.base + i + 1);
    return i;
  }

  /** Working ms of day i before `at`. */
  private before(i: number, at: number): number {
    const s = this.ws[i]!;
    if (Number.isNaN(s)) return 0;
    return Math.max(0, Math.min(at, this.we[i]!) - s);
  }

  workingMs(from: number, to: number): number {
    if (to <= from) return 0;
    const a = this.dayOf(from);
    const b = this.dayOf(to);
    // Working time before `to` minus working time before `from`, both from the base day on.
    return this.cum[b]! + this.before(b, to) - (this.cum[a]! + this.before(a, from));
  }

  addWorking(from: number, ms: number): number {
    const a = this.dayOf(from);
    if (ms <= 0) return this.nextWorking(a, from);
    const target = this.cum[a]! + this.before(a, from) + ms;
    // The first day whose working time reaches the target.
    let hi = a;
    while (this.cum[hi + 1]! < target) {
      if (hi - a > MAX_DAYS) throw new Error('The SLA calendar has no working time in ten years');
      hi = this.ensure(this.base + hi + 1);
    }
    let lo = a;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.cum[m + 1]! < target) lo = m + 1;
      else hi = m;
    }
    // cum[lo] < target ≤ cum[lo + 1]: the budget runs out inside day lo's window.
    return this.ws[lo]! + (target - this.cum[lo]!);
  }

  /** The first working instant at or after `from` (day index a holds it). */
  private nextWorking(a: number, from: number): number {
    for (let i = a; i - a <= MAX_DAYS; i = this.ensure(this.base + i + 1)) {
      const s = this.ws[i]!;
      if (!Number.isNaN(s) && from <= this.we[i]!) return Math.max(from, s);
    }
    throw new Error('The SLA calendar has no working time in ten years');
  }

  isWorking(at: number): boolean {
    const i = this.dayOf(at);
    const s = this.ws[i]!;
    return !Number.isNaN(s) && at >= s && at <= this.we[i]!;
  }
}
