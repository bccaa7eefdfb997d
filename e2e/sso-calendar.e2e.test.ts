import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '#testing/oidc-test-provider.ts';
import { seriousA11yViolations } from './axe.ts';
import {
  apiOk,
  type E2EApp,
  launchBrowser,
  newContext,
  SCREENSHOTS,
  screenshot,
  startApp,
} from './harness.ts';
import { oidcEnv, startProviderFor } from './sso-kit.ts';

/**
 * Single sign-on in the browser against a real OpenID Connect provider (oidc-provider), then the
 * calendar link on the profile page, read back as a calendar app would.
 */
const ADMIN = { name: 'Olive Owner', email: 'olive@club.test', password: 'olive-password-1' };
const ROSA = { name: 'Rosa Member', email: 'rosa@club.test', password: 'rosa-password-1' };
let app: E2EApp;
let idp: TestProvider;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  let port: number;
  ({ idp, port } = await startProviderFor([
    { sub: 'rosa-1', email: ROSA.email, name: ROSA.name },
    { sub: 'nobody-1', email: 'nobody@club.test', name: 'No One' },
  ]));
  app = await startApp({ PORT: String(port), ...oidcEnv(idp) });
  const admin = await newContext(browser);
  const setup = await admin.request.post(`${app.url}/api/v1/setup`, {
    data: { ...ADMIN, workspaceName: 'Harbour Club' },
  });
  expect(setup.status()).toBe(201);
  await apiOk(admin, app, 'POST', '/api/v1/users', ROSA);
  await admin.close();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

describe('single sign-on and the calendar link', () => {
  it('signs in with the company account and subscribes to the calendar', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/signin?next=%2Fprofile`);
    const button = page.getByRole('link', { name: 'Sign in with Acme ID' });
    await button.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sso-sign-in');
    await button.click();
    // At the provider: its own page, on its own origin.
    await page.getByRole('heading', { name: 'Acme ID' }).waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.getByLabel('Company email').fill(ROSA.email);
    await screenshot(page, 'sso-provider');
    await page.getByRole('button', { name: 'Continue' }).click();
    // Back in Tandem, signed in as Rosa, on the page the sign-in started from.
    await page.getByRole('heading', { name: ROSA.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/profile');

    const section = page.getByRole('region', { name: 'Subscribe in your calendar' });
    await section.getByRole('button', { name: 'Make my calendar link' }).click();
    const link = section.locator('code');
    await link.waitFor();
    const url = (await link.textContent()) ?? '';
    expect(url).toMatch(/\/api\/v1\/calendar\/cal_[\w-]+\.ics$/);
    // The section sits below the products and password: shown where the person is looking.
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'calendar-link.png') });
    // A calendar app reads it without any session.
    const anonymous = await newContext(browser);
    const feed = await anonymous.request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    // Turning it off ends it at once.
    page.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Turn off the link' }).click();
    await section.getByRole('button', { name: 'Make my calendar link' }).waitFor();
    expect((await anonymous.request.get(url)).status()).toBe(404);
    await ctx.close();
    await anonymous.close();
  });

  it('sends someone with no Tandem account back to the sign-in page, saying why', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`${app.url}/signin`);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await page.getByLabel('Company email').fill('nobody@club.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByRole('alert')
      .getByText(/no Tandem account for your company email/)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect((await ctx.cookies()).some((c) => c.name === 'tandem_session')).toBe(false);
    await screenshot(page, 'sso-refused');
    await ctx.close();
  });

  it('says on the sign-in page when password sign-in is off, and offers only single sign-on', async () => {
    const ssoOnly = await startApp({ ...oidcEnv(idp), TANDEM_PASSWORD_SIGNIN: 'off' });
    try {
      const ctx = await newContext(browser);
      await ctx.request.post(`${ssoOnly.url}/api/v1/setup`, {
        data: { ...ADMIN, workspaceName: 'Acme Works' },
      });
      await ctx.clearCookies();
      const page = await ctx.newPage();
      await page.goto(`${ssoOnly.url}/signin`);
      await page.getByText('Password sign-in is turned off in this workspace').waitFor();
      expect(await page.getByRole('link', { name: 'Sign in with Acme ID' }).count()).toBe(1);
      expect(await page.getByLabel('Password').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'sso-only-sign-in');
      await ctx.close();
    } finally {
      await ssoOnly.stop();
    }
  });
});
