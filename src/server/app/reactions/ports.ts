/** Ports of the reactions capability: the job queue's view for admins, receipts, notices. */

export interface SubscriptionSpec {
  name: string;
  eventTypes: readonly string[];
  maxAttempts: number;
}

export type JobState = 'failed' | 'pending';

/** A reaction job on the queue: one (event, subscriber) pair. */
export interface JobRecord {
  id: string;
  subscriber: string;
  eventId: number | null;
  eventType: string | null;
  productId: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: Date;
  updatedAt: Date;
  state: JobState | 'running';
}

export interface ReactionsRepo {
  /** Replaces the table of who reacts to which type (the code's list is the truth). */
  syncSubscriptions(subs: readonly SubscriptionSpec[]): Promise<void>;
  /**
   * Records that `subscriber` handled `eventId`, in the caller's transaction. False when a
   * receipt exists already: the effect committed before, so the caller does nothing.
   */
  claim(eventId: number, subscriber: string): Promise<boolean>;
  /** Marks these graphile-worker pool ids (what jobs are locked_by) alive now. */
  heartbeat(workerIds: readonly string[]): Promise<void>;
  /** Unlocks the jobs of workers silent for longer than `silentMs` and forgets them; how many. */
  releaseSilentWorkers(silentMs: number): Promise<number>;
  /** A worker that stopped cleanly leaves nothing locked: forget it. */
  forgetWorkers(workerIds: readonly string[]): Promise<void>;
  /** Reaction jobs in a state, newest change first. */
  jobs(q: { state: JobState; limit: number }): Promise<JobRecord[]>;
  /** Gives a failed job a fresh set of attempts, now. False when no failed job has this id. */
  retry(jobId: string): Promise<boolean>;
}

export interface NoticeRecord {
  id: string;
  kind: 'mention';
  causeEventId: number;
  productId: string;
  productKey: string;
  actorName: string | null;
  itemId: string | null;
  itemKey: string | null;
  itemTitle: string | null;
  excerpt: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export type NoticeKind =
  | 'mention'
  | 'shipped'
  | 'request_status'
  /** A webhook endpoint failed for a day and was turned off (issue 12). */
  | 'webhook_disabled'
  /** A defect's SLA clock reached 75 % or its breach (issue 13). */
  | 'sla'
  /** An agreement's comment period or acknowledgement (issue 13). */
  | 'agreement'
  /** A change went around a decision the recipient took part in (issue 13). */
  | 'decision_contradicted'
  /** A workaround's repayment is past its due day (issue 13). */
  | 'repayment_overdue';

export interface NewNotice {
  recipientId: string;
  causeEventId: number;
  /**
   * What the notice is about, once per recipient: `mention:<event id>`, `shipped:<item id>`,
   * `request:<event id>`. A second notice with the same key for the same person is skipped.
   */
  causeKey: string;
  kind: NoticeKind;
  productId: string;
  actorId: string | null;
  itemId: string | null;
  commentId: string | null;
  requestId?: string | null;
  /** The working agreement a notice is about (issue 13). */
  agreementId?: string | null;
  /** The words as sent ("What you asked for shipped: VIP-12 Export"); null for mentions. */
  title?: string | null;
  body?: string | null;
}

/** A notification of any kind, as the bell lists it. */
export interface NotificationRecord {
  id: string;
  kind: NoticeKind;
  productId: string;
  productKey: string;
  actorName: string | null;
  itemId: string | null;
  itemKey: string | null;
  itemTitle: string | null;
  requestId: string | null;
  agreementId: string | null;
  title: string | null;
  body: string | null;
  excerpt: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NoticesRepo {
  /** Inserts what is new; a (cause key, recipient) seen before is skipped. Returns the recipients written. */
  insertMany(notices: readonly NewNotice[]): Promise<number>;
  /** Mentions only (the older GET /me/notices). */
  listFor(userId: string, limit: number): Promise<NoticeRecord[]>;
  unreadCount(userId: string, kinds?: readonly NoticeKind[]): Promise<number>;
  markRead(userId: string, noticeId: string): Promise<boolean>;
  /** Every kind: unread first, then newest. */
  listAll(userId: string, page: { limit: number; offset: number }): Promise<NotificationRecord[]>;
  count(userId: string): Promise<number>;
  /** Marks those of `ids` that are the user's own read; returns how many changed. */
  markManyRead(userId: string, ids: readonly string[]): Promise<number>;
}
