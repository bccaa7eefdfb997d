import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';

/**
 * Requests that used to answer 500 (PostgreSQL refusing NUL, lone surrogates stored as U+FFFD,
 * integers out of range, Fastify's own error bodies): each is now a 400 naming the field, and
 * every error under /api has the one shape {"error": {"code", "message"}}.
 */
let t: TestApp;
let owner: TestUser;
let productId: string;
let itemId: string;
let sprintId: string;

const NUL = 'a\u0000b';
const SURROGATE = 'a\uD800b';

function expectShape(res: { statusCode: number; body: string }) {
  const body = JSON.parse(res.body);
  expect(typeof body.error?.code, res.body).toBe('string');
  expect(typeof body.error?.message, res.body).toBe('string');
  expect(Object.keys(body)).toEqual(['error']);
}

function expect400(res: { statusCode: number; body: string }, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  expectShape(res);
  expect(Object.keys(JSON.parse(res.body).error.fields ?? {})).toContain(field);
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.user('Owner', { admin: true });
  productId = (await t.product(owner, 'Bad input')).id;
  const item = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title: 'Fine', problem: 'Fine' },
  });
  itemId = item.json().id;
  await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/items`,
    payload: { type: 'story', title: 'Second', problem: 'Paging needs two', size: 3 },
  });
  const sprint = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/products/${productId}/sprints`,
    payload: { name: 'S1', startDate: '2026-11-23', endDate: '2026-12-04' },
  });
  sprintId = sprint.json().id;
});

describe('text the database cannot store is refused at the contract', () => {
  const cases = (bad: string) =>
    [
      [
        'item title',
        'POST',
        () => `/api/v1/products/${productId}/items`,
        { title: bad, problem: 'p' },
        'title',
      ],
      [
        'item problem',
        'POST',
        () => `/api/v1/products/${productId}/items`,
        { title: 't', problem: bad },
        'problem',
      ],
      [
        'item label',
        'POST',
        () => `/api/v1/products/${productId}/items`,
        { title: 't', problem: 'p', labels: [bad] },
        'labels.0',
      ],
      ['product name', 'POST', () => '/api/v1/products', { name: bad, key: 'BADX' }, 'name'],
      ['segment name', 'POST', () => `/api/v1/products/${productId}/segments`, { name: bad }, 'name'],
      ['comment', 'POST', () => `/api/v1/items/${itemId}/comments`, { body: bad }, 'body'],
      [
        'sprint goal',
        'POST',
        () => `/api/v1/products/${productId}/sprints`,
        { name: 'S', goal: bad, startDate: '2026-11-23', endDate: '2026-12-04' },
        'goal',
      ],
      [
        'Definition of Done entry',
        'PUT',
        () => `/api/v1/products/${productId}/definition-of-done`,
        { checklist: ['ok', bad] },
        'checklist.1',
      ],
      ['token name', 'POST', () => '/api/v1/me/tokens', { name: bad }, 'name'],
      [
        'user name',
        'POST',
        () => '/api/v1/users',
        { email: 'x@example.test', name: bad, password: 'long enough pw' },
        'name',
      ],
      ['view name', 'POST', () => `/api/v1/products/${productId}/views`, { name: bad, query: '' }, 'name'],
      [
        'CSV file',
        'POST',
        () => `/api/v1/products/${productId}/items/import`,
        { csv: `Title\n${bad}\n` },
        'csv',
      ],
    ] as const;
  for (const [label, bad] of [
    ['NUL', NUL],
    ['a lone surrogate', SURROGATE],
  ] as const) {
    it.each(cases(bad))(`${label} in the %s`, async (_name, method, url, payload, field) => {
      expect400(await t.call(owner, { method, url: url(), payload }), field);
    });
  }

  it('refuses control characters and direction overrides in one-line fields, keeps line breaks in text', async () => {
    const url = `/api/v1/products/${productId}/items`;
    expect400(
      await t.call(owner, { method: 'POST', url, payload: { title: 'invoice\u202Etxt.exe', problem: 'p' } }),
      'title',
    );
    expect400(
      await t.call(owner, { method: 'POST', url, payload: { title: 'two\nlines', problem: 'p' } }),
      'title',
    );
    const ok = await t.call(owner, {
      method: 'POST',
      url,
      payload: { title: 'ok', problem: 'line 1\nline 2' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().problem).toBe('line 1\nline 2');
  });

  it('refuses a one-line CSV cell with a control character as a row error, not a 500', async () => {
    const res = await t.call(owner, {
      method: 'POST',
      url: `/api/v1/products/${productId}/items/import`,
      payload: { csv: 'Title,Labels\n"bad\u0007title",x\n' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(Object.keys(res.json().error.fields)).toContain('line 2.title');
  });

  it('refuses NUL in query strings (events entityId, backlog search)', async () => {
    expect400(
      await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/events?entityId=%00` }),
      'query.entityId',
    );
    expect400(
      await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/items?q=a%00b` }),
      'query.q',
    );
  });
});

describe('integers are bounded before they reach the database', () => {
  it('If-Match out of range on products, sprints and items is a 400', async () => {
    for (const [url, payload] of [
      [`/api/v1/products/${productId}`, { name: 'Renamed' }],
      [`/api/v1/sprints/${sprintId}`, { name: 'Renamed' }],
      [`/api/v1/items/${itemId}`, { title: 'Renamed' }],
    ] as const) {
      for (const v of ['99999999999999999999', '2147483648', '1e3', '-1', '0', 'abc']) {
        const res = await t.call(owner, { method: 'PATCH', url, payload, headers: { 'if-match': v } });
        expect400(res, 'If-Match');
      }
    }
  });

  it('an events cursor out of range is a 400', async () => {
    expect400(
      await t.call(owner, {
        method: 'GET',
        url: `/api/v1/products/${productId}/events?cursor=99999999999999999999999`,
      }),
      'query.cursor',
    );
    const ok = await t.call(owner, { method: 'GET', url: `/api/v1/products/${productId}/events?cursor=5` });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('a forged backlog cursor is a 400, not a failed cast', () => {
  const enc = (a: unknown[]) => Buffer.from(JSON.stringify(a)).toString('base64url');
  it.each([
    ['rank', 'asc', enc(['rank', 'asc', null, 'a\u0000'])],
    ['size', 'asc', enc(['size', 'asc', 'abc', 'a0'])],
    ['createdAt', 'asc', enc(['createdAt', 'asc', '2026-02-31 00:00:00+00', 'a0'])],
    ['title', 'asc', enc(['title', 'asc', 'a\u0000', 'a0'])],
    ['key', 'asc', enc(['key', 'asc', '99999999999', 'a0'])],
  ])('sort=%s', async (sort, dir, cursor) => {
    const url = `/api/v1/products/${productId}/items?sort=${sort}&dir=${dir}&cursor=${cursor}`;
    expect400(await t.call(owner, { method: 'GET', url }), 'cursor');
  });

  it('still pages with the cursors it gives out', async () => {
    for (const sort of ['rank', 'size', 'createdAt', 'wsjf', 'title']) {
      const first = await t.call(owner, {
        method: 'GET',
        url: `/api/v1/products/${productId}/items?sort=${sort}&limit=1`,
      });
      const next = first.json().nextCursor;
      expect(next, sort).toBeTruthy();
      const second = await t.call(owner, {
        method: 'GET',
        url: `/api/v1/products/${productId}/items?sort=${sort}&limit=1&cursor=${next}`,
      });
      expect(second.statusCode, `${sort}: ${second.body}`).toBe(200);
    }
  });
});

describe("Fastify's own errors have the one shape", () => {
  it('a bad URL escape', async () => {
    const res = await t.call(owner, { method: 'GET', url: '/api/v1/products/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expectShape(res);
  });

  it('an id over 100 characters', async () => {
    const res = await t.call(owner, { method: 'GET', url: `/api/v1/products/${'a'.repeat(150)}` });
    expect(res.statusCode).toBeLessThan(500);
    expectShape(res);
  });

  it('bad JSON, a wrong content type, a body too large', async () => {
    const url = `/api/v1/products/${productId}/items`;
    const bad = await t.call(owner, {
      method: 'POST',
      url,
      payload: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expectShape(bad);
    const type = await t.call(owner, {
      method: 'POST',
      url,
      payload: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(type.statusCode).toBeGreaterThanOrEqual(400);
    expect(type.statusCode).toBeLessThan(500);
    expectShape(type);
    const big = await t.call(owner, {
      method: 'POST',
      url,
      payload: JSON.stringify({ title: 'x'.repeat(11 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBeLessThan(500);
    expectShape(big);
  });

  it('an unknown route and an unknown method', async () => {
    const res = await t.call(owner, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expectShape(res);
    const put = await t.call(owner, { method: 'PUT', url: '/api/v1/me' });
    expect(put.statusCode).toBe(404);
    expectShape(put);
  });

  it('headers over 16 KB, on a real socket', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/me`, { headers: { 'x-big': 'x'.repeat(20 * 1024) } });
    expect(res.status).toBe(431);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(typeof body.error.code).toBe('string');
    expect(typeof body.error.message).toBe('string');
  });
});
