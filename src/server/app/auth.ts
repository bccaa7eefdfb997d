import { recordEvent } from '#app/events.ts';
import { AppError, invalid } from '#domain/errors.ts';
import type { Actor } from './actor.ts';
import type { ChangeFeed } from './change-feed.ts';
import { assertUsablePassword, passwordProblem } from './password-policy.ts';
import { passwordUseCases } from './passwords.ts';
import type { InviteRecord, SessionRecord, TokenRecord, UserSummary, WorkspaceRoleName } from './ports.ts';
import { decoyHash, hashPassword, newSecret, sha256, verifyPassword } from './secrets.ts';
import type { Repos, Store } from './store.ts';
import { TopicCache } from './topic-cache.ts';

export const AUTH_TOPIC = 'auth';
type CachedCredential = SessionRecord | (TokenRecord & { user: UserSummary });

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

const TOUCH_EVERY_MS = 60_000;
const INVITE_DAYS = 7;

/** A new session for a person who proved who they are (password, invitation, single sign-on). */
export async function openSession(store: Store, userId: string, at: Date): Promise<string> {
  const sessionId = newSecret('s');
  await store.read.sessions.insert(sha256(sessionId), userId, at);
  return sessionId;
}

export function authUseCases(
  store: Store,
  policy: SessionPolicy,
  now: () => Date = () => new Date(),
  changes?: ChangeFeed,
  signIn: { password: boolean } = { password: true },
) {
  // Who a session or token belongs to, kept until anything about access changes (topic 'auth').
  const cache = changes
    ? new TopicCache<CachedCredential | null>(changes, { maxAgeMs: 5_000, maxEntries: 10_000 })
    : null;
  const remember = <T extends CachedCredential | null>(key: string, load: () => Promise<T>): Promise<T> =>
    cache ? (cache.get(AUTH_TOPIC, key, load) as Promise<T>) : load();
  const toActor = (u: UserSummary): Actor => ({
    userId: u.id,
    name: u.name,
    email: u.email,
    workspaceRole: u.workspaceRole,
  });

  const startSession = (userId: string) => openSession(store, userId, now());

  let deviceKey: Promise<Buffer> | undefined;
  /** Creates the first admin under the setup lock; null when someone already exists. */
  async function firstAdmin(
    input: { email: string; name: string; password: string; workspaceName?: string | undefined },
    extra: Record<string, string>,
  ) {
    const passwordHash = await hashPassword(input.password);
    return store.transaction(async (r) => {
      await r.workspace.lockForSetup();
      if ((await r.users.count()) > 0) return null;
      if (input.workspaceName) await r.workspace.rename(input.workspaceName);
      const u = await r.users.insert({
        email: input.email,
        name: input.name,
        passwordHash,
        workspaceRole: 'admin',
      });
      await recordEvent(r, {
        productId: null,
        actorId: u.id,
        entityType: 'user',
        entityId: u.id,
        type: 'workspace.setup',
        after: { email: u.email, ...extra },
      });
      return u;
    });
  }

  return {
    ...passwordUseCases(store, now, signIn.password),

    /** The key that signs "known device" cookies (the same on every instance). */
    deviceKey(): Promise<Buffer> {
      deviceKey ??= store.read.workspace.deviceKey().catch((err: unknown) => {
        deviceKey = undefined;
        throw err;
      });
      return deviceKey;
    },

    async setupStatus() {
      return {
        needsSetup: (await store.read.users.count()) === 0,
        workspaceName: await store.read.workspace.name(),
      };
    },

    /** First run: creates the first admin. Refused once anyone exists. */
    async setup(input: {
      email: string;
      name: string;
      password: string;
      workspaceName?: string | undefined;
    }) {
      assertUsablePassword('password', input.password, input);
      const user = await firstAdmin(input, {});
      if (!user) throw new AppError('setup_done', 'Tandem is already set up. Sign in instead.');
      return { user, sessionId: await startSession(user.id) };
    },

    /**
     * TANDEM_ADMIN_EMAIL + TANDEM_ADMIN_PASSWORD at start-up: that admin, but only on an empty
     * database. Returns whether it was created.
     */
    async ensureAdmin(admin: { email: string; password: string }) {
      // Most starts find people already there: skip hashing the password for nothing.
      if ((await store.read.users.count()) > 0) return false;
      const problem = passwordProblem(admin.password, admin);
      if (problem) throw new Error(`TANDEM_ADMIN_PASSWORD: ${problem}.`);
      return (await firstAdmin({ ...admin, name: 'Admin' }, { via: 'environment' })) !== null;
    },

    /** Same answer and about the same time for an unknown email and a wrong password. */
    async login(email: string, password: string) {
      if (!signIn.password)
        throw new AppError(
          'password_sign_in_off',
          'Password sign-in is turned off here: sign in with your company account.',
        );
      const user = await store.read.users.byEmail(email);
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      if (!user || !ok || user.disabled) {
        throw new AppError('invalid_credentials', 'That email and password do not match an active account.');
      }
      return { user, sessionId: await startSession(user.id) };
    },

    async logout(sessionId: string) {
      await store.read.sessions.delete(sha256(sessionId));
    },

    /** Resolves a session cookie; enforces idle and absolute timeouts server-side. */
    async actorFromSession(sessionId: string): Promise<Actor | null> {
      const idHash = sha256(sessionId);
      const session = await remember(`s:${idHash.toString('hex')}`, () => store.read.sessions.get(idHash));
      if (!session || session.user.disabled) return null;
      const t = now().getTime();
      if (
        t - session.lastSeenAt.getTime() > policy.idleMs ||
        t - session.createdAt.getTime() > policy.maxMs
      ) {
        await store.read.sessions.delete(idHash);
        changes?.touched(AUTH_TOPIC);
        return null;
      }
      if (t - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await store.read.sessions.touch(idHash, now());
        session.lastSeenAt = now();
      }
      return toActor(session.user);
    },

    async actorFromToken(token: string): Promise<Actor | null> {
      const tokenHash = sha256(token);
      const found = await remember(`t:${tokenHash.toString('hex')}`, () => store.read.tokens.find(tokenHash));
      if (!found || found.user.disabled) return null;
      // Stamp last use at most once a minute so a busy script does not write on every call.
      const t = now();
      if (!found.lastUsedAt || t.getTime() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await store.read.tokens.stampUse(found.id, t);
        found.lastUsedAt = t;
      }
      return toActor(found.user);
    },

    async createToken(actor: Actor, name: string) {
      const token = newSecret('tdm');
      const record = await store.transaction(async (r) => {
        const t = await r.tokens.insert(actor.userId, name, sha256(token));
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'api_token',
          entityId: t.id,
          type: 'token.created',
          after: { name },
        });
        return t;
      });
      return { ...record, token };
    },
    listTokens: (actor: Actor) => store.read.tokens.listForUser(actor.userId),
    async revokeToken(actor: Actor, tokenId: string) {
      const ok = await store.transaction(async (r) => {
        const done = await r.tokens.revoke(actor.userId, tokenId);
        if (done)
          await recordEvent(r, {
            productId: null,
            actorId: actor.userId,
            entityType: 'api_token',
            entityId: tokenId,
            type: 'token.revoked',
          });
        return done;
      });
      if (!ok) throw new AppError('not_found', 'That token was not found.');
    },

    async createInvite(
      actor: Actor,
      input: { email?: string | undefined; workspaceRole: WorkspaceRoleName },
    ) {
      const token = newSecret('inv');
      const expiresAt = new Date(now().getTime() + INVITE_DAYS * 86_400_000);
      const invite = await store.transaction(async (r) => {
        const i = await r.invites.insert({
          tokenHash: sha256(token),
          email: input.email ?? null,
          workspaceRole: input.workspaceRole,
          createdBy: actor.userId,
          expiresAt,
        });
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'invite',
          entityId: i.id,
          type: 'invite.created',
          after: { email: i.email, workspaceRole: i.workspaceRole },
        });
        return i;
      });
      return { invite, token };
    },

    async inviteInfo(token: string) {
      const invite = await store.read.invites.byToken(sha256(token));
      if (!invite || invite.usedAt || invite.expiresAt < now()) {
        throw new AppError(
          'not_found',
          'This invitation link has expired or was already used. Ask for a new one.',
        );
      }
      return { email: invite.email, workspaceName: await store.read.workspace.name() };
    },

    async acceptInvite(token: string, input: { email: string; name: string; password?: string | undefined }) {
      // With single sign-on only, the invitation is accepted through the provider (app/sso/sso.ts).
      if (!signIn.password) {
        if (input.password !== undefined)
          throw invalid({
            password: 'Passwords are turned off here: accept the invitation with your company account',
          });
        throw new AppError(
          'password_sign_in_off',
          'Password sign-in is turned off here: accept the invitation with your company account (single sign-on).',
        );
      }
      if (input.password === undefined) throw invalid({ password: 'Choose a password' });
      assertUsablePassword('password', input.password, input);
      const passwordHash = await hashPassword(input.password);
      const user = await store.transaction(async (r) => {
        const invite = await r.invites.byToken(sha256(token));
        if (!invite || invite.usedAt || invite.expiresAt < now()) {
          throw new AppError(
            'not_found',
            'This invitation link has expired or was already used. Ask for a new one.',
          );
        }
        if (invite.email && invite.email !== input.email)
          throw invalid({ email: `This invitation is for ${invite.email}` });
        if (await r.users.byEmail(input.email))
          throw invalid({ email: 'An account with this email already exists. Sign in instead.' });
        return createInvitedUser(r, invite, { email: input.email, name: input.name, passwordHash });
      });
      return { user, sessionId: await startSession(user.id) };
    },
  };
}
export type AuthUseCases = ReturnType<typeof authUseCases>;

/**
 * The invited person's account, in the caller's transaction: created with the invitation's role,
 * the invitation used up, `invite.accepted` recorded. With a password or, through single sign-on,
 * without one.
 */
export async function createInvitedUser(
  r: Repos,
  invite: InviteRecord,
  person: { email: string; name: string; passwordHash: string | null },
) {
  const user = await r.users.insert({ ...person, workspaceRole: invite.workspaceRole });
  await r.invites.markUsed(invite.id, user.id);
  await recordEvent(r, {
    productId: null,
    actorId: user.id,
    entityType: 'user',
    entityId: user.id,
    type: 'invite.accepted',
    after: { email: user.email },
  });
  return user;
}
