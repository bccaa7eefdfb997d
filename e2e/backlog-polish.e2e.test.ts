import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './axe.ts';
import {
  apiAs,
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  signInViaApi,
  startApp,
} from './harness.ts';

/**
 * The backlog's rough edges, as its users met them: rows a stakeholder or viewer could tick with
 * nothing to do with the ticks; a board whose last column was cut off at 1280 px with nothing to
 * say there was more; a refusal on the board that could not be put away.
 */
const PO = { name: 'Paula Owner', email: 'paula@example.test', password: 'paula-password-1' };
const TEAM = { name: 'Theo Team', email: 'theo@example.test', password: 'theo-password-12' };
const STAKEHOLDER = { name: 'Sam Sponsor', email: 'sam@example.test', password: 'sam-password-123' };
const VIEWER = { name: 'Vera Viewer', email: 'vera@example.test', password: 'vera-password-12' };

let app: E2EApp;
let browser: Browser;
let po: BrowserContext;
let team: BrowserContext;
let stakeholder: BrowserContext;
let viewer: BrowserContext;
let page: Page;
let productId = '';
const backlog = () => `${app.url}/p/LEAG/backlog`;
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

async function expectNoSeriousA11y(p: Page, screen: string) {
  const found = await seriousA11yViolations(p);
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

async function member(user: { name: string; email: string; password: string }, role: string) {
  const u = await api<{ id: string }>(po, 'POST', '/api/v1/users', user);
  await api(po, 'POST', `/api/v1/products/${productId}/members`, { userId: u.id, role });
  const ctx = await newContext(browser);
  await signInViaApi(ctx, app, user.email, user.password);
  return ctx;
}

const statusOf = async (key: string) =>
  (await api<{ items: ItemJson[] }>(po, 'GET', `/api/v1/products/${productId}/items?limit=100`)).items.find(
    (i) => i.key === key,
  )?.status;
/**
 * dnd-kit starts listening for the arrow keys a tick after a card is lifted; a person's next key
 * comes a good deal later than that, and so does the test's.
 */
const keyPause = () => page.waitForTimeout(80);
/** What dnd-kit's live region last told a screen-reader user. */
const announced = (p: Page) => p.locator('[id^="DndLiveRegion"]').textContent();
const row = (p: Page, key: string) => p.locator(`tr[data-key="${key}"]`);
const grid = (p: Page) => p.getByRole('grid', { name: 'Backlog items' });
const selectedRows = (p: Page) => p.locator('tbody.b-body tr[aria-selected="true"]').count();
const panel = (p: Page) => p.getByRole('complementary', { name: 'Item details' });
const column = (p: Page, name: string) => p.getByRole('region', { name, exact: true });
const card = (p: Page, key: string) => p.locator('.b-card', { hasText: key });
const refusal = (p: Page) => p.locator('.b-alert', { has: p.getByRole('alert') });
const dismiss = (p: Page) => p.getByRole('button', { name: 'Dismiss this message' });
const moreButton = (p: Page, side: 'left' | 'right') =>
  p.getByRole('button', { name: new RegExp(`^\\d+ more columns? to the ${side}: `) });

/** Where each column sits against the board's visible area: fully in view or not. */
const columnsInView = (p: Page) =>
  p.$eval('.b-board', (b) => {
    const box = b.getBoundingClientRect();
    return Object.fromEntries(
      [...b.querySelectorAll<HTMLElement>('.b-column')].map((c) => {
        const r = c.getBoundingClientRect();
        return [c.getAttribute('aria-label'), r.left >= box.left - 1 && r.right <= box.right + 1];
      }),
    );
  });

/** The same mouse drag the board test uses: press, nudge, travel in steps, release. */
async function drag(p: Page, from: Locator, to: Locator, beforeRelease?: () => Promise<void>) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('card or column not laid out');
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2, y: b.y + 80 };
  await p.mouse.move(start.x, start.y);
  await p.mouse.down();
  await p.mouse.move(start.x + 10, start.y, { steps: 2 });
  for (let i = 1; i <= 10; i++) {
    await p.mouse.move(start.x + ((end.x - start.x) * i) / 10, start.y + ((end.y - start.y) * i) / 10);
    await p.waitForTimeout(16);
  }
  await beforeRelease?.();
  await p.mouse.up();
}

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
  team = await member(TEAM, 'team');
  stakeholder = await member(STAKEHOLDER, 'stakeholder');
  viewer = await member(VIEWER, 'viewer');
  const seg = async (name: string) =>
    (await api<{ id: string }>(po, 'POST', `/api/v1/products/${productId}/segments`, { name })).id;
  const admins = await seg('League admins');
  const sponsors = await seg('Regional sponsorship coordinators');
  // LEAG-1 and LEAG-3 meet the Definition of Ready once the team sizes them; LEAG-2 has no
  // criteria and no estimate, so the board refuses it in Ready.
  const stories: Array<[string, boolean, string[], boolean]> = [
    ['City admins see only their city', true, [admins, sponsors], true],
    ['Season archive', false, [admins], false],
    ['Sponsor logo upload', true, [sponsors], false],
    ['Fixture clash warnings', true, [admins], false],
  ];
  for (const [title, criteria, segmentIds, releaseCritical] of stories) {
    await api(po, 'POST', `/api/v1/products/${productId}/items`, {
      type: 'story',
      title,
      problem: `League admins lose time: ${title.toLowerCase()}.`,
      segmentIds,
      releaseCritical,
      businessValue: 8,
      timeCriticality: 5,
      riskReduction: 3,
      acceptanceCriteria: criteria
        ? [{ given: 'a league admin of Leeds', when: 'they open the teams', then: 'only Leeds teams show' }]
        : [],
    });
  }
  const all = await api<{ items: ItemJson[] }>(po, 'GET', `/api/v1/products/${productId}/items?limit=100`);
  for (const it of all.items.filter((i) => ['LEAG-1', 'LEAG-3', 'LEAG-4'].includes(i.key))) {
    const r = await team.request.patch(`${app.url}/api/v1/items/${it.id}`, {
      data: { size: 3 },
      headers: { origin: app.url, 'If-Match': String(it.version) },
    });
    if (!r.ok()) throw new Error(`sizing ${it.key} failed: ${r.status()}`);
  }
  page = await po.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await screenshot(page, 'backlog-polish-failed-step').catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('selection in the backlog list is offered only to people who can bulk edit', () => {
  it('gives the Product Owner and the team checkboxes that lead to the bulk bar', async () => {
    for (const ctx of [po, team]) {
      const p = await ctx.newPage();
      await p.goto(backlog());
      await row(p, 'LEAG-1').waitFor();
      expect(await grid(p).getAttribute('aria-multiselectable')).toBe('true');
      await p.getByRole('checkbox', { name: 'Select all loaded items' }).waitFor();
      await p.getByRole('checkbox', { name: 'Select LEAG-2' }).check();
      await p.getByRole('region', { name: 'Bulk edit' }).getByText('1 selected').waitFor();
      await p.close();
    }
  });

  for (const [who, ctx] of [
    ['stakeholder', () => stakeholder],
    ['viewer', () => viewer],
  ] as const) {
    it(`shows a ${who} no checkboxes, and no click or key selects a row`, async () => {
      const p = await ctx().newPage();
      await p.goto(backlog());
      await row(p, 'LEAG-1').waitFor();
      // Nothing to tick: no checkbox in the header or any row, and the grid does not claim to
      // be multi-selectable.
      expect(await grid(p).getByRole('checkbox').count()).toBe(0);
      expect(await grid(p).getAttribute('aria-multiselectable')).toBeNull();
      expect(await row(p, 'LEAG-1').getAttribute('aria-selected')).toBeNull();
      // The rows start with the key; no empty gutter is left where the checkboxes were.
      const firstCell = row(p, 'LEAG-1').locator('td').first();
      expect((await firstCell.textContent())?.trim()).toBe('LEAG-1');
      const [gridBox, cellBox] = await Promise.all([grid(p).boundingBox(), firstCell.boundingBox()]);
      expect((cellBox?.x ?? 0) - (gridBox?.x ?? 0)).toBeLessThan(4);
      await expectNoSeriousA11y(p, `backlog list (${who})`);
      await screenshot(p, `backlog-polish-list-${who}-light-desktop`);

      // Ctrl-click, shift-click, x and space select nothing: there would be nothing to do with it.
      await row(p, 'LEAG-2').click({ modifiers: ['Control'] });
      await row(p, 'LEAG-3').click({ modifiers: ['Shift'] });
      await row(p, 'LEAG-1').focus();
      await p.keyboard.press('x');
      await p.keyboard.press('Space');
      expect(await selectedRows(p)).toBe(0);
      expect(await p.getByRole('region', { name: 'Bulk edit' }).count()).toBe(0);
      // A plain click still opens the item to read.
      await p.keyboard.press('Escape');
      await row(p, 'LEAG-4').click();
      await panel(p).locator('.b-panel-head', { hasText: 'LEAG-4' }).waitFor();
      await p.close();
    });
  }
});

describe('the list beside the item panel at 1280 px', () => {
  it('keeps the status column and the toolbar in view, with the bulk bar too', async () => {
    await page.goto(backlog());
    await row(page, 'LEAG-1').waitFor();
    await page.getByRole('checkbox', { name: 'Select LEAG-2' }).check();
    await page.getByRole('checkbox', { name: 'Select LEAG-3' }).check();
    await row(page, 'LEAG-1').click();
    await panel(page).locator('.b-panel-head', { hasText: 'LEAG-1' }).waitFor();
    const list = page.locator('.b-list');
    // Nothing to scroll sideways: key, title, type, size, WSJF and status all fit.
    expect(await list.evaluate((l) => l.scrollWidth - l.clientWidth)).toBeLessThanOrEqual(1);
    const [listBox, statusBox] = await Promise.all([
      list.boundingBox(),
      page.getByRole('columnheader', { name: 'Status' }).boundingBox(),
    ]);
    expect((statusBox?.x ?? 0) + (statusBox?.width ?? 0)).toBeLessThanOrEqual(
      (listBox?.x ?? 0) + (listBox?.width ?? 0) + 1,
    );
    // The title bar (title, count, tabs, Import, Suggest order, New item) stays one line.
    const newItem = await page.getByRole('button', { name: /New item/ }).boundingBox();
    const title = await page.getByRole('heading', { name: 'Backlog' }).boundingBox();
    expect(
      Math.abs((newItem?.y ?? 0) + (newItem?.height ?? 0) / 2 - ((title?.y ?? 0) + (title?.height ?? 0) / 2)),
    ).toBeLessThan(8);
    await page.getByRole('region', { name: 'Bulk edit' }).getByText('2 selected').waitFor();
    await expectNoSeriousA11y(page, 'list with panel and bulk bar');
    await screenshot(page, 'backlog-polish-list-panel-bulk-light-desktop');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });
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
    await signInViaApi(phone, app, PO.email, PO.password);
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
    await signInViaApi(dark, app, PO.email, PO.password);
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
