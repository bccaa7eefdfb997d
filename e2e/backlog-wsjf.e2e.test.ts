import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { WsjfOrder } from '#contracts/backlog-order.ts';
import { expectNoSeriousA11y, type League, startLeague } from './backlog-kit.ts';
import { apiAs, type E2EApp, screenshot, screenshotFailedSteps } from './harness.ts';

/**
 * "Suggest order" by WSJF as the Product Owner uses it: the WSJF order beside the current one,
 * the moves it implies, unsized items marked "needs estimate" and placed last; applying it puts
 * the list in exactly the order worked out here from the values set (WSJF = (business value +
 * time criticality + risk reduction) / size). A team member may look but not apply, and cannot
 * reorder the list by hand either: ordering is the Product Owner's.
 */
let league: League;
let app: E2EApp;
let po: BrowserContext;
let team: BrowserContext;
let page: Page;
let productId = '';
const backlog = () => `${app.url}/p/LEAG/backlog`;
const api = <T>(ctx: BrowserContext, method: string, url: string, data?: unknown) =>
  league.api<T>(ctx, method, url, data);

/** Title, value inputs (BV, TC, RR) and the team's size; null = not estimated. */
const ITEMS = [
  { title: 'Season archive', value: [2, 1, 1], size: 8 }, // 4 / 8 = 0.5
  { title: 'City admins see only their city', value: [13, 8, 5], size: 2 }, // 26 / 2 = 13
  { title: 'Sponsor logo upload', value: [8, 3, 2], size: null }, // needs estimate
  { title: 'Fixture clash warnings', value: [5, 5, 3], size: 5 }, // 13 / 5 = 2.6
  { title: 'Referee availability', value: [20, 13, 8], size: 3 }, // 41 / 3 = 13.67
  { title: 'Remove copy-paste fixtures', value: [3, 2, 8], size: 1 }, // 13 / 1 = 13
] as const;
const wsjf = (i: (typeof ITEMS)[number]) =>
  i.size === null ? null : (i.value[0] + i.value[1] + i.value[2]) / i.size;
/** The WSJF order worked out from the values above: highest first, ties in backlog order, unsized last. */
const EXPECTED = ITEMS.map((item, i) => ({ key: `LEAG-${i + 1}`, w: wsjf(item), i }))
  .sort((a, b) =>
    (a.w === null) !== (b.w === null) ? (a.w === null ? 1 : -1) : (b.w ?? 0) - (a.w ?? 0) || a.i - b.i,
  )
  .map((x) => x.key);

type OrderJson = z.infer<typeof WsjfOrder>;

const apiOrder = async () => (await league.items()).map((i) => i.key);
const visibleKeys = (p: Page) =>
  p.$$eval('tbody.b-body tr[data-key]', (rows) =>
    rows
      .map((r) => ({ i: Number(r.getAttribute('data-index')), k: r.getAttribute('data-key') ?? '' }))
      .sort((a, b) => a.i - b.i)
      .map((x) => x.k),
  );
const dialogOf = (p: Page) => p.getByRole('dialog', { name: 'Suggest order by WSJF' });
/** The rows of one column of the dialog: key and what it shows as WSJF. */
const columnRows = (p: Page, name: string) =>
  dialogOf(p)
    .getByRole('region', { name })
    .locator('li')
    .evaluateAll((lis) =>
      lis.map((li) => ({
        key: li.querySelector('.mono')?.textContent ?? '',
        wsjf: li.querySelector('.num')?.textContent ?? '',
      })),
    );

beforeAll(async () => {
  league = await startLeague({ team: 'team' });
  ({ app, productId } = league);
  po = league.as.po;
  team = league.as.team!;
  for (const item of ITEMS) {
    const created = await api<{ id: string; version: number }>(
      po,
      'POST',
      `/api/v1/products/${productId}/items`,
      {
        type: 'story',
        title: item.title,
        problem: `League admins lose time: ${item.title.toLowerCase()}.`,
        businessValue: item.value[0],
        timeCriticality: item.value[1],
        riskReduction: item.value[2],
      },
    );
    if (item.size !== null) await league.size({ ...created, key: item.title }, item.size);
  }
  page = await po.newPage();
});

screenshotFailedSteps(() => page, 'backlog-wsjf');

afterAll(async () => {
  await league?.stop();
});

describe('suggest order by WSJF', () => {
  it('shows the WSJF order beside the current one, the moves, and what needs an estimate', async () => {
    expect(EXPECTED).toEqual(['LEAG-5', 'LEAG-2', 'LEAG-6', 'LEAG-4', 'LEAG-1', 'LEAG-3']);
    await page.goto(backlog());
    await page.locator('tr[data-key="LEAG-6"]').waitFor();
    await page.getByRole('button', { name: 'Suggest order' }).click();
    const dialog = dialogOf(page);
    await dialog.getByRole('region', { name: 'Suggested by WSJF' }).waitFor();

    expect(await columnRows(page, 'Current order')).toEqual([
      { key: 'LEAG-1', wsjf: '0.5' },
      { key: 'LEAG-2', wsjf: '13' },
      { key: 'LEAG-3', wsjf: 'needs estimate' },
      { key: 'LEAG-4', wsjf: '2.6' },
      { key: 'LEAG-5', wsjf: '13.7' },
      { key: 'LEAG-6', wsjf: '13' },
    ]);
    expect((await columnRows(page, 'Suggested by WSJF')).map((r) => r.key)).toEqual(EXPECTED);
    expect((await columnRows(page, 'Suggested by WSJF')).at(-1)).toEqual({
      key: 'LEAG-3',
      wsjf: 'needs estimate',
    });

    // The moves shown are the server's plan, and the plan turns the current order into the
    // suggested one: each moved item lands right after its predecessor in the suggestion, and
    // the items not moved keep their relative order.
    const plan = await api<OrderJson>(po, 'GET', `/api/v1/products/${productId}/wsjf-order`);
    const keyOf = new Map(plan.suggested.map((s) => [s.id, s.key]));
    const shown = await dialog.locator('ol.b-wsjf-moves li').allTextContents();
    expect(shown.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(
      plan.moves.map((m) => (m.afterId ? `${m.key} after ${keyOf.get(m.afterId)}` : `${m.key} to the top`)),
    );
    await dialog.getByRole('heading', { name: `${plan.moves.length} moves` }).waitFor();
    const suggested = plan.suggested.map((s) => s.key);
    for (const m of plan.moves) {
      const at = suggested.indexOf(m.key);
      expect(m.afterId ? keyOf.get(m.afterId) : null).toBe(at === 0 ? null : suggested[at - 1]);
    }
    const moved = new Set(plan.moves.map((m) => m.key));
    expect(plan.current.map((c) => c.key).filter((k) => !moved.has(k))).toEqual(
      suggested.filter((k) => !moved.has(k)),
    );
    // The moved items are marked in both columns.
    expect(
      await dialog
        .getByRole('region', { name: 'Suggested by WSJF' })
        .locator('li[data-moved] .mono')
        .allTextContents(),
    ).toEqual(suggested.filter((k) => moved.has(k)));

    await expectNoSeriousA11y(page, 'WSJF dialog');
    await screenshot(page, 'backlog-wsjf-dialog-light-desktop');
  });

  it('applies the suggestion: the list is in WSJF order, on the server and after a reload', async () => {
    const dialog = dialogOf(page);
    const before = await api<OrderJson>(po, 'GET', `/api/v1/products/${productId}/wsjf-order`);
    await dialog.getByRole('button', { name: 'Apply this order' }).click();
    await dialog.getByRole('status').getByText(`Applied: ${before.moves.length} items moved.`).waitFor();
    // Undo puts the previous order back in one step; then the PO applies it for good.
    await screenshot(page, 'backlog-wsjf-undo-light-desktop');
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await dialog
      .getByRole('status')
      .getByText(`Undone: ${before.moves.length} items back where they were.`)
      .waitFor();
    expect(await apiOrder()).toEqual(before.current.map((c) => c.key));
    await dialog.getByRole('button', { name: 'Apply this order' }).click();
    await dialog.getByRole('status').getByText(`Applied: ${before.moves.length} items moved.`).waitFor();
    const plan = await api<OrderJson>(po, 'GET', `/api/v1/products/${productId}/wsjf-order`);
    expect(plan.moves).toEqual([]);
    await expectNoSeriousA11y(page, 'WSJF dialog (applied)');
    await screenshot(page, 'backlog-wsjf-applied-light-desktop');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => visibleKeys(page)).toEqual(EXPECTED);
    expect(await apiOrder()).toEqual(EXPECTED);
    await page.reload();
    await page.locator('tr[data-key="LEAG-6"]').waitFor();
    expect(await visibleKeys(page)).toEqual(EXPECTED);

    // Asked again, the backlog already follows WSJF and there is nothing to apply.
    await page.getByRole('button', { name: 'Suggest order' }).click();
    await dialogOf(page).getByText('The backlog already follows WSJF.').waitFor();
    expect(await dialogOf(page).getByRole('button', { name: 'Apply this order' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    // Escape closes the dialog and hands focus back to the button that opened it.
    await dialogOf(page).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Suggest order');
  });

  it('lets a team member see the suggestion but not apply it, nor reorder by hand', async () => {
    // Put the backlog out of WSJF order again (the unsized item to the top), so there is
    // something to apply; ties stay as they are, so the suggestion is the same as before.
    const items = await league.items();
    await api(po, 'POST', `/api/v1/items/${items.at(-1)!.id}/move`, { before: items[0]!.id });
    const order = await apiOrder();
    expect(order).not.toEqual(EXPECTED);

    const t = await team.newPage();
    await t.goto(backlog());
    await t.locator('tr[data-key="LEAG-6"]').waitFor();
    await t.getByRole('button', { name: 'Suggest order' }).click();
    const dialog = dialogOf(t);
    await dialog.getByRole('region', { name: 'Suggested by WSJF' }).waitFor();
    expect((await columnRows(t, 'Suggested by WSJF')).map((r) => r.key)).toEqual(EXPECTED);
    expect(await dialog.getByRole('button', { name: 'Apply this order' }).count()).toBe(0);
    await dialog.getByText('Only the Product Owner applies an order.').waitFor();
    await expectNoSeriousA11y(t, 'WSJF dialog (team)');
    await screenshot(t, 'backlog-wsjf-dialog-team-light-desktop');
    await t.keyboard.press('Escape');
    // And the API refuses them too.
    const r = await apiAs(team, app, 'POST', `/api/v1/products/${productId}/wsjf-order/apply`, {});
    expect(r.status).toBe(403);

    // Rows do not drag for the team: ordering is the PO's.
    const from = await t.locator('tr[data-key="LEAG-1"]').boundingBox();
    const to = await t.locator(`tr[data-key="${order[0]}"]`).boundingBox();
    if (!from || !to) throw new Error('rows not laid out');
    await t.mouse.move(from.x + 200, from.y + from.height / 2);
    await t.mouse.down();
    await t.mouse.move(from.x + 200, from.y + from.height / 2 - 10, { steps: 3 });
    await t.mouse.move(to.x + 200, to.y + to.height / 2, { steps: 8 });
    await t.mouse.up();
    expect(await visibleKeys(t)).toEqual(order);
    expect(await t.getByRole('alert').count()).toBe(0);
    expect(await apiOrder()).toEqual(order);
    await t.close();
  });
});
