import type { MailSetup } from '#app/mail/ports.ts';
import type { SessionPolicy } from './auth.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { Store } from './store.ts';

export interface ServiceOptions {
  session: SessionPolicy;
  now?: (() => Date) | undefined;
  /** How this Tandem mails; off when absent. */
  mail?: MailSetup | undefined;
}

/** What every capability's use cases are built from (server/capabilities/capability.ts). */
export interface ServiceDeps {
  store: Store;
  changes: ChangeFeed;
  session: SessionPolicy;
  now: () => Date;
  mail: MailSetup;
}

/**
 * All use cases, as the HTTP layer, the demo builder and the jobs see them. The store is not here:
 * callers reach data through use cases; the composition root hands the store to the few that
 * build data directly (demo, benchmarks, test harness). This base holds what the server itself
 * needs; server/capabilities/index.ts merges in the use cases of every capability on its list.
 */
export interface Services {
  /** Which topics changed, on this instance and (through NOTIFY) on the others. */
  changes: ChangeFeed;
  /** Releases what the services hold on the database (the change feed's LISTEN connection). */
  close(): Promise<void>;
}
