import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
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
 * The first journey of a new workspace, as people would do it in the browser: set up the first
 * admin, sign in, create a product, add a member; the member sees it; a stranger gets "not found".
 * The steps share one server and run in order.
 */
const ADMIN = { name: 'Olive Owner', email: 'olive@example.test', password: 'olive-password-1' };
const TOM = { name: 'Tom Team', email: 'tom@example.test', password: 'tom-password-12' };
const STRANGER = { name: 'Sid Stranger', email: 'sid@example.test', password: 'sid-password-12' };

let app: E2EApp;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let productPath = '';

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  admin = await newContext(browser);
  page = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('first run to a shared product', () => {
  it('sends a first visit to setup and creates the first admin', async () => {
    await page.goto(app.url);
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: 'Welcome to Tandem' }).waitFor();
    await expectNoSeriousA11y(page, 'setup');
    await page.getByLabel('Organisation name').fill('Harbour Club');
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    // Too short: the server's message appears beside the field and nothing typed is lost.
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByText('Use at least 8 characters').waitFor();
    expect(await page.getByLabel('Your name').inputValue()).toBe(ADMIN.name);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Olive' }).waitFor();
    await expectNoSeriousA11y(page, 'home (empty)');
    await screenshot(page, 'home-empty-light-desktop');
  });

  it('signs out, refuses a wrong password beside the form, keeps the email, then signs in', async () => {
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    await page.getByText('to Harbour Club').waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/email and password do not match/i);
    expect(await page.getByLabel('Email').inputValue()).toBe(ADMIN.email);
    await expectNoSeriousA11y(page, 'sign in (error)');
    await screenshot(page, 'signin-error-light-desktop');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Olive' }).waitFor();
  });

  it('creates a product and lands on its settings', async () => {
    await page.getByRole('link', { name: 'Create a product' }).click();
    await page.getByLabel('Name', { exact: true }).fill('VIP Meetings');
    expect(await page.getByLabel('Key').inputValue()).toBe('VM');
    await page.getByLabel('Key').fill('VIP');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL('**/p/VIP/settings');
    productPath = '/p/VIP';
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    expect(await page.getByRole('button', { name: /Switch product/ }).textContent()).toContain(
      'VIP Meetings',
    );
  });

  it('creates an account for Tom on the People page and adds him as a team member', async () => {
    await page.getByRole('link', { name: 'People', exact: true }).click();
    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('Name').fill(TOM.name);
    await form.getByLabel('Email').fill(TOM.email);
    await form.getByLabel('First password').fill(TOM.password);
    await form.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('cell', { name: `${TOM.name} ${TOM.email}` }).waitFor();

    await page.goto(`${app.url}${productPath}/settings`);
    const add = page.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('Person').selectOption({ label: `${TOM.name} (${TOM.email})` });
    await add.getByLabel('Role').selectOption('team');
    await add.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('combobox', { name: `Role of ${TOM.name}` }).waitFor();
    expect(await page.getByRole('combobox', { name: `Role of ${TOM.name}` }).inputValue()).toBe('team');

    const seg = page.getByRole('form', { name: 'Add a segment' });
    await seg.getByLabel('Segment name').fill('Secretariat');
    await seg.getByLabel('Target share (%)').fill('60');
    await seg.getByRole('button', { name: 'Add segment' }).click();
    await page.getByRole('cell', { name: 'Secretariat', exact: true }).waitFor();
    await seg.getByLabel('Segment name').fill('VIP members');
    await seg.getByLabel('Target share (%)').fill('40');
    await seg.getByRole('button', { name: 'Add segment' }).click();
    await page.getByRole('cell', { name: 'VIP members', exact: true }).waitFor();
    await expectNoSeriousA11y(page, 'product settings');
    await screenshot(page, 'settings-light-desktop');

    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByText(`${ADMIN.name} added ${TOM.name} as Team member`).waitFor();
    await expectNoSeriousA11y(page, 'activity');
    await screenshot(page, 'activity-light-desktop');
  });

  it('lets Tom sign in and see the product he was added to', async () => {
    const tom = await newContext(browser, { theme: 'dark' });
    const p = await tom.newPage();
    await p.goto(`${app.url}${productPath}/settings`);
    await p.waitForURL(/\/signin\?next=/);
    await p.getByLabel('Email').fill(TOM.email);
    await p.getByLabel('Password').fill(TOM.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`**${productPath}/settings`);
    await p.getByRole('button', { name: /Switch product, current:\s*VIP Meetings/ }).waitFor();
    // Tom is not the Product Owner: roles are shown, not editable.
    await p.getByText('Team member', { exact: true }).first().waitFor();
    expect(await p.getByRole('form', { name: 'Add a member' }).count()).toBe(0);
    await expectNoSeriousA11y(p, 'settings (team member, dark)');
    await screenshot(p, 'settings-dark-desktop');
    await tom.close();
  });

  it('shows a stranger "not found" for the product URL, as the API does', async () => {
    const created = await apiAs(admin, app, 'POST', '/api/v1/users', STRANGER);
    expect(created.status).toBe(201);
    const sid = await newContext(browser);
    await signInViaApi(sid, app, STRANGER.email, STRANGER.password);
    const p = await sid.newPage();
    await p.goto(`${app.url}${productPath}/settings`);
    await p.getByRole('heading', { name: 'This product was not found' }).waitFor();
    expect(await p.getByText('VIP Meetings').count()).toBe(0);
    const products = await apiAs(sid, app, 'GET', '/api/v1/products');
    expect(products.body).toEqual({ products: [] });
    await expectNoSeriousA11y(p, 'not found');
    await sid.close();
  });
});
