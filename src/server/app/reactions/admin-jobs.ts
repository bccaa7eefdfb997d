import type { JobState } from '#app/reactions/ports.ts';
import type { Store } from '#app/store.ts';
import { notFound } from '#domain/errors.ts';

/** What admins see of the reaction queue: failed jobs (the dead letters) and a retry. */
export function adminJobUseCases(store: Store) {
  return {
    list: (state: JobState, limit = 100) => store.read.reactions.jobs({ state, limit }),
    async retry(jobId: string) {
      if (!(await store.read.reactions.retry(jobId))) throw notFound('That failed job');
      // graphile-worker's wake-up channel: a worker takes the job now instead of at its next poll.
      await store.read.events.notify('jobs:insert', '{"count":1}');
    },
  };
}
export type AdminJobUseCases = ReturnType<typeof adminJobUseCases>;
