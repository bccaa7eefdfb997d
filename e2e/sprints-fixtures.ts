import type { Browser, BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { apiAs, type E2EApp, newContext, PHONE, signInViaApi } from './harness.ts';

/**
 * A product with a PO, two team members and a stakeholder, built through the API, so the sprint
 * and poker journeys start where a real team would: people, a backlog, a few closed sprints.
 */
export const PEOPLE = {
  olive: { name: 'Olive Owner', email: 'olive@example.test', password: 'olive-password-1' },
  tom: { name: 'Tom Team', email: 'tom@example.test', password: 'tom-password-12' },
  tess: { name: 'Tess Team', email: 'tess@example.test', password: 'tess-password-12' },
  stan: { name: 'Stan Stakeholder', email: 'stan@example.test', password: 'stan-password-12' },
} as const;
type Who = keyof typeof PEOPLE;

export interface World {
  productId: string;
  key: string;
  ids: Record<Who, string>;
  ctx: Record<Who, BrowserContext>;
  /** Creates an item as Tom (team: he may size it); returns its id and key. */
  item(title: string, size: number | null, status?: string): Promise<{ id: string; key: string }>;
  api(who: Who, method: string, url: string, data?: unknown): Promise<{ status: number; body: unknown }>;
}

async function ok(p: Promise<{ status: number; body: unknown }>, what: string) {
  const r = await p;
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body as Record<string, unknown>;
}

export async function buildWorld(
  browser: Browser,
  app: E2EApp,
  key = 'NOTIF',
  opts: { phone?: Who[] } = {},
): Promise<World> {
  const ctx = {} as Record<Who, BrowserContext>;
  for (const w of Object.keys(PEOPLE) as Who[])
    ctx[w] = await newContext(browser, opts.phone?.includes(w) ? { viewport: PHONE } : {});
  await ok(
    apiAs(ctx.olive, app, 'POST', '/api/v1/setup', { ...PEOPLE.olive, workspaceName: 'Harbour Club' }),
    'setup',
  );
  await signInViaApi(ctx.olive, app, PEOPLE.olive.email, PEOPLE.olive.password);
  const ids = {} as Record<Who, string>;
  ids.olive = ((await ok(apiAs(ctx.olive, app, 'GET', '/api/v1/me'), 'me')).user as { id: string }).id;
  for (const w of ['tom', 'tess', 'stan'] as const) {
    const u = await ok(apiAs(ctx.olive, app, 'POST', '/api/v1/users', PEOPLE[w]), `user ${w}`);
    ids[w] = u.id as string;
    await signInViaApi(ctx[w], app, PEOPLE[w].email, PEOPLE[w].password);
  }
  const product = await ok(
    apiAs(ctx.olive, app, 'POST', '/api/v1/products', { name: 'Notification Service', key }),
    'product',
  );
  const productId = product.id as string;
  for (const [w, role] of [
    ['tom', 'team'],
    ['tess', 'team'],
    ['stan', 'stakeholder'],
  ] as const) {
    await ok(
      apiAs(ctx.olive, app, 'POST', `/api/v1/products/${productId}/members`, { userId: ids[w], role }),
      `member ${w}`,
    );
  }
  const segment = await ok(
    apiAs(ctx.olive, app, 'POST', `/api/v1/products/${productId}/segments`, { name: 'VIP members' }),
    'segment',
  );
  const segmentId = segment.id as string;
  const api = (who: Who, method: string, url: string, data?: unknown) =>
    apiAs(ctx[who], app, method, url, data);
  return {
    productId,
    key,
    ids,
    ctx,
    api,
    async item(title, size, status = 'ready') {
      // The PO writes the problem, value and segment; the team sizes it and marks it ready.
      const body = await ok(
        api('olive', 'POST', `/api/v1/products/${productId}/items`, {
          type: 'story',
          title,
          problem: `VIP members are affected: ${title.toLowerCase()}`,
          acceptanceCriteria: [
            { given: 'a subscriber', when: 'a notification is sent', then: 'it arrives once' },
          ],
          segmentIds: [segmentId],
          businessValue: 8,
          timeCriticality: 5,
          riskReduction: 3,
        }),
        `item ${title}`,
      );
      if (size !== null || status !== 'new') {
        const res = await ctx.tom.request.fetch(`${app.url}/api/v1/items/${body.id as string}`, {
          method: 'PATCH',
          headers: { origin: app.url, 'if-match': String(body.version) },
          data: { ...(size !== null ? { size } : {}), ...(status !== 'new' ? { status } : {}) },
        });
        expect(res.status(), `size ${title}: ${await res.text()}`).toBe(200);
      }
      return { id: body.id as string, key: body.key as string };
    },
  };
}

/** YYYY-MM-DD, `offset` days from today (UTC). */
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A closed sprint with `sizes` committed and the first `done` of them finished (for history). */
export async function closedSprint(w: World, name: string, sizes: number[], done: number, offset: number) {
  const s = await ok(
    w.api('tom', 'POST', `/api/v1/products/${w.productId}/sprints`, {
      name,
      goal: `${name} goal`,
      startDate: day(offset),
      endDate: day(offset + 11),
      capacity: null,
    }),
    `sprint ${name}`,
  );
  const id = s.id as string;
  const items = [];
  for (const [n, size] of sizes.entries()) {
    const it = await w.item(`${name} story ${n + 1}`, size);
    items.push(it.id);
    await ok(w.api('tom', 'POST', `/api/v1/sprints/${id}/items/${it.id}`, {}), 'add');
  }
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${id}/start`, { confirmOverForecast: true }), 'start');
  const dod = (await ok(w.api('tom', 'GET', `/api/v1/products/${w.productId}/definition-of-done`), 'dod'))
    .checklist as string[];
  for (const i of items.slice(0, done))
    await ok(w.api('tom', 'POST', `/api/v1/sprints/${id}/items/${i}/done`, { checked: dod }), 'done');
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${id}/close`, { unfinished: 'backlog' }), 'close');
  return id;
}
