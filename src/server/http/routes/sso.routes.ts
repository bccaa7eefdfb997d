import type { FastifyReply, FastifyRequest } from 'fastify';
import { OidcCallbackQuery, OidcLoginQuery, SignInMethods } from '#contracts/integrations.ts';
import { AppError } from '#domain/errors.ts';
import { originOf, secureCookies } from '#http/public-origin.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';
import { setSessionCookie } from './auth.routes.ts';

const LOGIN = '/api/v1/auth/oidc/login';
const CALLBACK = '/api/v1/auth/oidc/callback';
/** Holds the state this browser started with, so a callback made for someone else is refused. */
const STATE_COOKIE = 'tandem_oidc_state';
const cookieOptions = (req: FastifyRequest) => ({
  path: '/api/v1/auth/oidc',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: secureCookies(req),
});

/** Browsers reach these routes by navigation: failures go back to the sign-in page, by code only. */
function backToSignIn(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  // Over a limit is an answer of its own (429 with Retry-After), not a sign-in to retry.
  if (!(err instanceof AppError) || err.code === 'rate_limited') throw err;
  const reason = (err.details as { reason?: string } | undefined)?.reason;
  req.log.warn({ code: err.code, reason, message: err.message }, 'single sign-on refused');
  const query = new URLSearchParams({ sso_error: err.code, ...(reason ? { reason } : {}) });
  return reply.redirect(`/signin?${query}`, 303);
}

export const ssoRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/methods',
    tag: 'auth',
    summary: 'How people sign in here: password, and single sign-on when configured',
    access: allow.public,
    response: SignInMethods,
    handler: async ({ services }) => {
      const m = services.sso.methods();
      return { password: m.password, sso: m.sso ? { name: m.sso.name, loginUrl: LOGIN } : null };
    },
  }),
  defineRoute({
    method: 'GET',
    url: LOGIN,
    tag: 'auth',
    summary: 'Sign in with the identity provider: redirects there (authorization code + PKCE)',
    access: allow.public,
    query: OidcLoginQuery,
    raw: true,
    async handler({ services, req, reply, query }) {
      await req.server.ssoLimits.take(req, 'login');
      try {
        const { url, state } = await services.sso.begin({
          redirectUri: `${originOf(req)}${CALLBACK}`,
          returnTo: query.returnTo,
          invite: query.invite,
        });
        reply.setCookie(STATE_COOKIE, state, { ...cookieOptions(req), maxAge: 600 });
        return reply.header('cache-control', 'no-store').redirect(url, 302);
      } catch (err) {
        return backToSignIn(req, reply, err);
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: CALLBACK,
    tag: 'auth',
    summary: 'Where the identity provider sends people back: signs them in, then back into Tandem',
    access: allow.public,
    query: OidcCallbackQuery,
    raw: true,
    async handler({ services, req, reply }) {
      await req.server.ssoLimits.take(req, 'callback');
      const browserState = req.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, cookieOptions(req)).header('cache-control', 'no-store');
      try {
        const query = new URLSearchParams(req.url.split('?')[1] ?? '');
        const { sessionId, returnTo } = await services.sso.finish({ query, browserState });
        // A fresh session id at every sign-in (no fixation); an old cookie's session is ended.
        if (req.sessionId) await services.auth.logout(req.sessionId);
        setSessionCookie(req, reply, sessionId);
        return reply.redirect(returnTo, 303);
      } catch (err) {
        return backToSignIn(req, reply, err);
      }
    },
  }),
];
