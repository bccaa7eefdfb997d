import type { Actor } from '#app/actor.ts';
import { recordEvent } from '#app/events.ts';
import { newSecret, sha256 } from '#app/secrets.ts';
import type { Store } from '#app/store.ts';
import { type CalendarEvent, calendarEvents } from '#domain/calendar/calendar-feed.ts';
import { AppError } from '#domain/errors.ts';
import type { CalendarSource } from './ports.ts';

/** How far back a feed reaches: calendars keep what they already have, this is what they refresh. */
const HISTORY_DAYS = 180;

export function calendarUseCases(
  store: Store,
  sources: (store: Store) => readonly CalendarSource[],
  now: () => Date = () => new Date(),
) {
  const unknown = () => new AppError('not_found', 'That calendar link is not valid or was turned off.');

  return {
    /** A new secret link; the person's previous link stops working in the same transaction. */
    async create(actor: Actor): Promise<{ token: string }> {
      const token = newSecret('cal');
      await store.transaction(async (r) => {
        await r.calendarFeeds.replace(actor.userId, sha256(token), now());
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'user',
          entityId: actor.userId,
          type: 'calendar_feed.created',
        });
      });
      return { token };
    },

    async revoke(actor: Actor): Promise<void> {
      const had = await store.transaction(async (r) => {
        const done = await r.calendarFeeds.revoke(actor.userId);
        if (done)
          await recordEvent(r, {
            productId: null,
            actorId: actor.userId,
            entityType: 'user',
            entityId: actor.userId,
            type: 'calendar_feed.revoked',
          });
        return done;
      });
      if (!had) throw new AppError('not_found', 'You have no calendar link to turn off.');
    },

    status: (actor: Actor) => store.read.calendarFeeds.status(actor.userId),

    /** The events behind a link; an unknown or revoked token names nobody (404). */
    async feed(token: string): Promise<{ events: CalendarEvent[]; workspaceName: string }> {
      if (!token.startsWith('cal_')) throw unknown();
      const userId = await store.read.calendarFeeds.ownerOf(sha256(token), now());
      if (!userId) throw unknown();
      const user = await store.read.users.byId(userId);
      if (!user || user.disabled) throw unknown();
      const since = new Date(now().getTime() - HISTORY_DAYS * 86_400_000);
      const facts = (await Promise.all(sources(store).map((source) => source(userId, since)))).flat();
      return { events: calendarEvents(facts), workspaceName: await store.read.workspace.name() };
    },
  };
}
export type CalendarUseCases = ReturnType<typeof calendarUseCases>;
