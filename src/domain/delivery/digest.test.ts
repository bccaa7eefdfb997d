import { describe, expect, it } from 'vitest';
import {
  closedDay,
  DIGEST_RUN_MINUTES,
  digestRunAtOrAfter,
  dueForDigest,
  localDayOf,
  nextDigestAt,
  zoneOrUtc,
} from './digest.ts';

const at = (iso: string) => new Date(iso);
const hours = (d: { start: Date; end: Date }) => (d.end.getTime() - d.start.getTime()) / 3_600_000;

describe('the local day', () => {
  it('is cut at the person’s midnight, not at UTC’s', () => {
    const berlin = localDayOf(at('2026-05-12T22:30:00Z'), 'Europe/Berlin');
    expect(berlin).toEqual({
      day: '2026-05-13',
      start: at('2026-05-12T22:00:00Z'),
      end: at('2026-05-13T22:00:00Z'),
    });
    expect(localDayOf(at('2026-05-12T22:30:00Z'), 'America/Los_Angeles').day).toBe('2026-05-12');
    expect(localDayOf(at('2026-05-12T22:30:00Z'), 'Australia/Sydney').day).toBe('2026-05-13');
    expect(localDayOf(at('2026-05-12T22:30:00Z'), 'UTC').day).toBe('2026-05-12');
  });

  it('lasts 23 hours on the spring DST change and 25 on the autumn one (Berlin, Sydney)', () => {
    const spring = localDayOf(at('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect(spring).toEqual({
      day: '2026-03-29',
      start: at('2026-03-28T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
    });
    expect(hours(spring)).toBe(23);
    const autumn = localDayOf(at('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect(autumn).toEqual({
      day: '2026-10-25',
      start: at('2026-10-24T22:00:00Z'),
      end: at('2026-10-25T23:00:00Z'),
    });
    expect(hours(autumn)).toBe(25);
    // The southern hemisphere falls back in April and springs forward in October.
    expect(hours(localDayOf(at('2026-04-05T12:00:00Z'), 'Australia/Sydney'))).toBe(25);
    expect(hours(localDayOf(at('2026-10-04T12:00:00Z'), 'Australia/Sydney'))).toBe(23);
    // The days either side are 24 hours.
    expect(hours(localDayOf(at('2026-03-28T12:00:00Z'), 'Europe/Berlin'))).toBe(24);
    expect(hours(localDayOf(at('2026-03-30T12:00:00Z'), 'Europe/Berlin'))).toBe(24);
  });

  it('starts at the first minute that exists where clocks skip midnight itself (Havana)', () => {
    // Cuba springs forward at 00:00: 8 March 2026 begins at 01:00 CDT (05:00 UTC).
    const d = localDayOf(at('2026-03-08T12:00:00Z'), 'America/Havana');
    expect(d).toEqual({
      day: '2026-03-08',
      start: at('2026-03-08T05:00:00Z'),
      end: at('2026-03-09T04:00:00Z'),
    });
    expect(closedDay(at('2026-03-08T05:05:00Z'), 'America/Havana').day).toBe('2026-03-07');
  });

  it('an unknown or missing zone counts as UTC', () => {
    expect(zoneOrUtc(null)).toBe('UTC');
    expect(zoneOrUtc('Mars/Olympus_Mons')).toBe('UTC');
    expect(zoneOrUtc('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(localDayOf(at('2026-05-12T23:30:00Z'), 'Mars/Olympus_Mons').day).toBe('2026-05-12');
  });
});

describe('when the digest goes out', () => {
  it('runs at 00:05 local time in zones a whole hour, half or three quarters off UTC', () => {
    expect(DIGEST_RUN_MINUTES).toEqual([5, 20, 35, 50]);
    const local = (d: Date, zone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(d);
    const now = at('2026-05-12T10:00:00Z');
    for (const zone of ['Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'])
      expect(local(nextDigestAt(now, zone), zone), zone).toBe('00:05');
    expect(nextDigestAt(now, 'Europe/Berlin')).toEqual(at('2026-05-12T22:05:00Z'));
    expect(nextDigestAt(now, 'Asia/Kolkata')).toEqual(at('2026-05-12T18:35:00Z'));
  });

  it('between midnight and its run the next digest is the one about to go', () => {
    expect(nextDigestAt(at('2026-05-12T22:02:00Z'), 'Europe/Berlin')).toEqual(at('2026-05-12T22:05:00Z'));
    expect(nextDigestAt(at('2026-05-12T22:05:00Z'), 'Europe/Berlin')).toEqual(at('2026-05-13T22:05:00Z'));
  });

  it('a run slot is the same instant or the next quarter hour at :05/:20/:35/:50', () => {
    expect(digestRunAtOrAfter(at('2026-05-12T22:05:00Z'))).toEqual(at('2026-05-12T22:05:00Z'));
    expect(digestRunAtOrAfter(at('2026-05-12T22:05:00.001Z'))).toEqual(at('2026-05-12T22:20:00Z'));
    expect(digestRunAtOrAfter(at('2026-05-12T23:51:00Z'))).toEqual(at('2026-05-13T00:05:00Z'));
  });

  it('on DST days the run is still 00:05 local: the day after the change starts an hour earlier or later in UTC', () => {
    // The digest of 29 March (23 h) goes at 00:05 CEST on the 30th = 22:05 UTC; of 28 March at 23:05 UTC.
    expect(nextDigestAt(at('2026-03-28T12:00:00Z'), 'Europe/Berlin')).toEqual(at('2026-03-28T23:05:00Z'));
    expect(nextDigestAt(at('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toEqual(at('2026-03-29T22:05:00Z'));
    expect(nextDigestAt(at('2026-10-25T12:00:00Z'), 'Europe/Berlin')).toEqual(at('2026-10-25T23:05:00Z'));
  });
});

describe('what a run gathers', () => {
  it('the day that ended: yesterday there, every notice held from before its end, oldest first', () => {
    const held = [
      { id: 'b', createdAt: at('2026-05-12T21:59:59Z') },
      { id: 'a', createdAt: at('2026-05-12T08:00:00Z') },
      { id: 'late', createdAt: at('2026-05-12T22:00:00Z') },
    ];
    const now = at('2026-05-12T22:05:00Z');
    expect(closedDay(now, 'Europe/Berlin').day).toBe('2026-05-12');
    expect(dueForDigest(held, now, 'Europe/Berlin').map((h) => h.id)).toEqual(['a', 'b']);
    // In New York the 12th has not ended yet: the run closes the 11th, which holds none of these.
    expect(closedDay(now, 'America/New_York').day).toBe('2026-05-11');
    expect(dueForDigest(held, now, 'America/New_York')).toEqual([]);
  });

  it('gathers all 25 hours of the autumn DST day, and the 23 of the spring one', () => {
    const every = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ createdAt: new Date(at(from).getTime() + i * 3_600_000) }));
    const autumn = every('2026-10-24T22:30:00Z', 27); // 00:30 on the 25th … past its end
    expect(dueForDigest(autumn, at('2026-10-25T23:05:00Z'), 'Europe/Berlin')).toHaveLength(25);
    const spring = every('2026-03-28T23:30:00Z', 25);
    expect(dueForDigest(spring, at('2026-03-29T22:05:00Z'), 'Europe/Berlin')).toHaveLength(23);
  });
});

/**
 * Two days of digest runs every quarter hour for one person, notices every 20 minutes, with a
 * change of zone in the middle of a day: the run's rules plus the one rule of the table (a
 * digest key is written once) lose no notice and put none in two digests.
 */
function simulate(zoneAt: (now: Date) => string, from: string, until: string) {
  const held = new Map<number, Date>();
  const digested = new Map<number, string>();
  const keys = new Set<string>();
  let n = 0;
  let nextNotice = at(from).getTime();
  for (let t = digestRunAtOrAfter(at(from)).getTime(); t < at(until).getTime(); t += 15 * 60_000) {
    for (; nextNotice < t; nextNotice += 20 * 60_000) held.set(n++, new Date(nextNotice));
    const now = new Date(t);
    const zone = zoneAt(now);
    const { day } = closedDay(now, zone);
    if (keys.has(day)) continue; // that day's digest exists: these wait for the next one
    const due = dueForDigest(
      [...held].map(([id, createdAt]) => ({ id, createdAt })),
      now,
      zone,
    );
    if (due.length === 0) continue;
    keys.add(day);
    for (const d of due) {
      digested.set(d.id, day);
      held.delete(d.id);
    }
  }
  return { digested, held, written: n, keys };
}

describe('a change of zone in the middle of a day', () => {
  /** Every notice written before `lastEnd` is in exactly one digest; the later ones wait, held. */
  function expectEachOnce(r: ReturnType<typeof simulate>, from: string, lastEnd: string) {
    for (let id = 0; id < r.written; id++) {
      const written = at(from).getTime() + id * 20 * 60_000;
      expect(r.digested.has(id) !== r.held.has(id), `notice ${id}`).toBe(true);
      expect(r.digested.has(id), `notice ${id}`).toBe(written < at(lastEnd).getTime());
    }
  }

  it('Berlin → Los Angeles in the afternoon: the first LA run closes LA’s 11th, begun on the Berlin morning', () => {
    const change = at('2026-05-12T14:00:00Z'); // 16:00 in Berlin, 07:00 in Los Angeles
    const from = '2026-05-11T22:00:00Z'; // Berlin's 12th begins
    const r = simulate(
      (now) => (now < change ? 'Europe/Berlin' : 'America/Los_Angeles'),
      from,
      '2026-05-15T12:00:00Z',
    );
    expect([...r.keys]).toEqual(['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-14']);
    expectEachOnce(r, from, '2026-05-15T07:00:00Z');
  });

  it('Sydney → Los Angeles: LA’s 12th was digested in Sydney, so its notices wait for LA’s 13th', () => {
    const change = at('2026-05-12T15:00:00Z'); // 01:00 on the 13th in Sydney, 08:00 on the 12th in LA
    const from = '2026-05-10T14:00:00Z'; // Sydney's 11th begins
    const r = simulate(
      (now) => (now < change ? 'Australia/Sydney' : 'America/Los_Angeles'),
      from,
      '2026-05-15T12:00:00Z',
    );
    // Sydney sent the 11th and 12th; LA's 12th (ending 07:00 UTC on the 13th) finds its key taken.
    expect([...r.keys]).toEqual(['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-14']);
    expectEachOnce(r, from, '2026-05-15T07:00:00Z');
    // Nothing in LA's 13th digest is older than Sydney's last cut: it picks up exactly where that left off.
    const inThirteenth = [...r.digested].filter(([, day]) => day === '2026-05-13').map(([id]) => id);
    expect(Math.min(...inThirteenth)).toBe(
      Math.max(...[...r.digested].filter(([, d]) => d === '2026-05-12').map(([id]) => id)) + 1,
    );
  });

  it('Los Angeles → Sydney: the day jumps ahead, a date already digested is not sent twice', () => {
    const change = at('2026-05-12T12:00:00Z'); // 05:00 in LA, 22:00 in Sydney
    const from = '2026-05-10T07:00:00Z';
    const r = simulate(
      (now) => (now < change ? 'America/Los_Angeles' : 'Australia/Sydney'),
      from,
      '2026-05-14T15:00:00Z',
    );
    expect([...r.keys]).toEqual(['2026-05-10', '2026-05-11', '2026-05-12', '2026-05-13', '2026-05-14']);
    expectEachOnce(r, from, '2026-05-14T14:00:00Z');
  });
});
