import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y, type League, row } from './backlog-kit.ts';
import { grid, panel, selectedRows, startPolishLeague } from './backlog-polish-fixture.ts';
import { type E2EApp, screenshot } from './harness.ts';

/**
 * The backlog list's rough edges: selection only for people who can bulk edit, and the list beside
 * the item panel at 1280 px.
 */
let league: League;
let app: E2EApp;
let po: BrowserContext;
let team: BrowserContext;
let viewer: BrowserContext;
let page: Page;
const backlog = () => `${app.url}/p/LEAG/backlog`;

beforeAll(async () => {
  league = await startPolishLeague();
  ({ app } = league);
  po = league.as.po;
  team = league.as.team!;
  viewer = league.as.viewer!;
  page = await po.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await screenshot(page, 'backlog-polish-list-failed-step').catch(() => undefined);
});

afterAll(async () => {
  await league?.stop();
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

  for (const [who, ctx] of [['viewer', () => viewer]] as const) {
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
