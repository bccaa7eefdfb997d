import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  apiAs,
  type E2EApp,
  launchBrowser,
  newContext,
  screenshot,
  signInViaApi,
  startApp,
} from './harness.ts';

const PO = { name: 'Paula Owner', email: 'paula@example.test', password: 'paula-password-1' };
const TEAM = { name: 'Theo Team', email: 'theo@example.test', password: 'theo-password-12' };
let app: E2EApp;
let browser: Browser;
let po: BrowserContext;
let team: BrowserContext;
let page: Page;
let productId = '';
let poId = '';
const api = async (ctx: BrowserContext, method: string, url: string, data?: unknown) =>
  (await apiAs(ctx, app, method, url, data)).body as never;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  po = await newContext(browser);
  await po.request.post(`${app.url}/api/v1/setup`, {
    data: { ...PO, workspaceName: 'Harbour League' },
    headers: { origin: app.url },
  });
  await signInViaApi(po, app, PO.email, PO.password);
  productId = (
    (await api(po, 'POST', '/api/v1/products', { name: 'League Platform', key: 'LEAG' })) as { id: string }
  ).id;
  const theo = (await api(po, 'POST', '/api/v1/users', TEAM)) as { id: string };
  await api(po, 'POST', `/api/v1/products/${productId}/members`, { userId: theo.id, role: 'team' });
  team = await newContext(browser);
  await signInViaApi(team, app, TEAM.email, TEAM.password);
  poId = ((await api(po, 'GET', '/api/v1/me')) as { user: { id: string } }).user.id;
  page = await po.newPage();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
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
