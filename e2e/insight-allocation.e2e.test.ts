import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#cli/demo/core.ts';
import { seedDemo } from '#cli/demo/index.ts';
import { seriousA11yViolations } from './axe.ts';
import {
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  screenshotFailedSteps,
  signInViaApi,
  startApp,
} from './harness.ts';

/**
 * Seed 000 in numbers: Paul (PO of VIP Meetings, on the demo) opens Insight › Allocation, hovers a
 * sprint's bar for its numbers, reads the items behind it, writes a justification on an
 * off-target sprint, then reads the budget warning; the same view on a phone.
 */
let app: E2EApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  await seedDemo({ services: app.running.services, store: app.running.store });
  const ctx = await newContext(browser);
  await signInViaApi(ctx, app, 'paul@tandem.demo', DEMO_PASSWORD);
  page = await ctx.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => page, 'insight-allocation');

/** Serious axe findings on this view; the shell's bell (its name adds the unread count) is not ours. */
async function expectNoSeriousA11y(p: Page, screen: string) {
  const found = (await seriousA11yViolations(p)).filter(
    (f) => !f.targets.some((t) => t.includes('bell-button')),
  );
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

describe('Insight: allocation and budget', () => {
  it('shows the allocation per sprint with its numbers on hover and the items behind a band', async () => {
    await page.goto(`${app.url}/p/VIP/insight/allocation`);
    const chart = page.getByRole('figure', { name: 'Allocation by segment per sprint' });
    await chart.waitFor();
    const band = page.getByRole('button', { name: /^Sprint 1, Secretariat: / });
    await band.hover();
    const tip = page.locator('.chart-tip');
    await expect.poll(() => tip.textContent()).toMatch(/Sprint 1 · Secretariat.*pts · [\d.]+ %.*target 30 %/);
    await screenshot(page, 'insight-allocation-hover-light-desktop');
    await band.click();
    const evidence = page.getByRole('region', { name: 'Items behind the number' });
    await evidence
      .getByRole('link', { name: /^VIP-\d+/ })
      .first()
      .waitFor();
    expect(await evidence.getByRole('link', { name: /^VIP-\d+/ }).count()).toBeGreaterThan(0);
    await expectNoSeriousA11y(page, 'insight allocation');
  });

  it('lets the PO justify an off-target sprint, shown beside the figure', async () => {
    const off = page.getByRole('region', { name: 'Off-target sprints' });
    // The demo's PO already explained one sprint; write one for another.
    const justify = off.getByRole('button', { name: 'Justify' }).first();
    await justify.click();
    const text = 'Meeting season: the Secretariat needed the invitations first.';
    await off.getByLabel('Why is this sprint where it is?').fill(text);
    await off.getByRole('button', { name: 'Save justification' }).click();
    await off.getByText(text).waitFor();
    await expect.poll(() => off.getByText('— Paul', { exact: false }).count()).toBeGreaterThanOrEqual(2);
    await off.scrollIntoViewIfNeeded();
    await screenshot(page, 'insight-allocation-justified-light-desktop');
  });

  it('shows the table a click away and the split by category', async () => {
    await page.getByRole('button', { name: 'By category' }).click();
    await page.getByRole('figure', { name: 'Allocation by category per sprint' }).waitFor();
    await screenshot(page, 'insight-allocation-category-light-desktop');
    await page.getByRole('button', { name: 'Show table' }).click();
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(3);
    await screenshot(page, 'insight-allocation-table-light-desktop');
  });

  it('warns about the budget in plain words', async () => {
    const tab = page.getByRole('navigation', { name: 'Insight views' }).getByRole('link', { name: 'Budget' });
    expect(await tab.getAttribute('href')).toBe('/p/VIP/insight/budget');
    await tab.click();
    await page.waitForURL(/\/insight\/budget$/);
    await page
      .getByText(
        /^82 % of the budget spent; \d+ % of the delivered value went to VIP members \(target 70 %\)$/,
      )
      .waitFor();
    await page.getByRole('figure', { name: 'Budget burn against value' }).waitFor();
    await expectNoSeriousA11y(page, 'insight budget');
    await screenshot(page, 'insight-budget-light-desktop');
  });

  it('lets the PO share the allocation; Sam (a stakeholder) then sees the shares on the portal', async () => {
    await page.goto(`${app.url}/p/VIP/insight/allocation`);
    const share = page.getByRole('checkbox', { name: 'Share this view with stakeholders' });
    await share.check();
    await expect.poll(() => share.isChecked()).toBe(true);
    const ctx = await newContext(browser, { viewport: PHONE });
    await signInViaApi(ctx, app, 'sam@tandem.demo', DEMO_PASSWORD);
    const sam = await ctx.newPage();
    await sam.goto(`${app.url}/p/VIP/portal`);
    const section = sam.getByRole('region', { name: 'Where the effort went' });
    await section.getByRole('figure', { name: 'Effort per segment per sprint' }).waitFor();
    // Shares only: no item key on the way.
    expect(await section.getByText(/VIP-\d+/).count()).toBe(0);
    // The section itself: the page screenshot shows the portal's top.
    await section.screenshot({ path: 'e2e/screenshots/portal-shared-allocation-light-phone.png' });
    await ctx.close();
  });

  it('lets the PO weigh the segments of an item serving two', async () => {
    const api = (path: string) => page.request.get(`${app.url}/api/v1/${path}`).then((r) => r.json());
    const vip = (await api('products')).products.find((p: { key: string }) => p.key === 'VIP');
    const list = await api(`products/${vip.id}/items?limit=200`);
    const id = list.items.find((i: { segmentIds: string[] }) => i.segmentIds.length === 2)?.id;
    expect(id).toBeTruthy();
    await page.goto(`${app.url}/p/VIP/backlog?item=${id}`);
    const section = page.getByRole('region', { name: 'How its points split among segments' });
    await section.getByText('(evenly)').waitFor();
    await section.getByRole('button', { name: 'Weigh segments' }).click();
    await section.getByLabel('VIP members').fill('3');
    await section.getByLabel('Secretariat').fill('1');
    await section.getByRole('button', { name: 'Save weights' }).click();
    await section.getByText('(weighted by the Product Owner)').waitFor();
    await expect.poll(() => section.textContent()).toMatch(/VIP members 75 %/);
    expect(await section.textContent()).toMatch(/Secretariat 25 %/);
    await section.screenshot({ path: 'e2e/screenshots/item-segment-weights-light-desktop.png' });
  });

  it('reads on a phone', async () => {
    const ctx = await newContext(browser, { viewport: PHONE });
    await signInViaApi(ctx, app, 'paul@tandem.demo', DEMO_PASSWORD);
    const phone = await ctx.newPage();
    await phone.goto(`${app.url}/p/VIP/insight/allocation`);
    await phone.getByRole('figure', { name: 'Allocation by segment per sprint' }).waitFor();
    await screenshot(phone, 'insight-allocation-light-phone');
    await phone.goto(`${app.url}/p/VIP/insight/budget`);
    await phone.getByRole('figure', { name: 'Budget burn against value' }).waitFor();
    await screenshot(phone, 'insight-budget-light-phone');
    await ctx.close();
  });
});
