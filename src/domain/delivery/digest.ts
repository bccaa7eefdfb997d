import { DateTime } from 'luxon';
import { isTimeZone } from '#domain/time-zone.ts';

/**
 * The daily digest's calendar, pure. A person's digest covers their local day (in their IANA
 * time zone, UTC until they choose one) and is sent by the first digest run after their local
 * midnight. Local midnights become instants through luxon, so a DST day is as long as the wall
 * clock says (23 or 25 hours), and a midnight that does not exist (a zone that springs forward at
 * 00:00) is the first minute that does.
 */

/** UTC minutes past each hour at which the digest runs: every zone's offset is a multiple of 15
 * minutes, so each person's digest goes out at 00:05 their time, once the day's last notices had
 * five minutes to commit. */
export const DIGEST_RUN_MINUTES = [5, 20, 35, 50] as const;
const SLOT = 15 * 60_000;
const SLOT_OFFSET = DIGEST_RUN_MINUTES[0] * 60_000;

/** The zone to compute in: the person's when the runtime knows it, else UTC. */
export const zoneOrUtc = (zone: string | null | undefined): string =>
  zone && isTimeZone(zone) ? zone : 'UTC';

export interface LocalDay {
  /** The local date, YYYY-MM-DD: the digest's key and title. */
  day: string;
  /** The instants the local day starts and ends ([start, end)). */
  start: Date;
  end: Date;
}

/** The local day `at` falls in, in `zone`. */
export function localDayOf(at: Date, zone: string): LocalDay {
  const start = DateTime.fromJSDate(at, { zone: zoneOrUtc(zone) }).startOf('day');
  return {
    day: start.toISODate()!,
    start: start.toJSDate(),
    end: start.plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/**
 * The local day a digest run at `now` closes: the last one that ended, i.e. yesterday there.
 * The run gathers every held notice from before its `end` (not only since its `start`), so a
 * notice whose day was already digested — written in the last moments before a midnight, or
 * from hours a change of zone handed back — goes into this digest rather than being lost.
 */
export function closedDay(now: Date, zone: string): LocalDay {
  const today = localDayOf(now, zone);
  return localDayOf(new Date(today.start.getTime() - 1), zone);
}

/** The first digest run at or after `at`. */
export const digestRunAtOrAfter = (at: Date): Date =>
  new Date(Math.ceil((at.getTime() - SLOT_OFFSET) / SLOT) * SLOT + SLOT_OFFSET);

/** When the person's next digest goes out (if it has anything to gather): after their next local
 * midnight, or after the last one when its run is still to come. */
export function nextDigestAt(now: Date, zone: string): Date {
  const today = localDayOf(now, zone);
  const run = digestRunAtOrAfter(today.start);
  return run > now ? run : digestRunAtOrAfter(today.end);
}

/** The held notices a run at `now` gathers for a person in `zone`: those from before the end of
 * the day it closes, oldest first. */
export function dueForDigest<T extends { createdAt: Date }>(
  held: readonly T[],
  now: Date,
  zone: string,
): T[] {
  const { end } = closedDay(now, zone);
  return held.filter((h) => h.createdAt < end).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
