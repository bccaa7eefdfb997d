import { hasRole, type ProductRole, ROLES } from '#domain/roles.ts';

/**
 * What a personal calendar feed holds, decided without any calendar library: one fact per dated
 * thing of the person's products (loaded with the person's role there), turned into calendar
 * events with stable UIDs, a SEQUENCE that grows with the entity's version, and a cancelled
 * status when the date no longer stands. The HTTP layer writes them as iCalendar.
 */
interface FactBase {
  /** The entity's id: the UID is built from it, so it never changes. */
  id: string;
  productId: string;
  productKey: string;
  productName: string;
  /** The person's role on the product. */
  role: ProductRole;
  /** 1 when nothing it shows has changed; rises with every change of it (SEQUENCE = version − 1). */
  version: number;
}

export interface SprintFact extends FactBase {
  kind: 'sprint';
  name: string;
  goal: string;
  /** Calendar dates, YYYY-MM-DD. */
  startDate: string;
  endDate: string;
}

export interface ReviewFact extends FactBase {
  kind: 'review';
  sprintName: string;
  openedAt: Date;
  closesAt: Date | null;
  closedAt: Date | null;
}

export interface VoteFact extends FactBase {
  kind: 'vote';
  releaseName: string;
  closesAt: Date;
  shippedAt: Date | null;
}

/**
 * The seam for deadlines other capabilities own (an agreement's comment period, …): a source
 * returns these with its own audience and link, and the feed needs no change to show them.
 */
export interface DeadlineFact extends FactBase {
  kind: 'deadline';
  /** Part of the UID: `comment-period`, … (stable per source). */
  source: string;
  summary: string;
  description: string;
  at: Date;
  cancelled: boolean;
  /** Path under /p/<product key>/. */
  path: string;
  audience: readonly ProductRole[];
}

export type CalendarFact = SprintFact | ReviewFact | VoteFact | DeadlineFact;

/**
 * Who sees which kind, as the rest of Tandem decides it (domain/roles.ts): sprints are internal
 * work (readers only, not the customers); reviews with customers and votes are for every member,
 * stakeholders included, who answer and vote.
 */
export const CALENDAR_AUDIENCE: Record<Exclude<CalendarFact['kind'], 'deadline'>, readonly ProductRole[]> = {
  sprint: ROLES.readers,
  review: ROLES.anyMember,
  vote: ROLES.anyMember,
};

export interface CalendarEvent {
  /** Stable across feeds and changes: `<kind>-<entity id>@tandem`. */
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  /** All-day events carry a date (YYYY-MM-DD, the end exclusive), timed ones an instant. */
  when: { allDay: true; date: string } | { allDay: false; at: Date };
  cancelled: boolean;
  /** Path in the web app (under the base URL). */
  path: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const seq = (version: number) => Math.max(0, version - 1);
const base = (f: FactBase, uid: string) => ({ uid: `${uid}@tandem`, sequence: seq(f.version) });
const under = (f: FactBase, rest: string) => `/p/${f.productKey}/${rest}`;

function sprintEvents(f: SprintFact): CalendarEvent[] {
  const description = f.goal ? `Sprint goal: ${f.goal}` : '';
  const path = under(f, `sprints/${f.id}`);
  return [
    {
      ...base(f, `sprint-start-${f.id}`),
      summary: `${f.name} starts (${f.productName})`,
      description,
      when: { allDay: true, date: f.startDate },
      cancelled: false,
      path,
    },
    {
      ...base(f, `sprint-end-${f.id}`),
      summary: `${f.name} ends (${f.productName})`,
      description,
      when: { allDay: true, date: f.endDate },
      cancelled: false,
      path,
    },
  ];
}

function reviewEvent(f: ReviewFact): CalendarEvent {
  const path = under(f, `reviews/${f.id}`);
  if (!f.closesAt)
    return {
      ...base(f, `review-${f.id}`),
      summary: `Review with customers: ${f.sprintName} (${f.productName})`,
      description: 'The review of the sprint with customers opens.',
      when: { allDay: true, date: day(f.openedAt) },
      cancelled: false,
      path,
    };
  // Closed before its deadline: the deadline no longer stands.
  const early = f.closedAt !== null && f.closedAt < f.closesAt;
  return {
    ...base(f, `review-${f.id}`),
    summary: `Feedback closes: ${f.sprintName} review (${f.productName})`,
    description: early
      ? `The review closed early, on ${day(f.closedAt as Date)}.`
      : 'Last moment to give feedback on what the sprint delivered.',
    when: { allDay: false, at: f.closesAt },
    cancelled: early,
    path,
  };
}

function voteEvent(f: VoteFact): CalendarEvent {
  // Shipped while the vote was still open: there is nothing left to vote on.
  const shippedFirst = f.shippedAt !== null && f.shippedAt < f.closesAt;
  return {
    ...base(f, `vote-${f.id}`),
    summary: `Vote closes: ${f.releaseName} (${f.productName})`,
    description: shippedFirst
      ? `${f.releaseName} shipped before the vote closed.`
      : `Last moment to spend your votes on what comes in ${f.releaseName}.`,
    when: { allDay: false, at: f.closesAt },
    cancelled: shippedFirst,
    path: under(f, `votes/${f.id}`),
  };
}

/** The feed of one person: only the facts their role on each product lets them see. */
export function calendarEvents(facts: readonly CalendarFact[]): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const f of facts) {
    const audience = f.kind === 'deadline' ? f.audience : CALENDAR_AUDIENCE[f.kind];
    if (!hasRole(f.role, audience)) continue;
    if (f.kind === 'sprint') events.push(...sprintEvents(f));
    else if (f.kind === 'review') events.push(reviewEvent(f));
    else if (f.kind === 'vote') events.push(voteEvent(f));
    else
      events.push({
        ...base(f, `${f.source}-${f.id}`),
        summary: f.summary,
        description: f.description,
        when: { allDay: false, at: f.at },
        cancelled: f.cancelled,
        path: under(f, f.path),
      });
  }
  return events;
}
