import { createInvitedUser, openSession } from '#app/auth.ts';
import { recordEvent } from '#app/events.ts';
import type { UserRecord } from '#app/ports.ts';
import { sha256 } from '#app/secrets.ts';
import type { Repos, Store } from '#app/store.ts';
import { AppError } from '#domain/errors.ts';
import type { IdentityClaims, IdentityProvider } from './ports.ts';

export interface SsoSetup {
  provider: IdentityProvider;
  /** The provider's name on the sign-in button. */
  name: string;
  allowSignup: boolean;
}

/**
 * A sign-in begun at the provider must come back within this; at most `max` are under way at
 * once across instances (a flood from many addresses gets past the per-address limits, not past
 * this), about 3 MB of rows.
 */
export const PENDING_SIGN_INS = { ms: 10 * 60_000, max: 10_000 } as const;

/** Why a sign-in was refused: a stable word the sign-in page explains (and the log records). */
export type SsoRefusal =
  | 'provider_error'
  | 'unreachable'
  | 'foreign_state'
  | 'used_or_expired'
  | 'token_rejected'
  | 'unverified_email'
  | 'no_account'
  | 'disabled'
  | 'invite_used_or_expired'
  | 'invite_other_email';

const failed = (reason: SsoRefusal, why: string) =>
  new AppError(
    'sso_failed',
    `Single sign-on did not complete (${why}). Start again from the sign-in page.`,
    undefined,
    { reason },
  );
/** openid-client's errors carry the OAuth error (`invalid_grant`) or the failed check (the nonce) apart from the message. */
const explain = (err: unknown) => {
  const e = err as Error & { error?: string; error_description?: string; cause?: { message?: unknown } };
  const oauth = e.error ? ` (${e.error}${e.error_description ? `: ${e.error_description}` : ''})` : '';
  const cause = typeof e.cause?.message === 'string' ? ` (${e.cause.message})` : '';
  return `${e.message}${oauth}${cause}`;
};
const noAccount = (reason: SsoRefusal, message: string) =>
  new AppError('sso_no_account', message, undefined, { reason });

/** Only paths of this app are followed after sign-in (no open redirect). */
export const safeReturnTo = (path: string | undefined) =>
  path?.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';

/**
 * Single sign-on (OpenID Connect). The provider proves who someone is; Tandem decides whose
 * account that is: the (issuer, subject) already linked, else the account with the same VERIFIED
 * email (linked from then on), else a new person when the admin allows sign-up. Then the same
 * session as a password sign-in.
 */
export function ssoUseCases(
  store: Store,
  setup: SsoSetup | undefined,
  passwordSignIn: boolean,
  now: () => Date = () => new Date(),
) {
  const need = () => {
    if (!setup) throw new AppError('not_found', 'Single sign-on is not configured here.');
    return setup;
  };

  async function accountFor(
    claims: Awaited<ReturnType<IdentityProvider['finish']>>,
    inviteHash: Buffer | null,
  ): Promise<UserRecord> {
    const { allowSignup } = need();
    return store.transaction(async (r) => {
      await r.userIdentities.lock([
        `${claims.issuer} ${claims.subject}`,
        ...(claims.email ? [`email ${claims.email}`] : []),
        // One invitation accepted once, even by two people signing in with it at the same moment.
        ...(inviteHash ? [`invite ${inviteHash.toString('hex')}`] : []),
      ]);
      const linked = await r.userIdentities.userOf(claims.issuer, claims.subject);
      if (linked) {
        await r.userIdentities.stampSignIn(claims.issuer, claims.subject, now());
        const user = await r.users.byId(linked);
        if (user?.disabled) throw noAccount('disabled', 'This account is disabled.');
        if (user) return user;
      }
      // An unverified address proves nothing: it could be anyone's, an existing admin's included.
      if (!claims.email || !claims.emailVerified)
        throw noAccount(
          'unverified_email',
          'Your company account has no verified email address, so Tandem cannot tell which account is yours.',
        );
      const email = claims.email;
      let user = await r.users.byEmail(email);
      // Refused before anything is linked: the transaction leaves no trace of the attempt.
      if (user?.disabled) throw noAccount('disabled', 'This account is disabled.');
      // Someone invited (and new here) joins with the invitation's role, as a password accept would.
      if (!user && inviteHash) return joinByInvite(r, inviteHash, claims, email);
      if (!user && !allowSignup)
        throw noAccount(
          'no_account',
          `There is no Tandem account for ${email}. Ask a workspace admin to invite you.`,
        );
      if (!user) {
        const name = claims.name?.trim().slice(0, 80) || email.split('@')[0]!;
        user = await r.users.insert({ email, name, passwordHash: null, workspaceRole: 'member' });
        await recordEvent(r, {
          productId: null,
          actorId: user.id,
          entityType: 'user',
          entityId: user.id,
          type: 'user.sso_signed_up',
          after: { issuer: claims.issuer, email, name },
        });
      } else {
        await recordEvent(r, {
          productId: null,
          actorId: user.id,
          entityType: 'user',
          entityId: user.id,
          type: 'user.sso_linked',
          after: { issuer: claims.issuer, email },
        });
      }
      await r.userIdentities.link({ issuer: claims.issuer, subject: claims.subject, userId: user.id, email });
      return user;
    });
  }

  /** A new person from an invitation, proved by the provider's verified email; the invitation is used up. */
  async function joinByInvite(r: Repos, inviteHash: Buffer, claims: IdentityClaims, email: string) {
    const invite = await r.invites.byToken(inviteHash);
    if (!invite || invite.usedAt || invite.expiresAt < now())
      throw noAccount(
        'invite_used_or_expired',
        'This invitation link has expired or was already used. Ask for a new one.',
      );
    if (invite.email && invite.email !== email)
      throw noAccount(
        'invite_other_email',
        `This invitation is for ${invite.email}, but your company account is ${email}.`,
      );
    const name = claims.name?.trim().slice(0, 80) || email.split('@')[0]!;
    const user = await createInvitedUser(r, invite, { email, name, passwordHash: null });
    await r.userIdentities.link({ issuer: claims.issuer, subject: claims.subject, userId: user.id, email });
    return user;
  }

  return {
    /** What the sign-in page offers. */
    methods: () => ({ password: passwordSignIn, sso: setup ? { name: setup.name } : null }),

    /** Starts a sign-in at the provider; the state goes back to the browser in a cookie as well. */
    async begin(input: {
      redirectUri: string;
      returnTo?: string | undefined;
      /** An invitation's token, accepted when the sign-in comes back. */
      invite?: string | undefined;
    }) {
      const { provider } = need();
      const at = now();
      await store.read.oidcLogins.deleteExpired(at);
      // Checked before the provider is asked for anything; two instances at once may pass a few over.
      if ((await store.read.oidcLogins.countPending(at)) >= PENDING_SIGN_INS.max)
        throw new AppError(
          'rate_limited',
          'Too many sign-ins are under way right now. Try again in a minute.',
          undefined,
          { retryAfterSeconds: 60 },
        );
      const started = await provider.start(input.redirectUri).catch((err: unknown) => {
        throw failed('unreachable', `the identity provider cannot be reached: ${(err as Error).message}`);
      });
      await store.read.oidcLogins.insert(
        sha256(started.state),
        {
          codeVerifier: started.codeVerifier,
          nonce: started.nonce,
          redirectUri: input.redirectUri,
          returnTo: safeReturnTo(input.returnTo),
          inviteHash: input.invite ? sha256(input.invite) : null,
        },
        new Date(at.getTime() + PENDING_SIGN_INS.ms),
      );
      return { url: started.url.href, state: started.state };
    },

    /**
     * The provider sent the browser back. The state must be the one this browser started with
     * (its cookie) and still pending (used once, at most 10 minutes old); the provider's answer
     * must pass the code, PKCE and nonce checks.
     */
    async finish(input: { query: URLSearchParams; browserState: string | undefined }) {
      const { provider } = need();
      const providerError = input.query.get('error');
      if (providerError) throw failed('provider_error', `the provider answered ${providerError}`);
      const state = input.query.get('state');
      if (!state || !input.browserState || state !== input.browserState)
        throw failed('foreign_state', 'this browser did not start that sign-in');
      const pending = await store.read.oidcLogins.take(sha256(state), now());
      if (!pending) throw failed('used_or_expired', 'that sign-in was already used or has expired');
      const callback = new URL(pending.redirectUri);
      callback.search = input.query.toString();
      const claims = await provider
        .finish(callback, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier })
        .catch((err: unknown) => {
          throw failed('token_rejected', `the provider's answer did not check out: ${explain(err)}`);
        });
      const user = await accountFor(claims, pending.inviteHash);
      return { user, sessionId: await openSession(store, user.id, now()), returnTo: pending.returnTo };
    },
  };
}
export type SsoUseCases = ReturnType<typeof ssoUseCases>;
