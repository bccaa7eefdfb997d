import type { PortalDeliveredRecord, PortalPlannedRecord, RequestRecord } from '#app/requests/ports.ts';
import type { Portal, Request } from '#contracts/requests.ts';

/** Requests and portal records → API shapes (never rows). */
export const presentRequest = (q: RequestRecord, readerId: string): Request => ({
  id: q.id,
  productId: q.productId,
  title: q.title,
  problem: q.problem,
  segmentId: q.segmentId,
  status: q.status,
  itemId: q.itemId,
  requesterId: q.requesterId,
  supporters: q.supporters,
  createdAt: new Date(q.createdAt).toISOString(),
  declineReason: q.declineReason,
  published: q.published,
  supportedByMe: q.supportedByMe,
  mine: q.requesterId === readerId,
  itemKey: q.itemKey,
  version: q.version,
});

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Only the customer-facing fields, named one by one: nothing else of an item can slip through. */
const presentDelivered = (d: PortalDeliveredRecord): Portal['delivered'][number] => ({
  key: d.key,
  title: d.title,
  problem: d.problem,
  segments: d.segments.map((s) => ({ id: s.id, name: s.name })),
  acceptedAt: iso(d.acceptedAt),
  sprintName: d.sprintName,
  whatChanged: d.whatChanged,
});

const presentPlanned = (p: PortalPlannedRecord): Portal['planned'][number] => ({
  key: p.key,
  title: p.title,
  problem: p.problem,
  segments: p.segments.map((s) => ({ id: s.id, name: s.name })),
  status: p.status,
  release: p.release,
});

export function presentPortal(
  p: {
    product: { id: string; name: string; key: string };
    delivered: PortalDeliveredRecord[];
    planned: PortalPlannedRecord[];
    waiting: {
      review: { id: string; sprintName: string; closesAt: Date | null; answered: boolean } | null;
      votes: Array<{ releaseId: string; name: string; closesAt: Date | null; voted: boolean }>;
    };
    requests: RequestRecord[];
  },
  readerId: string,
): Portal {
  const review = p.waiting.review;
  return {
    product: { id: p.product.id, name: p.product.name, key: p.product.key },
    delivered: p.delivered.map(presentDelivered),
    planned: p.planned.map(presentPlanned),
    waiting: {
      review: review
        ? {
            id: review.id,
            sprintName: review.sprintName,
            closesAt: iso(review.closesAt),
            answered: review.answered,
          }
        : null,
      votes: p.waiting.votes.map((v) => ({
        releaseId: v.releaseId,
        name: v.name,
        closesAt: iso(v.closesAt),
        voted: v.voted,
      })),
    },
    requests: p.requests.map((q) => presentRequest(q, readerId)),
  };
}
