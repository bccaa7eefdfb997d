import type { FastifyInstance } from 'fastify';
import type { Services } from '#app/services.ts';
import { setRetryAfter } from './database-unavailable.ts';

/** What the embedded database's supervisor says (db/supervisor.ts); absent with DATABASE_URL. */
export interface DatabaseWatch {
  readonly state: 'running' | 'restarting' | 'failed' | 'stopped';
  readonly restarts: number;
}

const PING_TIMEOUT_MS = 2_000;

/**
 * GET /api/health: 200 `{status: "ok"}` when the database answers; otherwise 503 with Retry-After
 * and `{status: "degraded", database: "restarting" | "failed" | "unreachable"}`.
 */
export function registerHealth(app: FastifyInstance, services: Services, watch?: DatabaseWatch): void {
  app.get('/api/health', async (_req, reply) => {
    const restarts = watch ? { restarts: watch.restarts } : {};
    if (watch && watch.state !== 'running') {
      const database = watch.state === 'stopped' ? 'unreachable' : watch.state;
      return setRetryAfter(reply)
        .status(503)
        .send({ status: 'degraded', database, ...restarts });
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        services.system.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer')), PING_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ok', database: 'ok', ...restarts };
    } catch {
      // The server may have died a moment ago, before its supervisor heard of it.
      return setRetryAfter(reply)
        .status(503)
        .send({ status: 'degraded', database: 'unreachable', ...restarts });
    } finally {
      clearTimeout(timer);
    }
  });
}
