import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '#app/services.ts';
import type { Store } from '#app/store.ts';
import { allRoutes, wire } from '#capabilities/index.ts';
import type { PgListenBridge } from '#db/listen.ts';
import { buildServer } from '#http/server.ts';
import { createTestApp, type TestApp, type TestUser } from '#testing/harness.ts';
import { createLogger } from './logger.ts';

/**
 * Two Tandem instances on one database, as behind a load balancer. Each caches who-is-who and
 * roles; a change made through one must reach the other's caches within moments.
 */
let a: TestApp;
let b: Awaited<ReturnType<typeof buildServer>>;
let owner: TestUser;
let member: TestUser;
let productId: string;
let bServices: Services;
let bStore: Store;

beforeAll(async () => {
  a = await createTestApp();
  const { services, store } = wire(a.pool, { session: { idleMs: 3600_000, maxMs: 86_400_000 } });
  bServices = services;
  bStore = store;
  b = await buildServer({
    services,
    routes: allRoutes,
    logger: createLogger('silent'),
    checkResponses: true,
  });
  await b.ready();
  owner = await a.user('Owner A');
  member = await a.user('Member A');
  productId = (await a.product(owner, 'Shared', 'SHARED')).id;
  await a.addMember(owner, productId, member, 'team');
  // Returned teardown: runs before the shared pool ends.
  return async () => {
    await b.close();
    await services.close();
  };
});

const onB = (headers: Record<string, string>, url: string) =>
  b.inject({ method: 'GET', url, headers: { host: 'localhost', ...headers } });

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('two instances', () => {
  it('a token revoked on one stops working on the other', async () => {
    const { id, token } = (
      await a.call(owner, { method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'lb' } })
    ).json();
    const bearer = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 3; i += 1) expect((await onB(bearer, '/api/v1/me')).statusCode).toBe(200);
    expect((await a.call(owner, { method: 'DELETE', url: `/api/v1/me/tokens/${id}` })).statusCode).toBe(204);
    expect(await eventually(async () => (await onB(bearer, '/api/v1/me')).statusCode === 401)).toBe(true);
  });

  it('a session signed out on one is gone on the other', async () => {
    const user = await a.user('Leaving');
    for (let i = 0; i < 3; i += 1)
      expect((await onB({ cookie: user.cookie }, '/api/v1/me')).statusCode).toBe(200);
    await a.call(user, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(
      await eventually(async () => (await onB({ cookie: user.cookie }, '/api/v1/me')).statusCode === 401),
    ).toBe(true);
  });

  it('a member removed on one loses the product on the other', async () => {
    const url = `/api/v1/products/${productId}/items`;
    for (let i = 0; i < 3; i += 1) expect((await onB({ cookie: member.cookie }, url)).statusCode).toBe(200);
    expect(
      (await a.call(owner, { method: 'DELETE', url: `/api/v1/products/${productId}/members/${member.id}` }))
        .statusCode,
    ).toBe(204);
    expect(await eventually(async () => (await onB({ cookie: member.cookie }, url)).statusCode === 404)).toBe(
      true,
    );
  });

  it('a role changed on one applies on the other, and on the one itself at once', async () => {
    const watcher = await a.user('Watcher');
    await a.addMember(owner, productId, watcher, 'team');
    const url = `/api/v1/products/${productId}`;
    const roleOn = async (via: 'a' | 'b') =>
      (via === 'a'
        ? await a.call(watcher, { method: 'GET', url })
        : await onB({ cookie: watcher.cookie }, url)
      ).json().role;
    for (let i = 0; i < 3; i += 1) expect([await roleOn('a'), await roleOn('b')]).toEqual(['team', 'team']);
    const change = await a.call(owner, {
      method: 'PATCH',
      url: `/api/v1/products/${productId}/members/${watcher.id}`,
      payload: { role: 'stakeholder' },
    });
    expect(change.statusCode).toBe(200);
    expect(await roleOn('a')).toBe('stakeholder');
    expect(await eventually(async () => (await roleOn('b')) === 'stakeholder')).toBe(true);
  });

  it('a product deleted on one is gone on the other', async () => {
    const doomed = (await a.product(owner, 'Doomed', 'DOOM')).id;
    const url = `/api/v1/products/${doomed}`;
    for (let i = 0; i < 3; i += 1) expect((await onB({ cookie: owner.cookie }, url)).statusCode).toBe(200);
    expect((await a.call(owner, { method: 'DELETE', url })).statusCode).toBe(204);
    expect(await eventually(async () => (await onB({ cookie: owner.cookie }, url)).statusCode === 404)).toBe(
      true,
    );
  });

  it('each instance holds one LISTEN connection, whatever it listens to, and recovers it', async () => {
    // Both instances hear product changes and poker; that is still one backend each.
    const offs = [a.services, bServices].map((s) => s.poker.subscribe(crypto.randomUUID(), () => undefined));
    const stops = await Promise.all(
      [a.services, bServices].map((s) => s.activity.subscribe(productId, () => {})),
    );
    const pids = () =>
      [a.store, bStore].map((s) => (s.listen as PgListenBridge | undefined)?.backendPid ?? null);
    const listening = async () =>
      (
        await a.pool.query<{ pid: number }>(
          `select pid from pg_stat_activity
            where datname = current_database() and query ~* '^\\s*(un)?listen ' order by pid`,
        )
      ).rows.map((r) => r.pid);
    expect(
      await eventually(async () => pids().every((p) => p !== null) && (await listening()).length === 2),
    ).toBe(true);
    expect(await listening()).toEqual(pids().sort((x, y) => x! - y!));

    // B's connection is cut: once it is back, B's caches serve again and still hear A's changes.
    const before = pids()[1];
    await a.pool.query('select pg_terminate_backend($1)', [before]);
    expect(await eventually(async () => pids()[1] !== null && pids()[1] !== before)).toBe(true);
    expect(await eventually(async () => bServices.changes.live)).toBe(true);
    const url = `/api/v1/products/${productId}/items`;
    for (let i = 0; i < 3; i += 1) await onB({ cookie: owner.cookie }, url);
    await a.call(owner, { method: 'POST', url, payload: { type: 'defect', title: 'After the cut' } });
    expect(
      await eventually(async () => (await onB({ cookie: owner.cookie }, url)).body.includes('After the cut')),
    ).toBe(true);
    for (const off of [...offs, ...stops]) off();
  });

  it('an item created on one shows in the other’s (cached) backlog', async () => {
    const url = `/api/v1/products/${productId}/items`;
    for (let i = 0; i < 3; i += 1) await onB({ cookie: owner.cookie }, url);
    await a.call(owner, { method: 'POST', url, payload: { type: 'defect', title: 'Made on A' } });
    expect(
      await eventually(async () => (await onB({ cookie: owner.cookie }, url)).body.includes('Made on A')),
    ).toBe(true);
  });
});
