import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { type ApiError, api, apiPath, isApiError, writeHeaders } from './api.ts';

const respond = (status: number, body: unknown) =>
  vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify(body), { status }));

afterEach(() => vi.unstubAllGlobals());

describe('api client', () => {
  it('parses a success with its contract and sends same-origin credentials and write headers', async () => {
    const fetch = respond(201, { id: 'a', extra: 1 });
    vi.stubGlobal('fetch', fetch);
    const out = await api.post('/api/v1/x', { a: 1 }, z.object({ id: z.string() }), {
      ifMatch: 3,
      idempotencyKey: 'k1',
    });
    expect(out).toEqual({ id: 'a' });
    const init = fetch.mock.calls[0]![1];
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toMatchObject({
      'If-Match': '3',
      'Idempotency-Key': 'k1',
      'Content-Type': 'application/json',
    });
    expect(init.body).toBe('{"a":1}');
  });

  it('turns the error body into code, message and fields', async () => {
    vi.stubGlobal(
      'fetch',
      respond(400, {
        error: {
          code: 'validation_failed',
          message: 'Please check: key.',
          fields: { key: 'Use 2–10 capital letters' },
        },
      }),
    );
    const err = await api.post('/api/v1/products', {}, null).catch((e: unknown) => e);
    expect(isApiError(err, 'validation_failed')).toBe(true);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).fields).toEqual({ key: 'Use 2–10 capital letters' });
  });

  it('keeps the 412 details so the UI can show the current version', async () => {
    vi.stubGlobal(
      'fetch',
      respond(412, {
        error: { code: 'version_conflict', message: 'Changed', details: { current: { version: 4 } } },
      }),
    );
    const err = (await api.patch('/api/v1/p', {}, null, { ifMatch: 3 }).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('version_conflict');
    expect(err.details).toEqual({ current: { version: 4 } });
  });

  it('reports a response of the wrong shape and an unreachable server in words', async () => {
    vi.stubGlobal('fetch', respond(200, { nope: true }));
    await expect(api.get('/api/v1/me', z.object({ id: z.string() }))).rejects.toMatchObject({
      code: 'bad_response',
    });
    vi.stubGlobal('fetch', respond(502, 'Bad gateway'));
    await expect(api.get('/api/v1/me', z.object({}))).rejects.toMatchObject({
      code: 'internal',
      status: 502,
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api.get('/api/v1/me', z.object({}))).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('escapes path segments and omits absent write headers', () => {
    expect(apiPath('products', 'a/b', 'members')).toBe('/api/v1/products/a%2Fb/members');
    expect(writeHeaders({})).toEqual({});
  });
});
