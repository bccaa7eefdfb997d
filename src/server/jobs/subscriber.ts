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
  /**
   * A timer the subscriber sets (graphile-worker jobs with a run_at, enqueued by its own handler
   * or by the timer itself): the task's name and what it does, in one transaction like `handle`.
   */
  timer?: { task: string; run(payload: unknown, ctx: ReactionContext): Promise<void> };
}

/**
 * Any one subscriber, whatever its types: what the registry holds. A subscriber of several types
 * (the webhook fan-out) is a Subscriber of their union; taskFor hands it only events of its types.
 */
export type AnySubscriber = { [T in EventType]: Subscriber<T> }[EventType] | Subscriber<EventType>;

/**
 * A queue task that is no reaction to one event (sending one webhook delivery): its payload is
 * what its enqueuer wrote. It must be safe to run twice (graphile-worker may, after a crash).
 */
export type QueueTask = (payload: unknown) => Promise<void>;

export const defineSubscriber = <T extends EventType>(s: Subscriber<T>): Subscriber<T> => s;
