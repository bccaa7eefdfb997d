import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Actor } from '#app/actor.ts';
import { AUTH_TOPIC } from '#app/auth.ts';
import { JsonText } from '#app/json-text.ts';
import type { ProductContext } from '#app/products.ts';
import type { Services } from '#app/services.ts';
import { AppError } from '#domain/errors.ts';
import { registerApiDocs } from './docs.ts';
import { clientErrorHandler, errorHandler, fieldsFromZod, frameworkError, sendError } from './errors.ts';
import { type DatabaseWatch, registerHealth } from './health.ts';
import { buildOpenApi } from './openapi.ts';
import { registerRateLimits } from './rate-limits.ts';
import { requestLogAtDebug } from './request-log.ts';
import { checkResponses } from './response-check.ts';
import { ACCESS_KINDS, type AnyRoute, authorize, type HandlerContext } from './route.ts';
import { registerSecurity, staticCacheControl } from './security.ts';
import { registerSignInLimits, trustProxyOption } from './sign-in-limits.ts';
import { registerSsoLimits } from './sso-limits.ts';

export { SESSION_COOKIE } from './session-cookie.ts';

import { SESSION_COOKIE } from './session-cookie.ts';

export interface ServerOptions {
  services: Services;
  logger: Logger;
  baseUrl?: string | undefined;
  /** Folder of the built web app; served with an SPA fallback when present. */
  webDir?: string | undefined;
  /** The route table (capabilities/index.ts: `allRoutes`). */
  routes: readonly AnyRoute[];
  /**
   * Check every JSON response against the route's declared schema (errors against ErrorBody) and
   * answer 500 on a mismatch. The test harness turns it on; so does TANDEM_CHECK_RESPONSES=1.
   */
  checkResponses?: boolean;
  /** TANDEM_TRUST_PROXY: hops or proxy addresses whose X-Forwarded-* to believe; none by default. */
  trustProxy?: number | string[] | false | undefined;
  /** The embedded database's supervisor, for /api/health. */
  database?: DatabaseWatch | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'cookie' | 'token' | null;
    sessionId: string | null;
    /** The product a product-scoped request acts on, once access is granted. */
    productId: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const { routes } = opts;
  const checking = opts.checkResponses ?? process.env.TANDEM_CHECK_RESPONSES === '1';
  const app = Fastify({
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    logController: requestLogAtDebug(),
    // Every log line of a request carries its id; a caller-sent X-Request-Id is kept.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: trustProxyOption(opts.trustProxy),
    bodyLimit: 10 * 1024 * 1024,
    // Live streams never finish on their own: at shutdown, close every connection.
    forceCloseConnections: true,
    // Errors raised before a route runs, and by Node's HTTP parser: the one error shape.
    frameworkErrors: (err, _req, reply) => frameworkError(err, reply),
    clientErrorHandler,
  });
  await app.register(cookie);
  // ── security headers (http/security.ts) ──
  await registerSecurity(app, { baseUrl: opts.baseUrl });
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('productId', null);
  // A finished write on this instance drops cached reads of its product before the response
  // leaves, so the caller always reads its own write (other instances hear it via NOTIFY).
  app.addHook('onSend', async (req, _reply, payload) => {
    // Writes outside a product (sign-out, tokens, users) may end someone's access: topic 'auth'.
    if (UNSAFE.has(req.method)) services.changes.touched(req.productId ?? AUTH_TOPIC);
    return payload;
  });

  // Resolve the caller once per request, from the bearer token or the session cookie.
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await services.auth.actorFromToken(auth.slice(7).trim());
      req.authVia = req.actor ? 'token' : null;
      if (!req.actor) throw new AppError('unauthenticated', 'That API token is not valid or was revoked.');
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) {
      req.actor = await services.auth.actorFromSession(sid);
      req.authVia = req.actor ? 'cookie' : null;
      req.sessionId = req.actor ? sid : null;
    }
  });

  const allowedOrigins = new Set<string>(opts.baseUrl ? [new URL(opts.baseUrl).origin] : []);
  /** CSRF: a state change carried by a cookie must come from our own origin. */
  function checkOrigin(req: FastifyRequest) {
    if (!UNSAFE.has(req.method) || req.authVia === 'token') return;
    if (req.authVia !== 'cookie' && !req.cookies[SESSION_COOKIE]) return;
    const origin =
      req.headers.origin ?? (req.headers.referer ? new URL(req.headers.referer).origin : undefined);
    const own = `${req.protocol}://${req.headers.host}`;
    if (!origin || (origin !== own && !allowedOrigins.has(origin))) {
      throw new AppError('forbidden', 'This request did not come from Tandem itself (Origin check failed).');
    }
  }

  registerSignInLimits(app, () => services.auth.deviceKey());
  registerSsoLimits(app);
  await registerRateLimits(app);
  // RFC 8058: a mail client's one-click unsubscribe POSTs `List-Unsubscribe=One-Click` as a form.
  // Only that route takes a form body; anywhere else a form is refused as before (415).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    if (!req.url.startsWith('/api/v1/mail/unsubscribe/')) {
      done(
        Object.assign(new Error('Unsupported Media Type'), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
      );
      return;
    }
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.decorate('publicOrigin', opts.baseUrl ? new URL(opts.baseUrl).origin : null);

  for (const route of routes) {
    // A route without a known access rule never gets registered: the server refuses to start.
    if (!(ACCESS_KINDS as readonly string[]).includes(String(route.access?.kind))) {
      throw new Error(`${route.method} ${route.url} has no access rule; give it one with allow.*`);
    }
    app.route({
      method: route.method,
      url: route.url,
      ...(checking ? { onSend: checkResponses(route) } : {}),
      handler: async (req, reply) => {
        checkOrigin(req);
        const parse = <T>(
          schema:
            | {
                safeParse(
                  v: unknown,
                ): { success: true; data: T } | { success: false; error: import('zod').ZodError };
              }
            | undefined,
          value: unknown,
          where: string,
        ): T => {
          if (!schema) return undefined as T;
          const r = schema.safeParse(value ?? (where === 'body' ? {} : value));
          if (!r.success) {
            const fields = fieldsFromZod(r.error, where === 'body' ? '' : where);
            throw new AppError(
              'validation_failed',
              `Please check: ${Object.keys(fields).join(', ')}.`,
              fields,
            );
          }
          return r.data;
        };
        const rawParams = req.params as Record<string, string>;
        // Authorize before validating, so a stranger learns nothing from validation messages.
        const product = await authorize(route.access, req.actor, rawParams, services);
        req.productId = product?.productId ?? null;
        const ctx: HandlerContext<unknown, unknown, unknown> = {
          params: parse(route.params, rawParams, 'params'),
          query: parse(route.query, req.query, 'query'),
          body: parse(route.body, req.body, 'body'),
          actor: req.actor as Actor,
          product: product as ProductContext,
          services,
          req,
          reply,
        };
        const key = route.idempotent ? req.headers['idempotency-key'] : undefined;
        if (typeof key === 'string' && key && req.actor) {
          const result = await services.system.once(
            req.actor.userId,
            key.slice(0, 200),
            idempotentRequest(route.method, req.url, req.body),
            async () => ({
              status: route.status ?? 200,
              body: await route.handler(ctx),
            }),
          );
          if (result.replayed) reply.header('idempotent-replayed', 'true');
          return reply.status(result.status).send(result.body);
        }
        const out = await route.handler(ctx);
        if (route.raw) return reply;
        const status = route.status ?? 200;
        if (status === 204) return reply.status(204).send();
        if (out instanceof JsonText)
          return reply.status(status).type('application/json; charset=utf-8').send(out.text);
        return reply.status(status).send(out);
      },
    });
  }

  const openapi = buildOpenApi(routes);
  app.get('/api/openapi.json', async () => openapi);
  // ── API docs under the CSP (http/docs.ts) ──
  await registerApiDocs(app);
  registerHealth(app, services, opts.database);

  if (opts.webDir && existsSync(path.join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: opts.webDir,
      wildcard: false,
      index: false,
      // ── caching (http/security.ts): hashed /assets/* for a year, the HTML shell no-cache ──
      cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('cache-control', staticCacheControl(filePath)),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !opts.webDir || !existsSync(path.join(opts.webDir, 'index.html'))) {
      return sendError(reply, new AppError('not_found', 'There is nothing at this address.'));
    }
    // The SPA handles its own routes.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}

/** What an Idempotency-Key is bound to: the same key with another method, path or body is refused. */
function idempotentRequest(method: string, url: string, body: unknown) {
  const route = `${method} ${url}`;
  const hash = createHash('sha256')
    .update(`${route}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
  return { route, hash };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** TANDEM_BASE_URL's origin, for links we hand out; null means "the origin of the request". */
    publicOrigin: string | null;
  }
}
