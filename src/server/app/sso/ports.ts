/** Single sign-on's storage and the identity provider, as the SSO use cases see them. */
export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
  returnTo: string;
  /** The invitation this sign-in accepts (its token's hash), if any. */
  inviteHash: Buffer | null;
}

export interface OidcLoginsRepo {
  insert(stateHash: Buffer, login: PendingLogin, expiresAt: Date): Promise<void>;
  /** Takes the pending sign-in out (once: a second callback with the same state finds nothing). */
  take(stateHash: Buffer, at: Date): Promise<PendingLogin | null>;
  /** Forgets sign-ins nobody finished. */
  deleteExpired(at: Date): Promise<void>;
  /** How many sign-ins are under way (not expired at `at`). */
  countPending(at: Date): Promise<number>;
}

export interface UserIdentitiesRepo {
  /**
   * Serialises first sign-ins of one provider account (and of one email) until the transaction
   * ends, so two callbacks at once (a double click, two tabs) link or create the person once.
   */
  lock(keys: readonly string[]): Promise<void>;
  userOf(issuer: string, subject: string): Promise<string | null>;
  link(link: { issuer: string; subject: string; userId: string; email: string }): Promise<void>;
  stampSignIn(issuer: string, subject: string, at: Date): Promise<void>;
}

/** What the provider vouches for, after the code, state, nonce and PKCE checks passed. */
export interface IdentityClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** The provider side of authorization code + PKCE (app/sso/openid-provider.ts, openid-client). */
export interface IdentityProvider {
  /** A fresh state, nonce and PKCE verifier, and the provider URL that carries their public parts. */
  start(redirectUri: string): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }>;
  /** Redeems the code of `callbackUrl`; throws unless state, nonce, PKCE and the ID token check out. */
  finish(
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<IdentityClaims>;
}
