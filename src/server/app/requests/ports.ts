import type { ItemStatus } from '#domain/backlog/item-rules.ts';

/** Requests and portal storage: server/db/repositories/requests.repository.ts implements them. */
export type RequestStatus = 'open' | 'planned' | 'declined' | 'shipped';

export interface RequestRecord {
  id: string;
  productId: string;
  title: string;
  problem: string;
  segmentId: string | null;
  status: RequestStatus;
  itemId: string | null;
  itemKey: string | null;
  declineReason: string | null;
  published: boolean;
  requesterId: string | null;
  supporters: number;
  /** The reader asked for it or +1ed it (false when no reader was named). */
  supportedByMe: boolean;
  version: number;
  createdAt: Date;
}

export interface RequestFilter {
  status?: RequestStatus | undefined;
  segmentId?: string | undefined;
  sort: 'newest' | 'oldest' | 'supporters';
  /** Only the reader's own and the published ones (a stakeholder's view). */
  visibleTo?: string | undefined;
  /** Only the reader's own. */
  requesterId?: string | undefined;
  itemId?: string | undefined;
}

export interface RequestsRepo {
  productOf(requestId: string): Promise<string | null>;
  get(requestId: string, readerId: string, lock?: boolean): Promise<RequestRecord | null>;
  list(productId: string, readerId: string, f: RequestFilter): Promise<RequestRecord[]>;
  insert(r: {
    productId: string;
    title: string;
    problem: string;
    segmentId: string | null;
    requesterId: string;
  }): Promise<string>;
  update(
    requestId: string,
    version: number,
    patch: Partial<
      Pick<
        RequestRecord,
        'title' | 'problem' | 'segmentId' | 'published' | 'status' | 'itemId' | 'declineReason'
      >
    >,
  ): Promise<boolean>;
  /**
   * Adds the person's +1 and keeps the count in step, in the caller's transaction. False when they
   * had already supported it (the primary key holds it once per person).
   */
  support(requestId: string, userId: string): Promise<{ added: boolean; supporters: number }>;
  /** Marks requests shipped (their item was accepted, or its release shipped). */
  markShipped(requestIds: readonly string[]): Promise<void>;
  /** The segments the person belongs to in the product (member_segments). */
  segmentsOf(productId: string, userId: string): Promise<string[]>;
  /** People who asked for or +1ed the item's requests, counted per segment they belong to. */
  askersBySegment(
    itemId: string,
  ): Promise<{ total: number; bySegment: Array<{ segmentId: string | null; name: string; people: number }> }>;
}

export interface PortalSegment {
  id: string;
  name: string;
}

export interface PortalDeliveredRecord {
  key: string;
  title: string;
  problem: string;
  segments: PortalSegment[];
  acceptedAt: Date | null;
  sprintName: string;
  whatChanged: string | null;
}

export interface PortalPlannedRecord {
  key: string;
  title: string;
  problem: string;
  segments: PortalSegment[];
  status: ItemStatus;
  release: string | null;
}

export interface PortalRepo {
  /** Accepted items of the last `sprints` started or closed sprints, newest first. */
  delivered(productId: string, sprints: number): Promise<PortalDeliveredRecord[]>;
  /** Published items not yet accepted (nor rejected or deleted), in backlog order. */
  planned(productId: string): Promise<PortalPlannedRecord[]>;
  openReview(
    productId: string,
    userId: string,
  ): Promise<{ id: string; sprintName: string; closesAt: Date | null; answered: boolean } | null>;
  openVotes(
    productId: string,
    userId: string,
    now: Date,
  ): Promise<Array<{ releaseId: string; name: string; closesAt: Date | null; voted: boolean }>>;
}
