import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './axe.ts';
import {
  apiAs,
  type E2EApp,
  launchBrowser,
  newContext,
  screenshot,
  signInViaApi,
  startApp,
} from './harness.ts';

/**
 * Accounts: changing your password on the profile page, and the admin's reset link that lets
 * someone choose a new one. Refusals appear beside the field; nothing typed is lost.
 */
const ADMIN = { name: 'Olive Owner', email: 'olive@club.test', password: 'olive-password-1' };
const ROSA = { name: 'Rosa Reset', email: 'rosa@club.test', password: 'rosa-password-1' };
let app: E2EApp;
let browser: Browser;
let admin: BrowserContext;

async function expectNoSeriousA11y(page: Page, screen: string) {
  const found = await seriousA11yViolations(page);
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  admin = await newContext(browser);
  const setup = await admin.request.post(`${app.url}/api/v1/setup`, {
    data: { ...ADMIN, workspaceName: 'Harbour Club' },
  });
  expect(setup.status()).toBe(201);
  expect((await apiAs(admin, app, 'POST', '/api/v1/users', ROSA)).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('accounts', () => {
  it('changes your password on the profile page, with the refusal beside the field', async () => {
    const rosa = await newContext(browser);
    await signInViaApi(rosa, app, ROSA.email, ROSA.password);
    const elsewhere = await newContext(browser);
    await signInViaApi(elsewhere, app, ROSA.email, ROSA.password);
    const page = await rosa.newPage();
    await page.goto(`${app.url}/profile`);
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill(ROSA.password);
    await form.getByLabel('New password').fill('password1');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText(/commonly used passwords/).waitFor();
    // What was typed stays, and the message is tied to its field for screen readers.
    expect(await form.getByLabel('Current password').inputValue()).toBe(ROSA.password);
    expect(await form.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousA11y(page, 'profile with a refused password');
    await screenshot(page, 'profile-password-refused');

    await form.getByLabel('New password').fill('rosa new harbour secret');
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').getByText('Password changed').waitFor();
    await screenshot(page, 'profile-password-changed');
    expect((await apiAs(rosa, app, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await apiAs(elsewhere, app, 'GET', '/api/v1/me')).status).toBe(401);
    ROSA.password = 'rosa new harbour secret';
    await rosa.close();
    await elsewhere.close();
  });

  it('lets an admin hand out a reset link, which sets a new password once and signs the person out', async () => {
    const rosa = await newContext(browser);
    await signInViaApi(rosa, app, ROSA.email, ROSA.password);
    const page = await admin.newPage();
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('button', { name: `Reset link for ${ROSA.name}` }).click();
    const url = (await page.getByTestId('reset-url').textContent()) ?? '';
    expect(url).toMatch(/\/reset-password\/pwr_/);
    await expectNoSeriousA11y(page, 'people with a reset link');
    await screenshot(page, 'users-reset-link');

    const stranger = await newContext(browser);
    const reset = await stranger.newPage();
    await reset.goto(url);
    await reset.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await reset.getByLabel('New password', { exact: true }).fill('rosa@club.test');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await reset.getByText('Do not use your email address as your password').waitFor();
    expect(await reset.getByLabel('New password', { exact: true }).inputValue()).toBe('rosa@club.test');
    await expectNoSeriousA11y(reset, 'reset page with a refused password');
    await screenshot(reset, 'reset-password-refused');
    await reset.getByLabel('New password', { exact: true }).fill('rosa chose this one');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await reset.getByRole('heading', { name: 'Your password is changed' }).waitFor();
    await screenshot(reset, 'reset-password-done');
    expect((await apiAs(rosa, app, 'GET', '/api/v1/me')).status).toBe(401);

    await reset.getByRole('link', { name: 'Sign in' }).click();
    await reset.getByLabel('Email').fill(ROSA.email);
    await reset.getByLabel('Password').fill('rosa chose this one');
    await reset.getByRole('button', { name: 'Sign in' }).click();
    await reset.getByRole('heading', { name: /Welcome/ }).waitFor();

    // The link worked once.
    await reset.goto(url);
    await reset.getByRole('heading', { name: 'This reset link cannot be used' }).waitFor();
    await stranger.close();
    await rosa.close();
    await page.close();
  });
});
