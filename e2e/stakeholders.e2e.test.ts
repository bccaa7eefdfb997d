import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './axe.ts';
import {
  apiAs,
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  screenshotFailedSteps,
  startApp,
} from './harness.ts';

/**
 * Who the customers are (issue 10): the PO adds stakeholders from a pasted list (one bad row is
 * caught in the preview, fixed, then all are added), hands one of them a personal sign-in link,
 * and that person opens it on a phone: signed in, on the portal, seeing only the customer pages.
 */
const PASSWORD = 'stakeholder-e2e-pw-1';
let app: E2EApp;
let browser: Browser;
let po: BrowserContext;
let page: Page | undefined;
let link = '';
screenshotFailedSteps(() => page, 'stakeholders');

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  po = await newContext(browser);
  const setup = await po.request.post(`${app.url}/api/v1/setup`, {
    data: {
      name: 'Olive Owner',
      email: 'olive@club.test',
      password: PASSWORD,
      workspaceName: 'Harbour Club',
    },
  });
  expect(setup.status()).toBe(201);
  const vip = await apiAs(po, app, 'POST', '/api/v1/products', { name: 'VIP Meetings', key: 'VIP' });
  const pid = (vip.body as { id: string }).id;
  for (const name of ['VIP members', 'Secretariat'])
    await apiAs(po, app, 'POST', `/api/v1/products/${pid}/segments`, { name });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('stakeholders', () => {
  it('lets the PO add stakeholders from a list, catching a bad row in the preview', async () => {
    page = await po.newPage();
    await page.goto(`${app.url}/p/VIP/settings`);
    await page.getByRole('button', { name: 'Add stakeholders' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add stakeholders' });
    const list = dialog.getByRole('textbox');
    const rows = (bad: boolean) =>
      [
        'Vera Vip, vera@vip.test, VIP members',
        `Victor Vip, ${bad ? 'victor-at-vip.test' : 'victor@vip.test'}, VIP members;Secretariat`,
        'Sid Sec, sid@vip.test, Secretariat',
      ].join('\n');
    await list.fill(rows(true));
    await dialog.getByRole('button', { name: 'Check the list' }).click();
    const preview = dialog.getByRole('table', { name: 'Preview of the list' });
    await preview.getByText('Email: Not a valid email address').waitFor();
    expect(await dialog.getByRole('button', { name: /^Add \d+ stakeholders?$/ }).count()).toBe(0);
    await dialog.getByText('1 with errors').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'stakeholders-import-error-desktop');

    await list.fill(rows(false));
    await dialog.getByRole('button', { name: 'Check the list' }).click();
    await dialog.getByText('0 with errors').waitFor();
    await screenshot(page, 'stakeholders-import-preview-desktop');
    await dialog.getByRole('button', { name: 'Add 3 stakeholders' }).click();
    await dialog.getByRole('status').getByText('Added 3 stakeholders').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const members = page.getByRole('table').filter({ hasText: 'Vera Vip' });
    await members.getByText('vera@vip.test').waitFor();
    // Victor is in both segments, shown as pressed chips in his row.
    const victor = members.getByRole('row').filter({ hasText: 'Victor Vip' });
    expect(await victor.getByRole('checkbox', { checked: true }).count()).toBe(2);
  });

  it('hands a stakeholder a personal sign-in link', async () => {
    page = await po.newPage();
    await page.goto(`${app.url}/p/VIP/settings`);
    const vera = page.getByRole('row').filter({ hasText: 'Vera Vip' });
    await vera.getByRole('button', { name: 'Sign-in link' }).click();
    const field = vera.getByRole('textbox', { name: 'Sign-in link for Vera Vip' });
    await field.waitFor();
    link = await field.inputValue();
    expect(link).toMatch(/\/link\/sil_/);
    await screenshot(page, 'stakeholders-sign-in-link-desktop');
  });

  it('signs the stakeholder in on a phone and lands on the portal with only the customer pages', async () => {
    const phone = await newContext(browser, { viewport: PHONE });
    page = await phone.newPage();
    await page.goto(link);
    await page.waitForURL('**/p/VIP/portal');
    await page.getByText('What the team did for you').waitFor();
    await screenshot(page, 'stakeholders-portal-phone');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const nav = page.getByRole('list', { name: 'Product' });
    await nav.getByRole('link', { name: 'Portal' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Portal',
      'Requests',
      'Reviews',
      'Votes',
      // The working agreements the PO shares with them (none shared: the page says so).
      'Agreements',
    ]);
    expect(await page.getByRole('link', { name: 'Backlog' }).count()).toBe(0);
    await screenshot(page, 'stakeholders-portal-nav-phone');
    await page.keyboard.press('Escape');

    // Signed in as Vera, not as the PO: the profile says so; the backlog sends her to the portal.
    await page.goto(`${app.url}/profile`);
    await page.getByRole('heading', { name: 'Vera Vip' }).waitFor();
    await page.getByRole('heading', { name: 'Set a password' }).waitFor();
    await screenshot(page, 'stakeholders-profile-phone');
    await page.goto(`${app.url}/p/VIP/backlog`);
    await page.waitForURL('**/p/VIP/portal');

    // The link was single use.
    const again = await newContext(browser, { viewport: PHONE });
    const second = await again.newPage();
    await second.goto(link);
    await second.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await screenshot(second, 'stakeholders-link-used-phone');
    await again.close();
    await phone.close();
  });
});
