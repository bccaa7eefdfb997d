import { describe, expect, it } from 'vitest';
import type { ProductRole } from '#domain/roles.ts';
import { type CalendarFact, calendarEvents } from './calendar-feed.ts';

const product = { productId: 'p1', productKey: 'LEAG', productName: 'League' };
const sprint = (role: ProductRole, version = 1): CalendarFact => ({
  kind: 'sprint',
  id: 's1',
  ...product,
  role,
  version,
  name: 'Sprint 3',
  goal: 'Fixtures online',
  startDate: '2026-12-07',
  endDate: '2026-12-18',
});
const review = (over: Partial<Extract<CalendarFact, { kind: 'review' }>> = {}): CalendarFact => ({
  kind: 'review',
  id: 'r1',
  ...product,
  role: 'stakeholder',
  version: 1,
  sprintName: 'Sprint 3',
  openedAt: new Date('2026-12-18T15:00:00Z'),
  closesAt: new Date('2026-12-22T17:00:00Z'),
  closedAt: null,
  ...over,
});
const vote = (shippedAt: Date | null): CalendarFact => ({
  kind: 'vote',
  id: 'v1',
  ...product,
  role: 'viewer',
  version: 3,
  releaseName: 'Spring',
  closesAt: new Date('2027-01-10T12:00:00Z'),
  shippedAt,
});

describe('calendar feed', () => {
  it('gives readers a sprint as two all-day events with stable UIDs; stakeholders not at all', () => {
    const events = calendarEvents([sprint('team')]);
    expect(events.map((e) => [e.uid, e.when, e.summary])).toEqual([
      ['sprint-start-s1@tandem', { allDay: true, date: '2026-12-07' }, 'Sprint 3 starts (League)'],
      ['sprint-end-s1@tandem', { allDay: true, date: '2026-12-18' }, 'Sprint 3 ends (League)'],
    ]);
    expect(events[0]!.path).toBe('/p/LEAG/sprints/s1');
    expect(calendarEvents([sprint('viewer')])).toHaveLength(2);
    expect(calendarEvents([sprint('stakeholder')])).toEqual([]);
  });

  it('raises SEQUENCE with the version and keeps the UID', () => {
    const [first] = calendarEvents([sprint('owner', 1)]);
    const [later] = calendarEvents([sprint('owner', 4)]);
    expect([first!.sequence, later!.sequence]).toEqual([0, 3]);
    expect(later!.uid).toBe(first!.uid);
  });

  it('puts a review at its deadline, cancelled when it closed early, and on its opening day without one', () => {
    const [due] = calendarEvents([review()]);
    expect(due!.when).toEqual({ allDay: false, at: new Date('2026-12-22T17:00:00Z') });
    expect(due!.cancelled).toBe(false);
    const [early] = calendarEvents([review({ closedAt: new Date('2026-12-20T09:00:00Z'), version: 2 })]);
    expect([early!.cancelled, early!.sequence, early!.uid]).toEqual([true, 1, due!.uid]);
    const [onTime] = calendarEvents([review({ closedAt: new Date('2026-12-22T17:00:00Z') })]);
    expect(onTime!.cancelled).toBe(false);
    const [open] = calendarEvents([review({ closesAt: null })]);
    expect(open!.when).toEqual({ allDay: true, date: '2026-12-18' });
  });

  it('cancels a vote deadline when the release shipped before it', () => {
    expect(calendarEvents([vote(null)])[0]!.cancelled).toBe(false);
    expect(calendarEvents([vote(new Date('2027-01-05T00:00:00Z'))])[0]!.cancelled).toBe(true);
    expect(calendarEvents([vote(new Date('2027-02-01T00:00:00Z'))])[0]!.cancelled).toBe(false);
  });

  it("shows other capabilities' deadlines to the audience they name", () => {
    const deadline = (role: ProductRole): CalendarFact => ({
      kind: 'deadline',
      source: 'comment-period',
      id: 'a1',
      ...product,
      role,
      version: 2,
      summary: 'Comments close: Data agreement',
      description: 'Last day to comment.',
      at: new Date('2027-01-15T17:00:00Z'),
      cancelled: false,
      path: 'agreements/a1',
      audience: ['owner', 'stakeholder'],
    });
    const [e] = calendarEvents([deadline('stakeholder')]);
    expect([e!.uid, e!.sequence, e!.path]).toEqual(['comment-period-a1@tandem', 1, '/p/LEAG/agreements/a1']);
    expect(calendarEvents([deadline('team')])).toEqual([]);
  });
});
