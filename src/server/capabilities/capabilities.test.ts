import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '#app/change-feed.ts';
import { MAIL_OFF } from '#app/mail/ports.ts';
import type { ServiceDeps } from '#app/services.ts';
import type { Store } from '#app/store.ts';
import type { Queryable } from '#db/pool.ts';
import { ACCESS_KINDS } from '#http/route.ts';
import { allJobs, allRoutes, capabilities, createRepos, createServices } from './index.ts';

// Building repositories and use cases runs no query; anything that tried would fail loudly here.
const db: Queryable = { query: () => Promise.reject(new Error('no database in a unit test')) };
const store = { read: createRepos(db) } as unknown as Store;
const deps: ServiceDeps = {
  store,
  changes: new ChangeFeed(store),
  session: { idleMs: 1, maxMs: 1 },
  now: () => new Date(0),
  signIn: { password: true },
  webhooks: { allowPrivate: false },
  mail: MAIL_OFF,
};

describe('the capability list', () => {
  it('names each capability once', () => {
    const names = capabilities.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every repository and every use case name to exactly one capability', () => {
    const repoNames = capabilities.flatMap((c) => Object.keys(c.repos(db)));
    expect(new Set(repoNames).size).toBe(repoNames.length);
    expect(Object.keys(createRepos(db)).sort()).toEqual([...repoNames].sort());
    const useCaseNames = capabilities.flatMap((c) => Object.keys(c.useCases(deps)));
    expect(new Set(useCaseNames).size).toBe(useCaseNames.length);
    expect(useCaseNames).toEqual(
      expect.arrayContaining(['auth', 'users', 'products', 'items', 'sprints', 'poker']),
    );
  });

  it('builds Services from every capability, without the store', () => {
    const services = createServices(store, { session: deps.session });
    expect(services).not.toHaveProperty('store');
    for (const name of ['auth', 'system', 'products', 'items', 'backlogViews', 'sprints', 'poker', 'changes'])
      expect(services, name).toHaveProperty(name);
  });

  it('puts every route in the table once, each with an access rule, and leaves a slot for jobs', () => {
    const keys = allRoutes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of allRoutes) expect(ACCESS_KINDS, `${r.method} ${r.url}`).toContain(r.access.kind);
    expect(capabilities.every((c) => Array.isArray(c.jobs))).toBe(true);
    expect(allJobs).toEqual(capabilities.flatMap((c) => c.jobs));
  });
});
