import type { MailSetup } from '#app/mail/ports.ts';
import type { SessionPolicy } from './auth.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { ProviderSettings } from './sso/openid-provider.ts';
import type { Store } from './store.ts';
import type { WebhookSettings } from './webhooks/ports.ts';

/** How people sign in: passwords (unless turned off) and single sign-on when configured. */
export interface SignInOptions {
  password: boolean;
  sso?: (ProviderSettings & { name: string; allowSignup: boolean }) | undefined;
}

export interface ServiceOptions {
  session: SessionPolicy;
  now?: (() => Date) | undefined;
  /** Password sign-in on, no single sign-on, unless given. */
  signIn?: SignInOptions | undefined;
  /** From the config (TANDEM_WEBHOOK_*); private targets refused and secrets unsealed without. */
  webhooks?: WebhookSettings | undefined;
  /** How this Tandem mails; off when absent. */
  mail?: MailSetup | undefined;
}

/** What every capability's use cases are built from (server/capabilities/capability.ts). */
export interface ServiceDeps {
  store: Store;
  changes: ChangeFeed;
  session: SessionPolicy;
  now: () => Date;
  signIn: SignInOptions;
  webhooks: WebhookSettings;
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
