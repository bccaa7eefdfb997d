import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  announced,
  card,
  column,
  drag,
  expectNoSeriousA11y,
  type League,
  PEOPLE,
  keyPause as pause,
} from './backlog-kit.ts';
import {
  columnsInView,
  dismiss,
  moreButton,
  panel,
  refusal,
  startPolishLeague,
  statusOf as statusIn,
} from './backlog-polish-fixture.ts';
import { type E2EApp, newContext, PHONE, screenshot, signInViaApi } from './harness.ts';

/**
 * The board's rough edges: all six columns at 1280 px, a sign when columns are out of view, one
 * column at a time on a phone, and a refusal that can be put away.
 */
let league: League;
let app: E2EApp;
let browser: Browser;
let po: BrowserContext;
let _team: BrowserContext;
let _stakeholder: BrowserContext;
let _viewer: BrowserContext;
let page: Page;
const _backlog = () => `${app.url}/p/LEAG/backlog`;
const board = () => `${app.url}/p/LEAG/backlog/board`;
const statusOf = (key: string) => statusIn(league, key);
const keyPause = () => pause(page);

beforeAll(async () => {
  league = await startPolishLeague();
  ({ app, browser } = league);
  po = league.as.po;
  _team = league.as.team!;
  _stakeholder = league.as.stakeholder!;
  _viewer = league.as.viewer!;
  page = await po.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await screenshot(page, 'backlog-polish-board-failed-step').catch(() => undefined);
});

afterAll(async () => {
  await league?.stop();
});

describe('the board at 1280 px and on a phone', () => {
  it('fits all six status columns at 1280 px, with cards that read well in them', async () => {
    await page.goto(board());
    await card(page, 'LEAG-1').waitFor();
    expect(await columnsInView(page)).toEqual({
      New: true,
      Ready: true,
      'In progress': true,
      Done: true,
      Accepted: true,
      Rejected: true,
    });
    expect(await page.$eval('.b-board', (b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(1);
    expect(await moreButton(page, 'right').count()).toBe(0);
    // The top line of a card (type, key, size) stays one line; "needs estimate" sits below.
    for (const key of ['LEAG-1', 'LEAG-2']) {
      const top = await card(page, key).locator('.b-card-top').boundingBox();
      expect(top?.height, key).toBeLessThanOrEqual(22);
    }
    // A long segment name is cut short inside the card, not spilling out of it.
    const spill = await card(page, 'LEAG-3').evaluate((c) => {
      const r = c.getBoundingClientRect();
      return [...c.querySelectorAll('.chip')].some((chip) => chip.getBoundingClientRect().right > r.right);
    });
    expect(spill).toBe(false);
    await expectNoSeriousA11y(page, 'board at 1280');
    await screenshot(page, 'backlog-polish-board-light-desktop');
  });

  it('says there are more columns when they do not fit, and scrolls to them', async () => {
    // With the item panel open the board has half the room.
    await card(page, 'LEAG-1').click();
    await panel(page).locator('.b-panel-head', { hasText: 'LEAG-1' }).waitFor();
    const more = moreButton(page, 'right');
    await more.waitFor();
    // The button names the columns out of view, Rejected among them, and says how many.
    const name = (await more.evaluate((b) => b.textContent ?? ''))
      .replace(/[‹›]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const named = name.split(': ')[1]?.split(', ') ?? [];
    expect(named).toContain('Rejected');
    expect(name).toMatch(new RegExp(`^${named.length} more columns? to the right`));
    const inView = await columnsInView(page);
    for (const c of named) expect(inView[c], c).toBe(false);
    // It sits at the right, above the edge where the columns go on.
    const [boardBox, moreBox] = await Promise.all([
      page.locator('.b-board').boundingBox(),
      more.boundingBox(),
    ]);
    expect((moreBox?.x ?? 0) + (moreBox?.width ?? 0)).toBeLessThanOrEqual(
      (boardBox?.x ?? 0) + (boardBox?.width ?? 0) + 1,
    );
    expect(moreBox?.x ?? 0).toBeGreaterThan((boardBox?.x ?? 0) + (boardBox?.width ?? 0) / 2);
    await expectNoSeriousA11y(page, 'board with panel');
    await screenshot(page, 'backlog-polish-board-panel-light-desktop');

    for (let i = 0; i < 4 && (await more.count()) > 0; i++) {
      await more.click();
      await page.waitForTimeout(400);
    }
    await expect.poll(async () => (await columnsInView(page)).Rejected).toBe(true);
    expect(await more.count()).toBe(0);
    // Now the way back is marked instead.
    await moreButton(page, 'left').waitFor();
    await page.getByRole('button', { name: /^\d+ more columns? to the left: New/ }).waitFor();
    await screenshot(page, 'backlog-polish-board-panel-scrolled-light-desktop');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
  });

  it('shows one column at a time on a phone, with the next one peeking in and a count of the rest', async () => {
    const phone = await newContext(browser, { viewport: PHONE });
    await signInViaApi(phone, app, PEOPLE.po.email, PEOPLE.po.password);
    const m = await phone.newPage();
    await m.goto(board());
    await card(m, 'LEAG-1').waitFor();
    const inView = await columnsInView(m);
    expect(inView.New).toBe(true);
    expect(Object.values(inView).filter(Boolean)).toHaveLength(1);
    const newBox = await column(m, 'New').boundingBox();
    expect(newBox?.width ?? 0).toBeGreaterThan(PHONE.width * 0.7);
    // The next column shows its edge, so sideways scrolling is suggested by the layout itself.
    const readyBox = await column(m, 'Ready').boundingBox();
    expect(readyBox?.x ?? PHONE.width).toBeLessThan(PHONE.width);
    expect(await moreButton(m, 'right').textContent()).toContain('5 more');
    await expectNoSeriousA11y(m, 'board on a phone');
    await screenshot(m, 'backlog-polish-board-light-phone');
    await phone.close();

    // The edge shadow and the count read in the dark theme too.
    const dark = await newContext(browser, { theme: 'dark', viewport: PHONE });
    await signInViaApi(dark, app, PEOPLE.po.email, PEOPLE.po.password);
    const d = await dark.newPage();
    await d.goto(board());
    await card(d, 'LEAG-1').waitFor();
    await d.$eval('.b-board', (b) => b.scrollBy({ left: 400 }));
    await moreButton(d, 'left').waitFor();
    await expectNoSeriousA11y(d, 'board on a phone (dark)');
    await screenshot(d, 'backlog-polish-board-dark-phone');
    await dark.close();
  });
});

describe("the board's refusal can be put away", () => {
  it('has a labelled Dismiss button the keyboard reaches, which hands focus back to the card', async () => {
    await page.goto(board());
    await card(page, 'LEAG-2').waitFor();
    await drag(page, card(page, 'LEAG-2'), column(page, 'Ready'));
    await refusal(page).getByText('LEAG-2 stayed in New', { exact: false }).waitFor();
    await expectNoSeriousA11y(page, 'board refusal');
    await screenshot(page, 'backlog-polish-board-refused-light-desktop');
    // From the first card, one Shift+Tab back reaches the button.
    await card(page, 'LEAG-1').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await dismiss(page).evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => refusal(page).count()).toBe(0);
    expect(await card(page, 'LEAG-2').evaluate((c) => c === document.activeElement)).toBe(true);
  });

  it('goes away with Escape, before the item panel does', async () => {
    await card(page, 'LEAG-3').click();
    await panel(page).locator('.b-panel-head', { hasText: 'LEAG-3' }).waitFor();
    // A keyboard drag of the unready card, refused by the server.
    await card(page, 'LEAG-2').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => announced(page)).toMatch(/^Picked up LEAG-2\./);
    await keyPause();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announced(page)).toBe('LEAG-2 is over Ready.');
    await page.keyboard.press('Space');
    await refusal(page).getByText('LEAG-2 stayed in New', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => refusal(page).count()).toBe(0);
    expect(await panel(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
  });

  it('goes away when the next drag starts, and Escape that cancels a drag closes nothing else', async () => {
    await page.goto(board());
    await card(page, 'LEAG-3').waitFor();
    await drag(page, card(page, 'LEAG-3'), column(page, 'Done'));
    await refusal(page).getByText('LEAG-3 cannot go from New to Done directly.').waitFor();
    // The next drag, a good one: the old refusal is gone as soon as the card is lifted.
    await drag(page, card(page, 'LEAG-1'), column(page, 'Ready'), async () => {
      expect(await refusal(page).count()).toBe(0);
    });
    await expect.poll(() => column(page, 'Ready').locator('.b-card').count()).toBe(1);
    await expect.poll(() => statusOf('LEAG-1')).toBe('ready');
    expect(await refusal(page).count()).toBe(0);

    // With a panel open, Escape during a keyboard drag cancels the drag only.
    // dnd-kit swallows clicks for 50 ms after a drop; a person's next click comes later.
    await page.waitForTimeout(100);
    await card(page, 'LEAG-4').click();
    await panel(page).locator('.b-panel-head', { hasText: 'LEAG-4' }).waitFor();
    await card(page, 'LEAG-4').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => announced(page)).toMatch(/^Picked up LEAG-4\./);
    await keyPause();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announced(page)).toBe('LEAG-4 is over Ready.');
    await page.keyboard.press('Escape');
    await expect.poll(() => announced(page)).toMatch(/cancelled; it stays where it was/);
    expect(await panel(page).count()).toBe(1);
  });
});
