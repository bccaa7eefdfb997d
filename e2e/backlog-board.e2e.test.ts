import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announced, card, column, drag, expectNoSeriousA11y, keyPause } from './backlog-kit.ts';
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
 * The board by status, as a Product Owner uses it: a card dragged from New to Ready moves when
 * the item meets the Definition of Ready and is refused with the reason (the card goes back) when
 * it does not; a move the workflow forbids is refused before anything is sent; the keyboard moves
 * a card too; every accepted move is on the server and survives a reload.
 */
const PO = { name: 'Paula Owner', email: 'paula@example.test', password: 'paula-password-1' };
const TEAM = { name: 'Theo Team', email: 'theo@example.test', password: 'theo-password-12' };
const STAKEHOLDER = { name: 'Sam Sponsor', email: 'sam@example.test', password: 'sam-password-123' };

let app: E2EApp;
let browser: Browser;
let po: BrowserContext;
let team: BrowserContext;
let stakeholder: BrowserContext;
let page: Page;
let productId = '';
const ids: Record<string, string> = {};
const board = () => `${app.url}/p/LEAG/backlog/board`;

interface ItemJson {
  id: string;
  key: string;
  status: string;
  version: number;
}

async function api<T>(ctx: BrowserContext, method: string, url: string, data?: unknown): Promise<T> {
  const r = await apiAs(ctx, app, method, url, data);
  if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

const statusOf = async (key: string) => (await api<ItemJson>(po, 'GET', `/api/v1/items/${ids[key]}`)).status;
/** Keys of the cards in one column, top to bottom. */
const cardsIn = (p: Page, name: string) =>
  column(p, name)
    .locator('.b-card .mono')
    .allTextContents()
    .then((t) => t.map((s) => s.trim()));

/** How far the board is scrolled sideways: a drag between the first columns must not scroll it. */
const boardScroll = (p: Page) => p.$eval('.b-board', (b) => b.scrollLeft);

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  po = await newContext(browser);
  const setup = await po.request.post(`${app.url}/api/v1/setup`, {
    data: { ...PO, workspaceName: 'Harbour League' },
    headers: { origin: app.url },
  });
  if (!setup.ok()) throw new Error(`setup failed: ${setup.status()}`);
  await signInViaApi(po, app, PO.email, PO.password);
  productId = (
    await api<{ id: string }>(po, 'POST', '/api/v1/products', { name: 'League Platform', key: 'LEAG' })
  ).id;
  const theo = await api<{ id: string }>(po, 'POST', '/api/v1/users', TEAM);
  await api(po, 'POST', `/api/v1/products/${productId}/members`, { userId: theo.id, role: 'team' });
  team = await newContext(browser);
  await signInViaApi(team, app, TEAM.email, TEAM.password);
  const sam = await api<{ id: string }>(po, 'POST', '/api/v1/users', STAKEHOLDER);
  await api(po, 'POST', `/api/v1/products/${productId}/members`, { userId: sam.id, role: 'stakeholder' });
  stakeholder = await newContext(browser);
  await signInViaApi(stakeholder, app, STAKEHOLDER.email, STAKEHOLDER.password);
  const admins = await api<{ id: string }>(po, 'POST', `/api/v1/products/${productId}/segments`, {
    name: 'League admins',
  });
  const story = (title: string, criteria: boolean) => ({
    type: 'story',
    title,
    problem: `League admins lose time: ${title.toLowerCase()}.`,
    segmentIds: [admins.id],
    businessValue: 8,
    timeCriticality: 5,
    riskReduction: 3,
    acceptanceCriteria: criteria
      ? [{ given: 'a league admin of Leeds', when: 'they open the teams', then: 'only Leeds teams show' }]
      : [],
  });
  // LEAG-1 and LEAG-3 meet the Definition of Ready once the team sizes them; LEAG-2 has no
  // acceptance criteria and no estimate, so it is not ready.
  for (const [title, criteria] of [
    ['City admins see only their city', true],
    ['Season archive', false],
    ['Sponsor logo upload', true],
  ] as const) {
    const it = await api<ItemJson>(po, 'POST', `/api/v1/products/${productId}/items`, story(title, criteria));
    ids[it.key] = it.id;
  }
  for (const key of ['LEAG-1', 'LEAG-3']) {
    const it = await api<ItemJson>(team, 'GET', `/api/v1/items/${ids[key]}`);
    const r = await team.request.patch(`${app.url}/api/v1/items/${it.id}`, {
      data: { size: 3 },
      headers: { origin: app.url, 'If-Match': String(it.version) },
    });
    if (!r.ok()) throw new Error(`sizing ${key} failed: ${r.status()}`);
  }
  page = await po.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await screenshot(page, 'backlog-board-failed-step').catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the board by status', () => {
  it('moves a ready item from New to Ready by drag and drop, and keeps it there', async () => {
    await page.goto(board());
    await card(page, 'LEAG-1').waitFor();
    expect(await cardsIn(page, 'New')).toEqual(['LEAG-1', 'LEAG-2', 'LEAG-3']);
    await expectNoSeriousA11y(page, 'board');

    await drag(page, card(page, 'LEAG-1'), column(page, 'Ready'), async () => {
      // Mid-drag the target column says the card may land there.
      expect(await column(page, 'Ready').getAttribute('data-allowed')).toBe('true');
      expect(await column(page, 'Done').getAttribute('data-allowed')).toBe('false');
      await screenshot(page, 'backlog-board-drag-light-desktop');
    });
    await expect.poll(() => cardsIn(page, 'Ready')).toEqual(['LEAG-1']);
    expect(await cardsIn(page, 'New')).toEqual(['LEAG-2', 'LEAG-3']);
    // The board stayed put: the New column is still in full view.
    expect(await boardScroll(page)).toBe(0);
    await expect.poll(() => statusOf('LEAG-1')).toBe('ready');
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.reload();
    await card(page, 'LEAG-1').waitFor();
    expect(await cardsIn(page, 'Ready')).toEqual(['LEAG-1']);
    expect(await cardsIn(page, 'New')).toEqual(['LEAG-2', 'LEAG-3']);
  });

  it('refuses an item that does not meet the Definition of Ready, says why, and the card goes back', async () => {
    await drag(page, card(page, 'LEAG-2'), column(page, 'Ready'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('LEAG-2 stayed in New');
    // The reasons are the Definition of Ready's own: no criteria, no estimate.
    expect(text).toMatch(/acceptance criteria/i);
    expect(text).toMatch(/not estimated/i);
    await expect.poll(() => cardsIn(page, 'New')).toEqual(['LEAG-2', 'LEAG-3']);
    expect(await cardsIn(page, 'Ready')).toEqual(['LEAG-1']);
    // The column the card went back to is in view, so the user sees where it is.
    expect(await boardScroll(page)).toBe(0);
    expect(await statusOf('LEAG-2')).toBe('new');
    await expectNoSeriousA11y(page, 'board (refused move)');
    await screenshot(page, 'backlog-board-refused-light-desktop');

    await page.reload();
    await card(page, 'LEAG-2').waitFor();
    expect(await cardsIn(page, 'New')).toEqual(['LEAG-2', 'LEAG-3']);
  });

  it('refuses a move the workflow forbids before saving anything', async () => {
    const before = await api<ItemJson>(po, 'GET', `/api/v1/items/${ids['LEAG-3']}`);
    await drag(page, card(page, 'LEAG-3'), column(page, 'Done'));
    await page.getByRole('alert').getByText('LEAG-3 cannot go from New to Done directly.').waitFor();
    expect(await cardsIn(page, 'New')).toEqual(['LEAG-2', 'LEAG-3']);
    expect(await cardsIn(page, 'Done')).toEqual([]);
    const after = await api<ItemJson>(po, 'GET', `/api/v1/items/${ids['LEAG-3']}`);
    expect([after.status, after.version]).toEqual([before.status, before.version]);
  });

  it('moves a card with the keyboard, one column per arrow press, and says so in words', async () => {
    await page.reload();
    await card(page, 'LEAG-1').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => announced(page)).toMatch(/^Picked up LEAG-1\./);
    await keyPause(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announced(page)).toBe('LEAG-1 is over In progress.');
    expect(await column(page, 'In progress').getAttribute('data-over')).toBe('true');
    await screenshot(page, 'backlog-board-keyboard-light-desktop');
    await page.keyboard.press('Space');
    await expect.poll(() => cardsIn(page, 'In progress')).toEqual(['LEAG-1']);
    await expect.poll(() => statusOf('LEAG-1')).toBe('in_progress');
    // Space drops; it does not also open the item.
    expect(await page.getByRole('complementary', { name: 'Item details' }).count()).toBe(0);

    // Escape puts it back without saving; a forbidden column is refused in words.
    const before = await api<ItemJson>(po, 'GET', `/api/v1/items/${ids['LEAG-1']}`);
    await card(page, 'LEAG-1').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => announced(page)).toMatch(/^Picked up LEAG-1\./);
    await keyPause(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announced(page)).toBe('LEAG-1 is over Accepted, where it cannot go from here.');
    await page.keyboard.press('Escape');
    await expect.poll(() => announced(page)).toMatch(/cancelled; it stays where it was/);
    expect(await cardsIn(page, 'In progress')).toEqual(['LEAG-1']);
    expect((await api<ItemJson>(po, 'GET', `/api/v1/items/${ids['LEAG-1']}`)).version).toBe(before.version);

    // Enter opens the card's item.
    await card(page, 'LEAG-1').focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('complementary', { name: 'Item details' })
      .locator('.b-panel-head', { hasText: 'LEAG-1' })
      .waitFor();
    await expectNoSeriousA11y(page, 'board with panel');
  });
  it('shows a stakeholder the board to read: cards open, nothing drags, nothing claims to be disabled', async () => {
    const p = await stakeholder.newPage();
    await p.goto(board());
    await card(p, 'LEAG-2').waitFor();
    expect(await card(p, 'LEAG-2').getAttribute('aria-disabled')).toBeNull();
    await drag(p, card(p, 'LEAG-2'), column(p, 'Rejected'));
    expect(await cardsIn(p, 'New')).toEqual(['LEAG-2', 'LEAG-3']);
    expect(await statusOf('LEAG-2')).toBe('new');
    await card(p, 'LEAG-2').click();
    await p
      .getByRole('complementary', { name: 'Item details' })
      .locator('.b-panel-head', { hasText: 'LEAG-2' })
      .waitFor();
    await expectNoSeriousA11y(p, 'board (stakeholder)');
    await p.close();
  });
});
