import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#cli/demo/core.ts';
import { seedDemo } from '#cli/demo/index.ts';
import { type E2EApp, launchBrowser, newContext, screenshot, signInViaApi, startApp } from './harness.ts';

/**
 * A new user's first minutes in the demo: signed in as a team member, the product they land on
 * has a sprint running with work in progress, and the activity reads as weeks of work.
 */
let app: E2EApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  await seedDemo({ services: app.running.services, store: app.running.store });
  const ctx = await newContext(browser);
  await signInViaApi(ctx, app, 'tara@tandem.demo', DEMO_PASSWORD);
  page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the demo on first sign-in', () => {
  it('has a sprint running on the product a team member lands on, with work in progress', async () => {
    await page.goto(app.url);
    await page.waitForURL(/\/p\/[A-Z]+/);
    await page.getByRole('link', { name: 'Sprints' }).click();
    const active = page.getByRole('region', { name: /^Active/ });
    await active.getByRole('link', { name: 'Sprint board' }).click();
    const doing = page.getByTestId('board-doing');
    await doing.locator('[data-testid^="card-"]').first().waitFor();
    expect(await page.getByTestId('board-done').locator('[data-testid^="card-"]').count()).toBeGreaterThan(0);
    await doing
      .getByRole('img', { name: /^Assigned to / })
      .first()
      .waitFor();
    await screenshot(page, 'demo-sprint-board-light-desktop');
    await page.getByRole('button', { name: 'Burn-up' }).click();
    await page.locator('figure[aria-label="Burn-up"]').waitFor();
    await screenshot(page, 'demo-sprint-burn-up-light-desktop');
    await page.getByRole('button', { name: 'Burn-up' }).click();
  });

  it('shows activity spread over the sprints, not all “minutes ago”', async () => {
    const key = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${app.url}/p/${key}/activity`);
    await page
      .getByRole('main')
      .getByText(/ago|yesterday|\d{1,2} [A-Z][a-z]{2}/)
      .first()
      .waitFor();
    await screenshot(page, 'demo-activity-light-desktop');
    const body = (await page.getByRole('main').textContent()) ?? '';
    const minutes = body.match(/\d+ min(ute)?s? ago|just now/g) ?? [];
    expect(minutes.length).toBeLessThan(10);
  });
});
