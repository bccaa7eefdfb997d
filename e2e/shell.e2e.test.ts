import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './axe.ts';
import {
  apiAs,
  DESKTOP,
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  signInViaApi,
  startApp,
} from './harness.ts';

/**
 * The shell around every feature: command palette, phone drawer, theme toggle, invitations,
 * personal API tokens; plus the README screenshots (light and dark, desktop and phone).
 */
const PASSWORD = 'shell-password-1';
let app: E2EApp;
let browser: Browser;
let admin: BrowserContext;
const people: Record<string, string> = {};

async function makeUser(name: string, email: string) {
  const r = await apiAs(admin, app, 'POST', '/api/v1/users', { name, email, password: PASSWORD });
  expect(r.status).toBe(201);
  people[email] = (r.body as { id: string }).id;
}

async function as(email: string, opts: Parameters<typeof newContext>[1] = {}) {
  const ctx = await newContext(browser, opts);
  await signInViaApi(ctx, app, email, PASSWORD);
  return ctx;
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  admin = await newContext(browser);
  const setup = await admin.request.post(`${app.url}/api/v1/setup`, {
    data: {
      name: 'Olive Owner',
      email: 'olive@club.test',
      password: PASSWORD,
      workspaceName: 'Harbour Club',
    },
  });
  expect(setup.status()).toBe(201);
  const vip = await apiAs(admin, app, 'POST', '/api/v1/products', { name: 'VIP Meetings', key: 'VIP' });
  const pid = (vip.body as { id: string }).id;
  await apiAs(admin, app, 'POST', '/api/v1/products', { name: 'League Platform', key: 'LEAGUE' });
  await makeUser('Tom Baker', 'tom@club.test');
  await makeUser('Sam Stake', 'sam@club.test');
  await makeUser('Fay Facil', 'fay@club.test');
  for (const [email, role] of [
    ['tom@club.test', 'team'],
    ['sam@club.test', 'stakeholder'],
    ['fay@club.test', 'facilitator'],
  ] as const)
    await apiAs(admin, app, 'POST', `/api/v1/products/${pid}/members`, { userId: people[email], role });
  await apiAs(admin, app, 'PATCH', `/api/v1/products/${pid}/members/${people['sam@club.test']}`, {
    role: 'viewer',
  });
  for (const [name, targetShare] of [
    ['Secretariat', 60],
    ['VIP members', 40],
  ] as const)
    await apiAs(admin, app, 'POST', `/api/v1/products/${pid}/segments`, { name, targetShare });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the shell', () => {
  it('opens the command palette with Ctrl-K and runs a command from the keyboard', async () => {
    const page = await admin.newPage();
    await page.goto(`${app.url}/p/VIP/activity`);
    await page.getByText('Olive Owner changed Sam Stake’s role from Stakeholder to Viewer').waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Type a command' });
    await input.waitFor();
    await input.fill('league');
    expect(await page.getByRole('option').allTextContents()).toEqual(['Switch to League Platform']);
    await input.fill('go settings');
    await screenshot(page, 'palette-light-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/p/VIP/settings');
    expect(await input.count()).toBe(0);
    await page.close();
  });

  it('collapses the nav into a drawer on a phone, for a viewer', async () => {
    const sam = await as('sam@club.test', { viewport: PHONE });
    const page = await sam.newPage();
    await page.goto(`${app.url}/p/VIP/activity`);
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    expect(await page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(false);
    await screenshot(page, 'activity-light-phone');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL('**/p/VIP/settings');
    await page.getByRole('heading', { name: 'Customer segments' }).waitFor();
    // A viewer sees roles and targets but no controls to change them.
    expect(await page.getByRole('button', { name: /Remove|Delete/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'settings-light-phone');
    await sam.close();
  });

  it('follows the system dark theme and remembers an explicit choice', async () => {
    const tom = await as('tom@club.test', { theme: 'dark' });
    const page = await tom.newPage();
    await page.goto(`${app.url}/p/VIP/activity`);
    await page.getByText('Olive Owner added Tom Baker as Team member').waitFor();
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await bg()).toBe('rgb(22, 22, 26)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'activity-dark-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'activity-dark-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('button', { name: 'Light theme' }).click();
    expect(await bg()).toBe('rgb(255, 255, 255)');
    await page.reload();
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    expect(await bg()).toBe('rgb(255, 255, 255)');
    await tom.close();
  });

  it('invites by link: the invitee creates an account and lands signed in', async () => {
    const page = await admin.newPage();
    await page.goto(`${app.url}/admin/users`);
    const form = page.getByRole('form', { name: 'Create an invitation link' });
    await form.getByLabel('Email (optional)').fill('ivy@club.test');
    await form.getByRole('button', { name: 'Create link' }).click();
    const url = await page.getByTestId('invite-url').textContent();
    expect(url).toMatch(/\/invite\/\S{20,}$/);
    await screenshot(page, 'people-light-desktop');
    await page.close();

    const ivy = await newContext(browser, { viewport: PHONE });
    const p = await ivy.newPage();
    await p.goto(url!);
    await p.getByRole('heading', { name: 'Join Harbour Club' }).waitFor();
    expect(await p.getByLabel('Email').inputValue()).toBe('ivy@club.test');
    expect(await seriousA11yViolations(p)).toEqual([]);
    await p.getByLabel('Your name').fill('Ivy Invitee');
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Create account' }).click();
    await p.getByRole('heading', { name: 'Welcome, Ivy' }).waitFor();
    // The link works once.
    await p.goto(url!);
    await p.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor();
    await ivy.close();
  });

  it('shows a new API token once; it works until revoked', async () => {
    const fay = await as('fay@club.test');
    const page = await fay.newPage();
    await page.goto(`${app.url}/profile`);
    await page.getByLabel('Token name').fill('CI import');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.locator('.alert-success code').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    const me = await fay.request.get(`${app.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.status()).toBe(200);
    await page.reload();
    await page.getByRole('cell', { name: 'CI import', exact: true }).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke token CI import' }).click();
    await page.getByRole('cell', { name: 'CI import', exact: true }).waitFor({ state: 'detached' });
    const after = await fay.request.get(`${app.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.status()).toBe(401);
    await fay.close();
  });
});
