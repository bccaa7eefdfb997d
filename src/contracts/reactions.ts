import { z } from 'zod';
import { Id, IsoDateTime } from './common.ts';
import { EventTypeSchema } from './events.ts';

/** An in-app notice for the signed-in person, e.g. "Olive mentioned you on VIP-5". */
export const Notice = z.object({
  id: Id,
  kind: z.enum(['mention']),
  productId: Id,
  productKey: z.string(),
  actorName: z.string().nullable(),
  itemId: Id.nullable(),
  itemKey: z.string().nullable().describe('Null when the item was deleted since'),
  itemTitle: z.string().nullable(),
  excerpt: z.string().nullable().describe('The start of the comment'),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeList = z.object({ notices: z.array(Notice), unread: z.number().int() });
export const NoticeParams = z.object({ noticeId: Id });

export const JobState = z.enum(['failed', 'pending']);
export const JobQuery = z.object({ state: JobState.default('failed') });
export const JobParams = z.object({ jobId: z.string().regex(/^\d{1,18}$/, { message: 'Must be a job id' }) });
/** A reaction job: one subscriber handling one event. */
export const Job = z.object({
  id: z.string(),
  subscriber: z.string(),
  eventId: z.string().nullable(),
  eventType: EventTypeSchema.nullable(),
  productId: Id.nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  runAt: IsoDateTime,
  updatedAt: IsoDateTime,
  state: z.enum(['failed', 'pending', 'running']),
});
export type Job = z.infer<typeof Job>;
export const JobList = z.object({ jobs: z.array(Job) });
