import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#cli/demo/core.ts';
import { seedDemo } from '#cli/demo/index.ts';
import {
  apiOk,
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  SCREENSHOTS,
  screenshot,
  screenshotFailedSteps,
  signInViaApi,
  startApp,
} from './harness.ts';

/**
 * Insight → Forecast on the demo's League Platform: the PO asks when the open backlog will be
 * done (the data-import spike widens it, and the page says so), reads the back-test beside it,
 * and asks how many items the Season opener's target date holds; then on a phone.
 */
let app: E2EApp;
let browser: Browser;
let page: Page | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  await seedDemo({ services: app.running.services, store: app.running.store });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => page, 'insight-forecast');

/** A section further down the page, shot on its own (the shared helper shows the page's top). */
async function sectionShot(p: Page, labelledBy: string, name: string) {
  await p
    .locator(`section[aria-labelledby="${labelledBy}"]`)
    .screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('Insight → Forecast', () => {
  it('forecasts when the League backlog is done, with the spike widening it and the back-test beside', async () => {
    const ctx = await newContext(browser);
    await signInViaApi(ctx, app, 'paul@tandem.demo', DEMO_PASSWORD);
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.url}/p/LEAGUE/insight`);
    await page
      .getByRole('navigation', { name: 'Insight views' })
      .getByRole('link', { name: 'Forecast' })
      .click();
    await page.waitForURL(/\/insight\/forecast/);
    const figures = page.getByTestId('when-percentiles');
    await figures.waitFor();
    expect(await figures.textContent()).toMatch(/85 % likely done by/);
    await page
      .getByText(/open spike/)
      .first()
      .waitFor();
    await page
      .getByText(/85 % forecasts held \d+ times? in \d+/)
      .first()
      .waitFor();
    // Hover a bar: its numbers.
    await page.locator('figure[aria-label="Finish dates over the trials"] rect.hit').nth(3).hover();
    await page.locator('.chart-tip').first().waitFor();
    expect(await page.locator('.chart-tip').first().textContent()).toMatch(/trials/);
    await screenshot(page, 'insight-forecast-when-light-desktop');

    // A count instead of items: no notes about spikes.
    await page.getByRole('spinbutton', { name: 'Number of items' }).fill('5');
    await page.getByText(/A count says nothing of sizes/).waitFor();

    // How many by the release's target date.
    const howMany = page.getByTestId('howmany-percentiles');
    await howMany.waitFor();
    expect(await howMany.textContent()).toMatch(/at least\s*\d+ items?/);
    await page.getByText(/target date of Season opener/).waitFor();
    await page.getByText('85 % forecasts held', { exact: false }).first().click();
    await page.getByRole('table').first().waitFor();
    await page.getByText('85 % forecasts held', { exact: false }).first().click();
    await sectionShot(page, 'fc-howmany', 'insight-forecast-how-many-light-desktop');

    // The same seed, the same answer.
    const list = await apiOk<{ products: Array<{ id: string; key: string }> }>(
      ctx,
      app,
      'GET',
      '/api/v1/products',
    );
    const productId = list.products.find((p) => p.key === 'LEAGUE')!.id;
    type When = { percentiles: unknown; notes: string[] };
    const url = `/api/v1/products/${productId}/forecasts/when`;
    const a = await apiOk<When>(ctx, app, 'POST', url, { seed: 4 });
    const b = await apiOk<When>(ctx, app, 'POST', url, { seed: 4 });
    expect(a.percentiles).toEqual(b.percentiles);
    expect(a.notes.join(' ')).toMatch(/1 open spike/);

    // The backlog's forecast line, from the Insight link.
    await page.getByRole('link', { name: 'See the line on the backlog' }).click();
    const row = page.locator('tr[data-forecast-line]');
    await row.waitFor();
    expect(await row.getAttribute('data-forecast-line')).toMatch(
      /85 % likely done by \d{4}-\d{2}-\d{2} \(Season opener\) above this line/,
    );
    const above = await page
      .locator('tr.b-row')
      .evaluateAll((rows) => rows.findIndex((r) => r.hasAttribute('data-forecast-line')));
    expect(above).toBeGreaterThan(0);
    await screenshot(page, 'insight-forecast-backlog-line-light-desktop');
    await ctx.close();
  });

  it('is usable on a phone', async () => {
    const ctx = await newContext(browser, { viewport: PHONE });
    await signInViaApi(ctx, app, 'tara@tandem.demo', DEMO_PASSWORD);
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.url}/p/LEAGUE/insight/forecast`);
    await page.getByTestId('when-percentiles').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'insight-forecast-when-light-phone');
    await sectionShot(page, 'fc-howmany', 'insight-forecast-how-many-light-phone');
    await ctx.close();
  });
});
