import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { allRoutes, wire } from '#capabilities/index.ts';
import { createPool, STATEMENT_TIMEOUT_MS } from '#db/pool.ts';
import { buildServer } from '#http/server.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp } from '#testing/harness.ts';

describe('statement timeout', () => {
  it('is set on every pooled connection', async () => {
    const t = await createTestApp();
    const url = (t.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const pool = createPool(url, 1);
    const shown = await pool.query<{ statement_timeout: string }>('show statement_timeout');
    await pool.end();
    expect(shown.rows[0]!.statement_timeout).toBe(`${STATEMENT_TIMEOUT_MS / 1000}s`);
  });

  it('answers 503 busy with Retry-After when a statement runs out of time, instead of hanging', async () => {
    const t = await createTestApp();
    const owner = await t.user('Tim Timeout');
    const { id: productId } = await t.product(owner, 'Timeout product', 'TMO');
    const url = (t.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    // A second instance on the same database whose statements may run 300 ms.
    const pool = new pg.Pool({ connectionString: url, max: 4, statement_timeout: 300 });
    const { services } = wire(pool, { session: { idleMs: 3600_000, maxMs: 86_400_000 } });
    const app = await buildServer({ services, routes: allRoutes, logger: createLogger('silent') });
    afterAll(async () => {
      await app.close();
      await services.close();
    });
    // Someone holds the items table: the list waits for the lock until the timeout cancels it.
    const holder = new pg.Client(url);
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table items in access exclusive mode');
    try {
      const r = await app.inject({
        method: 'GET',
        url: `/api/v1/products/${productId}/items?limit=10`,
        headers: { cookie: owner.cookie, host: 'localhost' },
      });
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('5');
      expect(r.json()).toEqual({ error: { code: 'busy', message: expect.any(String) } });
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    // The pool's connections are fine afterwards.
    const again = await app.inject({
      method: 'GET',
      url: `/api/v1/products/${productId}/items?limit=10`,
      headers: { cookie: owner.cookie, host: 'localhost' },
    });
    expect(again.statusCode).toBe(200);
  });
});
