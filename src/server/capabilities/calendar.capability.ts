import { calendarUseCases } from '#app/calendar/calendar.ts';
import type { CalendarSource } from '#app/calendar/ports.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Store } from '#app/store.ts';
import type { Queryable } from '#db/pool.ts';
import { calendarFactsRepo, calendarFeedsRepo } from '#db/repositories/calendar.repository.ts';
import { calendarRoutes } from '#http/routes/calendar.routes.ts';
import { defineCapability } from './capability.ts';

/** Issue 12: a personal iCalendar feed of sprints, reviews and vote deadlines. */
const repos = (db: Queryable) => ({
  calendarFeeds: calendarFeedsRepo(db),
  calendarFacts: calendarFactsRepo(db),
});

const useCases = ({ store, now }: ServiceDeps) => ({
  // Each source is one kind of dated thing; a capability with deadlines of its own (the
  // agreements' comment periods) adds its source here, returning `DeadlineFact`s.
  calendar: calendarUseCases(
    store,
    (s: Store): CalendarSource[] => {
      const facts = s.read.calendarFacts as ReturnType<typeof calendarFactsRepo>;
      return [facts.sprints, facts.reviews, facts.votes, facts.commentPeriods];
    },
    now,
  ),
});

export const calendar = defineCapability({
  name: 'calendar',
  repos,
  useCases,
  routes: calendarRoutes,
  jobs: [],
});
