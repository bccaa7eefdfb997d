import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type League, startLeague } from './backlog-kit.ts';
import { type E2EApp, screenshot } from './harness.ts';

/** Saved views of the backlog live on the server, per person and product. */
let league: League;
let app: E2EApp;
let po: BrowserContext;
let team: BrowserContext;
let page: Page;
let productId = '';
let poId = '';
const api = (ctx: BrowserContext, method: string, url: string, data?: unknown) =>
  league.api<never>(ctx, method, url, data);

beforeAll(async () => {
  league = await startLeague({ team: 'team' });
  ({ app, productId } = league);
  po = league.as.po;
  team = league.as.team!;
  poId = ((await api(po, 'GET', '/api/v1/me')) as { user: { id: string } }).user.id;
  page = await po.newPage();
});
afterAll(async () => {
  await league?.stop();
});

it('saved views live on the server', async () => {
  await page.goto(`${app.url}/`);
  const key = `tandem.views.${poId}.${productId}`;
  await page.evaluate(
    ([k]) => localStorage.setItem(k!, JSON.stringify([{ name: 'Old one', search: 'status=ready' }])),
    [key],
  );
  await page.goto(`${app.url}/p/LEAG/backlog`);
  await expect
    .poll(
      async () =>
        ((await api(po, 'GET', `/api/v1/products/${productId}/views`)) as { views: unknown[] }).views,
    )
    .toEqual([expect.objectContaining({ name: 'Old one', query: '?status=ready' })]);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();

  await page.getByLabel('Sort by').selectOption('wsjf:desc');
  await page.waitForURL(/sort=wsjf/);
  await page.getByRole('button', { name: 'Saved views' }).click();
  await page.getByRole('button', { name: 'Old one', exact: true }).waitFor();
  await page.getByLabel('Name for the current view').fill('By WSJF');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect
    .poll(async () =>
      (
        (await api(po, 'GET', `/api/v1/products/${productId}/views`)) as {
          views: Array<{ name: string; query: string }>;
        }
      ).views.map((v) => `${v.name} ${v.query}`),
    )
    .toEqual(['By WSJF ?sort=wsjf&dir=desc', 'Old one ?status=ready']);
  await page.goto(`${app.url}/p/LEAG/backlog`);
  await page.getByRole('button', { name: 'Saved views' }).click();
  await page.getByRole('button', { name: 'Old one', exact: true }).click();
  await page.waitForURL(/status=ready/);
  await page.getByRole('button', { name: 'Saved views' }).click();
  await screenshot(page, 'backlog-saved-views-light-desktop');
  await page.getByRole('button', { name: 'Delete view Old one' }).click();
  await expect
    .poll(async () =>
      (
        (await api(po, 'GET', `/api/v1/products/${productId}/views`)) as { views: Array<{ name: string }> }
      ).views.map((v) => v.name),
    )
    .toEqual(['By WSJF']);
  expect(
    ((await api(team, 'GET', `/api/v1/products/${productId}/views`)) as { views: unknown[] }).views,
  ).toEqual([]);
});
