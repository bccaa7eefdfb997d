import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '#testing/oidc-test-provider.ts';
import { seriousA11yViolations } from './axe.ts';
import { apiOk, type E2EApp, launchBrowser, newContext, screenshot, startApp } from './harness.ts';
import { oidcEnv, startProviderFor } from './sso-kit.ts';

/**
 * An invitation where only single sign-on signs people in (TANDEM_PASSWORD_SIGNIN=off), in the
 * browser against a real OpenID Connect provider: the invite page asks for no password, only
 * "Continue with Acme ID", and the invited person lands in Tandem signed in.
 */
const ADMIN = { name: 'Olive Owner', email: 'olive@acme.test', password: 'olive-password-1' };
let app: E2EApp;
let idp: TestProvider;
let browser: Browser;
let inviteUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
  let port: number;
  ({ idp, port } = await startProviderFor([
    { sub: 'olive-1', email: ADMIN.email, name: ADMIN.name },
    { sub: 'nina-1', email: 'nina@acme.test', name: 'Nina New' },
  ]));
  app = await startApp({ PORT: String(port), ...oidcEnv(idp), TANDEM_PASSWORD_SIGNIN: 'off' });
  // The first-run setup still makes the first admin (with a password, as it does); its session invites.
  const admin = await newContext(browser);
  const setup = await admin.request.post(`${app.url}/api/v1/setup`, {
    data: { ...ADMIN, workspaceName: 'Acme Works' },
  });
  expect(setup.status()).toBe(201);
  const invite = await apiOk<{ url: string }>(admin, app, 'POST', '/api/v1/invites', {
    email: 'nina@acme.test',
    workspaceRole: 'member',
  });
  inviteUrl = invite.url;
  await admin.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

describe('an invitation with single sign-on only', () => {
  it('asks for no password: the invited person continues with the company account and is in', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(inviteUrl);
    await page.getByRole('heading', { name: 'Join Acme Works' }).waitFor();
    const button = page.getByRole('link', { name: 'Continue with Acme ID' });
    await button.waitFor();
    await page.getByText('there is no password to choose').waitFor();
    await page.getByText('Use the company account of nina@acme.test.').waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sso-invite');

    await button.click();
    await page.getByRole('heading', { name: 'Acme ID' }).waitFor();
    await page.getByLabel('Company email').fill('nina@acme.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    // Back in Tandem, signed in as the invited person, on the home page.
    await expect.poll(() => new URL(page.url()).origin).toBe(app.url);
    const me = await ctx.request.get(`${app.url}/api/v1/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).user).toMatchObject({ email: 'nina@acme.test', name: 'Nina New' });
    await page.getByRole('heading', { name: 'Welcome, Nina' }).waitFor();
    await screenshot(page, 'sso-invite-joined');

    // The invitation is used up: opening it again says so.
    await page.goto(inviteUrl);
    await page.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor();
    await ctx.close();
  });
});
