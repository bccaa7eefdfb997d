import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { CalendarFeedLink, CalendarFeedStatus, CalendarTokenParams } from '#contracts/integrations.ts';
import type { CalendarEvent } from '#domain/calendar/calendar-feed.ts';
import { originOf } from '#http/public-origin.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

/** Calendars poll feeds; every 15 minutes is what Google, Outlook and Apple are told. */
const REFRESH_SECONDS = 15 * 60;

const dayStart = (date: string) => new Date(`${date}T00:00:00Z`);

/** Writes the domain's events as iCalendar (RFC 5545) with ical-generator. */
export function toICalendar(events: readonly CalendarEvent[], opts: { name: string; origin: string }) {
  const calendar = ical({
    name: opts.name,
    prodId: { company: 'Tandem', product: 'Tandem', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const e of events) {
    const url = `${opts.origin}${e.path}`;
    const when = e.when.allDay
      ? {
          allDay: true,
          start: dayStart(e.when.date),
          end: new Date(dayStart(e.when.date).getTime() + 86_400_000),
        }
      : { start: e.when.at };
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      summary: e.summary,
      description: e.description ? `${e.description}\n\n${url}` : url,
      url,
      ...when,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export const calendarRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/calendar-feed',
    tag: 'calendar',
    summary: 'Whether you have a calendar subscription link (the link itself is shown only once)',
    access: allow.user,
    response: CalendarFeedStatus,
    async handler(ctx) {
      const s = await ctx.services.calendar.status(ctx.actor);
      return {
        active: s !== null,
        createdAt: s?.createdAt.toISOString() ?? null,
        lastReadAt: s?.lastReadAt?.toISOString() ?? null,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/calendar-feed',
    tag: 'calendar',
    summary: 'Make your secret calendar subscription URL; the previous one stops working',
    access: allow.user,
    response: CalendarFeedLink,
    status: 201,
    async handler(ctx) {
      const { token } = await ctx.services.calendar.create(ctx.actor);
      return { url: `${originOf(ctx.req)}/api/v1/calendar/${token}.ics` };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/me/calendar-feed',
    tag: 'calendar',
    summary: 'Turn off your calendar subscription URL',
    access: allow.user,
    status: 204,
    handler: (ctx) => ctx.services.calendar.revoke(ctx.actor),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/calendar/:token.ics',
    tag: 'calendar',
    summary:
      'Your calendar feed (iCalendar): sprint starts and ends, reviews and vote deadlines of your products. The token in the URL is the credential.',
    access: allow.public,
    params: CalendarTokenParams,
    raw: true,
    async handler(ctx) {
      const { events, workspaceName } = await ctx.services.calendar.feed(ctx.params.token);
      // The ETag follows what the events say, not the moment the file was written.
      const etag = `"${createHash('sha256').update(JSON.stringify(events)).digest('base64url').slice(0, 27)}"`;
      ctx.reply
        .header('cache-control', `private, max-age=${REFRESH_SECONDS / 3}`)
        .header('etag', etag)
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer');
      if (ctx.req.headers['if-none-match'] === etag) return ctx.reply.status(304).send();
      const body = toICalendar(events, { name: `Tandem · ${workspaceName}`, origin: originOf(ctx.req) });
      return ctx.reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="tandem.ics"')
        .send(body);
    },
  }),
];
