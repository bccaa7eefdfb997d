import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Actor } from '#app/actor.ts';
import { AUTH_TOPIC } from '#app/auth.ts';
import type { ProductContext } from '#app/products.ts';
import type { Services } from '#app/services.ts';
import { AppError } from '#domain/errors.ts';
import { hasRole } from '#domain/roles.ts';
import { errorHandler, fieldsFromZod, sendError } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import { registerRateLimits } from './rate-limits.ts';
import type { AnyRoute, HandlerContext } from './route.ts';
import { allRoutes } from './routes/index.ts';
import { registerSignInLimits, trustProxyOption } from './sign-in-limits.ts';

export { SESSION_COOKIE } from './session-cookie.ts';

import { SESSION_COOKIE } from './session-cookie.ts';

export interface ServerOptions {
  services: Services;
  logger: Logger;
  baseUrl?: string | undefined;
  /** Folder of the built web app; served with an SPA fallback when present. */
  webDir?: string | undefined;
  routes?: AnyRoute[];
  /** TANDEM_TRUST_PROXY: hops or proxy addresses whose X-Forwarded-* to believe; none by default. */
  trustProxy?: number | string[] | false | undefined;
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const routes = opts.routes ?? allRoutes;
  const app = Fastify({
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    // Every log line of a request carries its id; a caller-sent X-Request-Id is kept.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: trustProxyOption(opts.trustProxy),
    bodyLimit: 10 * 1024 * 1024,
    // Live streams never finish on their own: at shutdown, close every connection.
    forceCloseConnections: true,
  });
  await app.register(cookie);
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

  async function authorize(
    route: AnyRoute,
    req: FastifyRequest,
    params: Record<string, string>,
  ): Promise<ProductContext | undefined> {
    const access = route.access;
    if (access.kind === 'public') return undefined;
    const actor = req.actor;
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (access.kind === 'user') return undefined;
    if (access.kind === 'admin') {
      if (actor.workspaceRole !== 'admin')
        throw new AppError('forbidden', 'Only workspace admins can do this.');
      return undefined;
    }
    // Built only when thrown: capturing a stack on every request is measurable at a thousand moves a second.
    const hidden = () => new AppError('not_found', 'That was not found, or you have no access to it.');
    // A malformed id names nothing: the same 404, before it reaches the database.
    if (Object.entries(params).some(([k, v]) => k.endsWith('Id') && !UUID.test(v))) throw hidden();
    const productId = access.productOf ? await access.productOf({ params }, services) : params.productId;
    if (!productId) throw hidden();
    const role = await services.products.roleOf(productId, actor.userId);
    if (!role) throw hidden();
    if (!hasRole(role, access.roles)) {
      throw new AppError(
        'forbidden',
        access.deniedMessage ?? `Your role (${role}) cannot do this on this product.`,
      );
    }
    return { actor, productId, role };
  }

  registerSignInLimits(app, () => services.auth.deviceKey());
  await registerRateLimits(app);
  app.decorate('publicOrigin', opts.baseUrl ? new URL(opts.baseUrl).origin : null);

  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
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
        const product = await authorize(route, req, rawParams);
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
          const result = await services.store.idempotent(
            req.actor.userId,
            key.slice(0, 200),
            `${route.method} ${req.url}`,
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
        return reply.status(status).send(out);
      },
    });
  }

  const openapi = buildOpenApi(routes);
  app.get('/api/openapi.json', async () => openapi);
  // Self-hosted docs: nothing loaded from the internet, none of the vendor's AI or client buttons.
  const docs = {
    url: '/api/openapi.json',
    title: 'Tandem API',
    withDefaultFonts: false,
    hideClientButton: true,
    telemetry: false,
    showDeveloperTools: 'never',
    mcp: { disabled: true },
    agent: { disabled: true },
  } as const;
  await app.register(scalar, { routePrefix: '/api/docs', configuration: docs });
  app.get('/api/health', async (_req, reply) => {
    try {
      await services.store.ping();
      return { status: 'ok', database: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });

  if (opts.webDir && existsSync(path.join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: opts.webDir,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: false,
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

declare module 'fastify' {
  interface FastifyInstance {
    /** TANDEM_BASE_URL's origin, for links we hand out; null means "the origin of the request". */
    publicOrigin: string | null;
  }
}
