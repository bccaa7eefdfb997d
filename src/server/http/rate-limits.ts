import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '#domain/errors.ts';
import { addressKey } from './sign-in-limits.ts';

/**
 * Reads that cost the database real work (a text search, a sort other than the backlog order, an
 * export, an import preview) are limited per user, so one person flooding them cannot starve
 * everyone else. Everything else is not limited here. One bucket per user (per address when
 * signed out) across all of them; the counters are kept in memory per instance. A burst the size
 * of `max` is allowed, enough for someone typing into the search box or paging a sorted list.
 * The bench turns `max` up to measure the database alone (bench/neighbour.bench.ts).
 */
export const EXPENSIVE_READS = { max: 120, windowMs: 60_000 };

const LIST = '/api/v1/products/:productId/items';
const EXPENSIVE_ROUTES = new Set([
  `GET ${LIST}/export`,
  `POST ${LIST}/import/preview`,
  'GET /api/v1/items/:itemId/feature',
]);

/** Whether this request counts against its caller's limit of expensive reads. */
export function isExpensive(req: FastifyRequest): boolean {
  const route = `${req.method} ${req.routeOptions.url ?? ''}`;
  if (EXPENSIVE_ROUTES.has(route)) return true;
  if (route !== `GET ${LIST}`) return false;
  const q = req.query as { q?: unknown; sort?: unknown };
  return (typeof q.q === 'string' && q.q.trim() !== '') || (typeof q.sort === 'string' && q.sort !== 'rank');
}

/** Registers the limit; call before the routes are added. Over it: 429 with Retry-After. */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  // Headers only once over the limit (Retry-After among them), not on every search.
  await app.register(rateLimit, {
    global: false,
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
  });
  const limit = app.rateLimit({
    max: () => EXPENSIVE_READS.max,
    timeWindow: () => EXPENSIVE_READS.windowMs,
    keyGenerator: (req) => (req.actor ? `user:${req.actor.userId}` : `ip:${addressKey(req.ip)}`),
    // Retry-After and the X-RateLimit-* headers are set by the plugin before this is thrown.
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        'rate_limited',
        `Too many searches, sorts or exports at once. Try again in ${ctx.after}.`,
      ) as never,
  });
  // preHandler: after the caller is resolved (onRequest), so the limit is per user.
  app.addHook('preHandler', async (req, reply) => {
    if (isExpensive(req)) await limit.call(app, req, reply);
  });
}
