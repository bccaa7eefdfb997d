import { z } from 'zod';
import { Id, IsoDateTime, text } from './common.ts';
import { ItemStatus, UpdateItemBody } from './items.ts';

/**
 * Requests ("what is hard for you, and why") and the stakeholder portal (issue 10). What a
 * stakeholder reads here is shaped for customers: never an item's size, comments, description,
 * value inputs, assignee or history.
 */
export const REQUEST_STATUSES = ['open', 'planned', 'declined', 'shipped'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const Request = z.object({
  id: Id,
  productId: Id,
  title: z.string(),
  problem: z.string().describe('What is hard for the requester, and why'),
  segmentId: Id.nullable(),
  status: RequestStatus,
  itemId: Id.nullable().describe('The backlog item it was linked to or made into'),
  requesterId: Id.nullable(),
  supporters: z.number().int().describe('How many people asked: the requester and everyone who +1ed'),
  createdAt: IsoDateTime,
  declineReason: z.string().nullable(),
  published: z.boolean().describe('Shown to every stakeholder of the product, who may +1 it'),
  supportedByMe: z.boolean().describe('The caller asked for it or +1ed it already'),
  mine: z.boolean().describe('The caller asked for it'),
  itemKey: z.string().nullable().describe('The linked item’s key, e.g. VIP-42'),
  version: z.number().int(),
});
export type Request = z.infer<typeof Request>;

export const RequestList = z.object({ requests: z.array(Request) });
export type RequestList = z.infer<typeof RequestList>;

const title = text({ min: 1, max: 200, minMessage: 'Give your request a title' });
const problem = text({
  min: 1,
  max: 5000,
  multiline: true,
  trim: true,
  minMessage: 'Say what is hard for you, and why',
});

export const CreateRequestBody = z.object({ title, problem, segmentId: Id.nullable().optional() });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const UpdateRequestBody = z
  .object({ title, problem, segmentId: Id.nullable(), published: z.boolean() })
  .partial();
export type UpdateRequestBody = z.infer<typeof UpdateRequestBody>;

export const RequestParams = z.object({ requestId: Id });

export const RequestListQuery = z.object({
  status: RequestStatus.optional(),
  segment: Id.optional(),
  sort: z.enum(['newest', 'oldest', 'supporters']).default('newest'),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

export const TriageBody = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('link'), itemId: Id }),
    z.object({
      action: z.literal('create'),
      // The new item's problem comes from the request unless given.
      item: UpdateItemBody.optional(),
    }),
    z.object({
      action: z.literal('decline'),
      reason: text({
        min: 1,
        max: 2000,
        multiline: true,
        trim: true,
        minMessage: 'Say why it is declined: the requester reads it',
      }),
    }),
  ],
  { message: 'Send {"action": "link" | "create" | "decline", …}' },
);
export type TriageBody = z.infer<typeof TriageBody>;

/** Who asked for an item, per segment of the people: "asked by 14 VIP members". */
export const ItemRequests = z.object({
  requests: z.array(Request),
  askedBy: z.number().int().describe('Distinct people who asked or +1ed'),
  bySegment: z.array(z.object({ segmentId: Id.nullable(), name: z.string(), people: z.number().int() })),
});
export type ItemRequests = z.infer<typeof ItemRequests>;

const Segment = z.object({ id: Id, name: z.string() });

export const PortalDelivered = z.object({
  key: z.string(),
  title: z.string(),
  problem: z.string(),
  segments: z.array(Segment),
  acceptedAt: IsoDateTime.nullable(),
  sprintName: z.string(),
  whatChanged: z.string().nullable().describe('The PO’s "what changed for you" line'),
});

export const PortalPlanned = z.object({
  key: z.string(),
  title: z.string(),
  problem: z.string(),
  segments: z.array(Segment),
  status: ItemStatus,
  release: z.string().nullable(),
});

export const Portal = z.object({
  product: z.object({ id: Id, name: z.string(), key: z.string() }),
  delivered: z.array(PortalDelivered),
  planned: z.array(PortalPlanned),
  waiting: z.object({
    review: z
      .object({ id: Id, sprintName: z.string(), closesAt: IsoDateTime.nullable(), answered: z.boolean() })
      .nullable(),
    votes: z.array(
      z.object({ releaseId: Id, name: z.string(), closesAt: IsoDateTime.nullable(), voted: z.boolean() }),
    ),
  }),
  requests: z.array(Request),
});
export type Portal = z.infer<typeof Portal>;
