import type { JobRecord } from '#app/reactions/ports.ts';
import { Ok } from '#contracts/common.ts';
import type { EventType } from '#contracts/events.ts';
import { type Job, JobList, JobParams, JobQuery } from '#contracts/reactions.ts';
import { type AnyRoute, defineRoute } from '#http/route.ts';

const presentJob = (j: JobRecord): Job => ({
  id: j.id,
  subscriber: j.subscriber,
  productId: j.productId,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  lastError: j.lastError,
  state: j.state,
  eventId: j.eventId === null ? null : String(j.eventId),
  // Job keys name events of the log, whose types are catalog types.
  eventType: j.eventType as EventType | null,
  runAt: j.runAt.toISOString(),
  updatedAt: j.updatedAt.toISOString(),
});

export const adminJobRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/jobs',
    tag: 'admin',
    summary: 'Reaction jobs: failed ones (out of attempts: the dead letters) or those still pending',
    access: { kind: 'admin' },
    query: JobQuery,
    response: JobList,
    async handler(ctx) {
      return { jobs: (await ctx.services.adminJobs.list(ctx.query.state)).map(presentJob) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/jobs/:jobId/retry',
    tag: 'admin',
    summary: 'Run a failed reaction again, with a fresh set of attempts',
    access: { kind: 'admin' },
    params: JobParams,
    response: Ok,
    async handler(ctx) {
      await ctx.services.adminJobs.retry(ctx.params.jobId);
      return { ok: true as const };
    },
  }),
];
