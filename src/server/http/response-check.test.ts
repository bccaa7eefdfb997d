import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Services } from '#app/services.ts';
import { AppError } from '#domain/errors.ts';
import { createLogger } from '#server/logger.ts';
import { type AnyRoute, allow, defineRoute } from './route.ts';
import { buildServer } from './server.ts';

const Thing = z.object({ id: z.string(), size: z.number() });
const route = (url: string, handler: () => Promise<unknown>, response: z.ZodType | null = Thing) =>
  defineRoute({
    method: 'GET',
    url,
    tag: 't',
    summary: url,
    access: allow.public,
    ...(response ? { response } : {}),
    handler,
  });

const routes: AnyRoute[] = [
  route('/api/t/good', async () => ({ id: 'a', size: 1 })),
  route('/api/t/wrong-type', async () => ({ id: 'a', size: '1' })),
  route('/api/t/leak', async () => ({ id: 'a', size: 1, passwordHash: 'x' })),
  route('/api/t/undeclared', async () => ({ id: 'a' }), null),
  route('/api/t/refused', async () => {
    throw new AppError('not_found', 'Nothing here.');
  }),
];
// Public GET routes without a cookie touch no use case; the change feed is only told about writes.
const services = { changes: { touched: () => undefined } } as unknown as Services;

async function serve(checkResponses: boolean) {
  const app = await buildServer({ services, routes, logger: createLogger('silent'), checkResponses });
  return (url: string) => app.inject({ method: 'GET', url });
}

describe('response checks', () => {
  it('let a response through when it matches its schema, and errors when they match ErrorBody', async () => {
    const get = await serve(true);
    expect((await get('/api/t/good')).json()).toEqual({ id: 'a', size: 1 });
    const refused = await get('/api/t/refused');
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
  });

  it('answer 500 naming each mismatch: a wrong type, a field the schema does not declare, no schema', async () => {
    const get = await serve(true);
    const wrong = await get('/api/t/wrong-type');
    expect(wrong.statusCode).toBe(500);
    expect(wrong.json().error.message).toMatch(/GET \/api\/t\/wrong-type → 200\): size: /);
    const leak = await get('/api/t/leak');
    expect(leak.statusCode).toBe(500);
    expect(leak.json().error.message).toContain('passwordHash: not in the schema');
    const undeclared = await get('/api/t/undeclared');
    expect(undeclared.statusCode).toBe(500);
    expect(undeclared.json().error.message).toContain('declares no response schema');
  });

  it('stay out of the way when turned off', async () => {
    const get = await serve(false);
    expect((await get('/api/t/leak')).statusCode).toBe(200);
  });
});
