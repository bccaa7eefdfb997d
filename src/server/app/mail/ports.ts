import type { NoticeKind } from '#app/reactions/ports.ts';
import type { Backoff } from '#domain/delivery/backoff.ts';
import type { DeliveryMode, MailKind } from '#domain/delivery/mail.ts';

/**
 * How this Tandem mails, from the configuration (TANDEM_SMTP_URL, TANDEM_MAIL_FROM,
 * TANDEM_BASE_URL). Without an SMTP URL mail is off: nothing is written to the outbox.
 */
export interface MailSetup {
  enabled: boolean;
  from: string | null;
  smtpUrl: string | null;
  /** Where links in mails point: https://tandem.example.com (no trailing slash). */
  publicUrl: string;
  /** Retry delays of transient failures; DELIVERY_BACKOFF unless a test shortens them. */
  backoff?: Backoff;
}

export const MAIL_OFF: MailSetup = {
  enabled: false,
  from: null,
  smtpUrl: null,
  publicUrl: 'http://localhost:3000',
};

/** A mail's kind includes the ones nobody can turn off (a digest, the admin's test mail). */
export type AnyMailKind = MailKind | 'digest' | 'test';

export interface NewMail {
  key: string;
  recipientId: string;
  kind: AnyMailKind;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  unsubscribeUrl: string | null;
  status: 'pending' | 'held';
  /** The words hold a secret (a personal link): redacted once sent. */
  secret: boolean;
}

export interface Recipient {
  id: string;
  name: string;
  email: string;
}

/** A claimed attempt: what the sender needs. */
export interface OutgoingMail {
  id: string;
  kind: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  unsubscribeUrl: string | null;
  attempts: number;
  /** The previous attempt began and was never recorded: this one may repeat a mail already received. */
  interrupted: boolean;
}

export interface DeliveryRecord {
  id: string;
  status: 'pending' | 'sent' | 'failed' | 'held' | 'bundled';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  kind: string;
  recipient: string;
  subject: string;
  messageId: string;
  interrupted: number;
}

/** A notice just written, with what a mail about it says. */
export interface NoticeFacts {
  recipientId: string;
  causeKey: string;
  kind: NoticeKind;
  productKey: string;
  agreementId: string | null;
  productName: string;
  itemId: string | null;
  itemKey: string | null;
  itemTitle: string | null;
  actorName: string | null;
  title: string | null;
  body: string | null;
  excerpt: string | null;
}

export interface HeldMail {
  id: string;
  kind: string;
  subject: string;
  text: string;
  secret: boolean;
  createdAt: Date;
}

export interface MailRepo {
  recipients(userIds: readonly string[]): Promise<Recipient[]>;
  /** Each user's mode for a kind (default when they chose none). */
  modes(userIds: readonly string[], kind: MailKind): Promise<Map<string, DeliveryMode>>;
  settings(userId: string): Promise<Map<MailKind, DeliveryMode>>;
  setSettings(userId: string, settings: readonly { kind: MailKind; mode: DeliveryMode }[]): Promise<void>;
  /** Writes the rows whose key is new (a pending row enqueues its send job); how many. */
  insertMany(mails: readonly NewMail[]): Promise<number>;
  noticeFacts(causeKeys: readonly string[], recipientIds: readonly string[]): Promise<NoticeFacts[]>;
  /** Starts an attempt of a pending mail (attempts + 1); null when it is not pending. */
  claim(id: string): Promise<OutgoingMail | null>;
  markSent(id: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Records a transient failure and queues the next attempt after `delayMs`. */
  retryLater(id: string, error: string, delayMs: number): Promise<void>;
  /** Pending again with fresh attempts, now: sent or failed rows only; false when none. */
  resend(id: string): Promise<{ outcome: 'queued' | 'redacted' | 'missing'; subject: string }>;
  list(q: { status?: DeliveryRecord['status'] | undefined; limit: number }): Promise<DeliveryRecord[]>;
  counts(): Promise<{ pending: number; held: number; failed: number; sent: number }>;
  signingKey(): Promise<Buffer>;
  /** The product's key and name and the actor's name, for a mail about a work event. */
  workFacts(
    productId: string,
    actorId: string | null,
  ): Promise<{ productKey: string; productName: string; actorName: string | null } | null>;
  itemName(itemId: string): Promise<{ key: string; title: string } | null>;
  sprintName(sprintId: string): Promise<{ name: string; goal: string } | null>;
  /** One invitation's fresh links, as one row in its transaction (their mails are the reaction's). */
  insertInvitationBatch(b: InvitationBatch): Promise<void>;
  /** The review's waiting batches, locked, and deleted with the caller's transaction. */
  takeInvitationBatches(reviewId: string): Promise<InvitationBatch[]>;
  /** Of these link hashes, the ones still the review's live links (not replaced since). */
  liveLinks(reviewId: string, hashes: readonly string[]): Promise<Set<string>>;
  /** What an invitation mail says of its review, and the inviter's name. */
  reviewFacts(
    reviewId: string,
    actorId: string | null,
  ): Promise<{
    productName: string;
    sprintName: string;
    closesAt: Date | null;
    actorName: string | null;
  } | null>;
}

/** The fresh links of one review invitation, waiting for their mails; `tokens[n]` is `userIds[n]`'s. */
export interface InvitationBatch {
  reviewId: string;
  expiresAt: Date;
  userIds: string[];
  tokens: string[];
}

/** The daily digest's side of the outbox (db/repositories/digest.repository.ts). */
export interface DigestRepo {
  /** The person's time zone, null until they chose one (the digest then counts in UTC). */
  timeZone(userId: string): Promise<string | null>;
  setTimeZone(userId: string, timeZone: string): Promise<void>;
  /** Everyone with mail held for a digest: their zone (null: none chosen) and oldest held mail. */
  heldRecipients(): Promise<{ recipientId: string; timeZone: string | null; oldest: Date }[]>;
  /** Whether the digest with this key was written already. */
  exists(digestKey: string): Promise<boolean>;
  /** One person's held mails from before `before`, oldest first, locked (skipping rows a
   * concurrent run holds). */
  held(recipientId: string, before: Date): Promise<HeldMail[]>;
  /** Marks the held mails bundled into the digest `digestKey` (written in this transaction). */
  bundle(ids: readonly string[], digestKey: string): Promise<void>;
}
