import type { ChangeFeed } from '#app/change-feed.ts';
import type { Store } from '#app/store.ts';
import { sprintCloseUseCases } from './close.ts';
import { sprintPlanningUseCases } from './planning.ts';
import { sprintReportUseCases } from './report.ts';
import { sprintReviewUseCases } from './review.ts';
import { sprintCrudUseCases } from './sprints.ts';

/** Every sprint use case, one object for services.ts. */
export function sprintUseCases(store: Store, now: () => Date, changes?: ChangeFeed) {
  return {
    ...sprintCrudUseCases(store),
    ...sprintPlanningUseCases(store),
    ...sprintReviewUseCases(store),
    ...sprintCloseUseCases(store),
    ...sprintReportUseCases(store, now, changes),
  };
}
export type SprintUseCases = ReturnType<typeof sprintUseCases>;
