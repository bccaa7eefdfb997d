import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpCatcher, startSmtpCatcher } from '#testing/smtp-catcher.ts';
import { seriousA11yViolations } from './axe.ts';
import {
  apiOk,
  type E2EApp,
  launchBrowser,
  newContext,
  screenshot,
  signInViaApi,
  startApp,
} from './harness.ts';

/**
 * The daily digest's time zone on the profile page (issue 12): a person in Berlin finds the picker
 * set to their browser's zone, their first change keeps it, and saving another zone from the
 * searchable list says when the next digest goes out, in that zone.
 */
const ADMIN = { name: 'Bea Berlin', email: 'bea@club.test', password: 'bea-password-long-1' };
let app: E2EApp;
let browser: Browser;
let smtp: SmtpCatcher;

async function expectNoSeriousA11y(page: Page, screen: string) {
  const found = await seriousA11yViolations(page);
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  browser = await launchBrowser();
  app = await startApp({ TANDEM_SMTP_URL: smtp.url, TANDEM_MAIL_FROM: 'Tandem <tandem@example.test>' });
  const ctx = await newContext(browser);
  const setup = await ctx.request.post(`${app.url}/api/v1/setup`, {
    data: { ...ADMIN, workspaceName: 'Harbour Club' },
  });
  expect(setup.status()).toBe(201);
  await ctx.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

describe('the digest’s time zone', () => {
  it('is preselected from the browser, kept on the first save, and a new one says the next digest time', async () => {
    const ctx = await newContext(browser, { timezoneId: 'Europe/Berlin' });
    await signInViaApi(ctx, app, ADMIN.email, ADMIN.password);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/profile#notifications`);
    const picker = page.getByLabel('Your time zone');
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('Europe/Berlin');
    await page.getByText('Taken from your browser').waitFor();
    // Its list holds every zone the browser knows, each with its offset.
    const options = await page.locator(`datalist#${await picker.getAttribute('list')} option`).count();
    expect(options).toBeGreaterThan(300);

    await page.getByLabel('@mentions in comments').selectOption('digest');
    const status = page.getByRole('status').filter({ hasText: 'Next digest' });
    await status.getByText('Saved.').waitFor();
    expect(await status.textContent()).toMatch(
      /Next digest around 00:05 Europe\/Berlin \(\w{3} \d{1,2} \w{3}\)/,
    );
    const saved = await apiOk<{ timeZone: string; timeZoneChosen: boolean }>(
      ctx,
      app,
      'GET',
      '/api/v1/me/notification-settings',
    );
    expect(saved).toMatchObject({ timeZone: 'Europe/Berlin', timeZoneChosen: true });
    await expectNoSeriousA11y(page, 'notification settings with a digest');
    await page.locator('#notifications').scrollIntoViewIfNeeded();
    await screenshot(page, 'digest-time-zone-berlin');

    // A name not in the list is refused beside the field; what was typed stays.
    const form = page.getByRole('form', { name: 'Time zone of your daily digest' });
    await picker.fill('America/New_Yor');
    await form.getByRole('button', { name: 'Save time zone' }).click();
    await form.getByText('Choose a time zone from the list').waitFor();
    expect(await picker.inputValue()).toBe('America/New_Yor');
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Saved.').count()).toBe(0);
    await page.locator('#notifications').scrollIntoViewIfNeeded();
    await screenshot(page, 'digest-time-zone-refused');

    await picker.fill('America/New_York');
    await form.getByRole('button', { name: 'Save time zone' }).click();
    await status.getByText('America/New_York').waitFor();
    expect(await status.textContent()).toMatch(/^Saved\. Next digest around 00:05 America\/New_York/);
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('America/New_York');
    await page.getByText('Your daily digest gathers the notices of your day in this zone.').waitFor();
    await expectNoSeriousA11y(page, 'notification settings in New York');
    await page.locator('#notifications').scrollIntoViewIfNeeded();
    await screenshot(page, 'digest-time-zone-new-york');
    await ctx.close();
  });
});
