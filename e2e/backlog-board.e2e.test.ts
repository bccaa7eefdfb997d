import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '#contracts/items.ts';
import {
  announced,
  card,
  column,
  drag,
  expectNoSeriousA11y,
  keyPause,
  type League,
  startLeague,
} from './backlog-kit.ts';
import { type E2EApp, screenshot, screenshotFailedSteps } from './harness.ts';

/**
 * The board by status, as a Product Owner uses it: a card dragged from New to Ready moves when
 * the item meets the Definition of Ready and is refused with the reason (the card goes back) when
 * it does not; a move the workflow forbids is refused before anything is sent; the keyboard moves
 * a card too; every accepted move is on the server and survives a reload.
 */
let league: League;
let app: E2EApp;
let po: BrowserContext;
let viewer: BrowserContext;
let page: Page;
const ids: Record<string, string> = {};
const board = () => `${app.url}/p/LEAG/backlog/board`;
const api = <T>(ctx: BrowserContext, method: string, url: string, data?: unknown) =>
  league.api<T>(ctx, method, url, data);

const statusOf = async (key: string) => (await api<Item>(po, 'GET', `/api/v1/items/${ids[key]}`)).status;
/** Keys of the cards in one column, top to bottom. */
const cardsIn = (p: Page, name: string) =>
  column(p, name)
    .locator('.b-card .mono')
    .allTextContents()
    .then((t) => t.map((s) => s.trim()));

/** How far the board is scrolled sideways: a drag between the first columns must not scroll it. */
const boardScroll = (p: Page) => p.$eval('.b-board', (b) => b.scrollLeft);

beforeAll(async () => {
  league = await startLeague({ team: 'team', viewer: 'viewer' });
  ({ app } = league);
  po = league.as.po;
  viewer = league.as.viewer!;
  const admins = await league.segment('League admins');
  const story = (title: string, criteria: boolean) => ({
    type: 'story',
    title,
    problem: `League admins lose time: ${title.toLowerCase()}.`,
    segmentIds: [admins],
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
    const it = await api<Item>(
      po,
      'POST',
      `/api/v1/products/${league.productId}/items`,
      story(title, criteria),
    );
    ids[it.key] = it.id;
  }
  for (const key of ['LEAG-1', 'LEAG-3'])
    await league.size(await api<Item>(po, 'GET', `/api/v1/items/${ids[key]}`), 3);
  page = await po.newPage();
});

screenshotFailedSteps(() => page, 'backlog-board');

afterAll(async () => {
  await league?.stop();
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
    const before = await api<Item>(po, 'GET', `/api/v1/items/${ids['LEAG-3']}`);
    await drag(page, card(page, 'LEAG-3'), column(page, 'Done'));
    await page.getByRole('alert').getByText('LEAG-3 cannot go from New to Done directly.').waitFor();
    expect(await cardsIn(page, 'New')).toEqual(['LEAG-2', 'LEAG-3']);
    expect(await cardsIn(page, 'Done')).toEqual([]);
    const after = await api<Item>(po, 'GET', `/api/v1/items/${ids['LEAG-3']}`);
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
    const before = await api<Item>(po, 'GET', `/api/v1/items/${ids['LEAG-1']}`);
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
    expect((await api<Item>(po, 'GET', `/api/v1/items/${ids['LEAG-1']}`)).version).toBe(before.version);

    // Enter opens the card's item.
    await card(page, 'LEAG-1').focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('complementary', { name: 'Item details' })
      .locator('.b-panel-head', { hasText: 'LEAG-1' })
      .waitFor();
    await expectNoSeriousA11y(page, 'board with panel');
  });
  it('shows a viewer the board to read: cards open, nothing drags, nothing claims to be disabled', async () => {
    const p = await viewer.newPage();
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
    await expectNoSeriousA11y(p, 'board (viewer)');
    await p.close();
  });
});
