import type { MailSetup } from '#app/mail/ports.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos } from '#app/store.ts';
import type { EventType } from '#contracts/events.ts';

/** What a handler gets besides its event: the repositories of the transaction its receipt is in. */
export interface ReactionContext {
  /** Bound to the handler's transaction: the effect commits with the receipt, or neither does. */
  repos: Repos;
  /** Which attempt this is (1 for the first run). */
  attempt: number;
  /** How this Tandem mails (off without TANDEM_SMTP_URL): notices write their mails through it. */
  mail: MailSetup;
}

/**
 * A reaction: handles the events of `eventTypes`, one job per (event, subscriber). `name` is the
 * job's task identifier and half of its job key; never rename one with jobs still queued.
 * `handle` must write only through `ctx.repos`, so its effect and the receipt commit together.
 */
export interface Subscriber<T extends EventType = EventType> {
  name: string;
  eventTypes: readonly T[];
  /** Attempts before the job counts as failed (the dead letter admins see); default 10. */
  maxAttempts?: number;
  handle(event: StoredEvent<T>, ctx: ReactionContext): Promise<void>;
}

/** Any one subscriber, whatever its types: what the registry holds. */
export type AnySubscriber = { [T in EventType]: Subscriber<T> }[EventType];

export const defineSubscriber = <T extends EventType>(s: Subscriber<T>): Subscriber<T> => s;
