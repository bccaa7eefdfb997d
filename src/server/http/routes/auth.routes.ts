import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '#app/actor.ts';
import type { UserRecord } from '#app/ports.ts';
import { sha256 } from '#app/secrets.ts';
import type { Services } from '#app/services.ts';
import {
  AcceptInviteBody,
  ApiToken,
  ApiTokenList,
  ChangePasswordBody,
  CreateTokenBody,
  InviteInfo,
  InviteTokenParams,
  LoginBody,
  Me,
  PasswordResetInfo,
  PasswordResetTokenParams,
  ResetPasswordBody,
  SetupBody,
  SetupStatus,
  TokenParams,
} from '#contracts/auth.ts';
import { Ok } from '#contracts/common.ts';
import { AppError } from '#domain/errors.ts';
import { presentToken, presentUser } from '#http/presenters.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { SESSION_COOKIE } from '#http/session-cookie.ts';

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, sessionId: string) {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https' || req.server.publicOrigin?.startsWith('https:') === true,
    maxAge: 30 * 24 * 3600,
  });
}

/** Runs a password check under the sign-in limits: a wrong password counts as a failure. */
async function limited<T>(attempt: { failed(): Promise<void> }, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    const wrong =
      err instanceof AppError &&
      (err.code === 'invalid_credentials' ||
        (err.code === 'validation_failed' && err.fields?.currentPassword));
    if (wrong) await attempt.failed();
    throw err;
  }
}

/** A person and the products they belong to: what /me and every sign-in return. */
async function meBody(services: Services, user: UserRecord) {
  const actor: Actor = {
    userId: user.id,
    name: user.name,
    email: user.email,
    workspaceRole: user.workspaceRole,
  };
  const products = await services.products.listForUser(actor);
  return {
    user: presentUser(user),
    memberships: products.map((p) => ({
      productId: p.id,
      productName: p.name,
      productKey: p.key,
      role: p.role,
    })),
  };
}

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/setup',
    tag: 'auth',
    summary: 'Whether this instance still needs its first admin',
    access: allow.public,
    response: SetupStatus,
    handler: ({ services }) => services.auth.setupStatus(),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/setup',
    tag: 'auth',
    summary: 'Create the first admin (first run only)',
    access: allow.public,
    body: SetupBody,
    response: Me,
    status: 201,
    async handler(ctx) {
      const { user, sessionId } = await ctx.services.auth.setup(ctx.body);
      setSessionCookie(ctx.req, ctx.reply, sessionId);
      return { user: presentUser(user), memberships: [] };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password',
    access: allow.public,
    body: LoginBody,
    response: Me,
    async handler(ctx) {
      const attempt = await ctx.req.server.signInLimits.begin(ctx.req, ctx.body.email);
      const { user, sessionId } = await limited(attempt, () =>
        ctx.services.auth.login(ctx.body.email, ctx.body.password),
      );
      // A fresh session id at every sign-in (no fixation); an old cookie's session is ended.
      if (ctx.req.sessionId) await ctx.services.auth.logout(ctx.req.sessionId);
      setSessionCookie(ctx.req, ctx.reply, sessionId);
      // After the session cookie, so that one stays first in Set-Cookie.
      await attempt.succeeded(ctx.reply);
      return meBody(ctx.services, user);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/logout',
    tag: 'auth',
    summary: 'Sign out: ends the session on the server',
    access: allow.user,
    response: Ok,
    async handler(ctx) {
      if (ctx.req.sessionId) await ctx.services.auth.logout(ctx.req.sessionId);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me',
    tag: 'auth',
    summary: 'The signed-in user and their products',
    access: allow.user,
    response: Me,
    handler: async (ctx) => meBody(ctx.services, await ctx.services.users.get(ctx.actor.userId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/password',
    tag: 'auth',
    summary: 'Change your password (needs the current one); your other sessions end, this one stays',
    access: { kind: 'user' },
    body: ChangePasswordBody,
    response: Ok,
    async handler(ctx) {
      // Guessing the current password from a stolen session is slowed like sign-in.
      const attempt = await ctx.req.server.signInLimits.begin(ctx.req, ctx.actor.email, { devices: false });
      const keep = ctx.req.sessionId ? sha256(ctx.req.sessionId) : null;
      await limited(attempt, () => ctx.services.auth.changePassword(ctx.actor, keep, ctx.body));
      await attempt.succeeded(ctx.reply);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/tokens',
    tag: 'auth',
    summary: 'Your personal API tokens',
    access: allow.user,
    response: ApiTokenList,
    handler: async (ctx) => ({ tokens: (await ctx.services.auth.listTokens(ctx.actor)).map(presentToken) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/me/tokens',
    tag: 'auth',
    summary: 'Create a personal API token (the secret is shown once)',
    access: allow.user,
    body: CreateTokenBody,
    response: ApiToken,
    status: 201,
    handler: async (ctx) => presentToken(await ctx.services.auth.createToken(ctx.actor, ctx.body.name)),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/me/tokens/:tokenId',
    tag: 'auth',
    summary: 'Revoke a personal API token',
    access: allow.user,
    params: TokenParams,
    status: 204,
    handler: (ctx) => ctx.services.auth.revokeToken(ctx.actor, ctx.params.tokenId),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/invites/:token',
    tag: 'auth',
    summary: 'What an invitation link is for',
    access: allow.public,
    params: InviteTokenParams,
    response: InviteInfo,
    handler: (ctx) => ctx.services.auth.inviteInfo(ctx.params.token),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/invites/:token/accept',
    tag: 'auth',
    summary: 'Create your account from an invitation',
    access: allow.public,
    params: InviteTokenParams,
    body: AcceptInviteBody,
    response: Me,
    status: 201,
    async handler(ctx) {
      const { user, sessionId } = await ctx.services.auth.acceptInvite(ctx.params.token, ctx.body);
      setSessionCookie(ctx.req, ctx.reply, sessionId);
      return meBody(ctx.services, user);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/password-resets/:token',
    tag: 'auth',
    summary: 'Whose password a reset link is for',
    access: { kind: 'public' },
    params: PasswordResetTokenParams,
    response: PasswordResetInfo,
    handler: (ctx) => ctx.services.auth.passwordResetInfo(ctx.params.token),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/password-resets/:token',
    tag: 'auth',
    summary: 'Choose a new password with a reset link (single use); every session of that user ends',
    access: { kind: 'public' },
    params: PasswordResetTokenParams,
    body: ResetPasswordBody,
    response: Ok,
    async handler(ctx) {
      await ctx.services.auth.resetPassword(ctx.params.token, ctx.body.newPassword);
      return { ok: true as const };
    },
  }),
];
