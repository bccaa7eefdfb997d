import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { type E2EApp, launchBrowser, screenshot, screenshotFailedSteps, startApp } from './harness.ts';
import { buildWorld, type World } from './sprints-fixtures.ts';

/**
 * Insight → Release scope and Debt: Olive (PO, desktop) scopes a release to a capacity of 12 points,
 * reads the value curve with its 80 % mark and applies the scope; Tess (team, on a phone) states the
 * cost of a debt item in its panel and reads the ledger ordered by payback.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let olive: Page;
let tess: Page;
const items: Array<{ id: string; key: string }> = [];
let debtId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'LEAG', { phone: ['tess'] });
  for (const [title, size] of [
    ['Season calendar export', 1],
    ['Referee assignments', 2],
    ['Venue map on fixtures', 3],
    ['Team sheets on phones', 5],
    ['Live score entry', 8],
    ['League history archive', 13],
  ] as const)
    items.push(await w.item(title, size));
  const debt = await w.api('olive', 'POST', `/api/v1/products/${w.productId}/items`, {
    type: 'debt',
    title: 'Remove copy-pasted fixture validation',
  });
  expect(debt.status).toBe(201);
  debtId = (debt.body as { id: string }).id;
  const rel = await w.api('olive', 'POST', `/api/v1/products/${w.productId}/releases`, {
    name: 'Season opener',
    targetDate: '2027-03-01',
  });
  expect(rel.status).toBe(201);
  olive = await w.ctx.olive.newPage();
  tess = await w.ctx.tess.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => tess ?? olive, 'insight-scope');

describe('release scope and the debt ledger', () => {
  it('the PO scopes a release to 12 points, sees the curve with its 80 % point, and applies it', async () => {
    await olive.goto(`${app.url}/p/${w.key}/insight/scope`);
    await olive.getByLabel('Capacity (points)').fill('12');
    await olive.getByRole('button', { name: 'Compute' }).click();
    const summary = olive.getByTestId('scope-summary');
    await summary.getByText('/ 12').waitFor();
    // Cost of delay 16 each: 1 + 2 + 3 + 5 points = 11 ≤ 12 → four items, value 64.
    await expect.poll(async () => summary.textContent()).toMatch(/4items chosen/);
    await olive.getByTestId('optimal').waitFor();
    await olive.getByTestId('mark-80').waitFor();
    await olive.getByRole('heading', { name: 'Chosen (4)' }).waitFor();
    // A number one hover away: the step of an item on the curve.
    await olive.getByRole('img', { name: new RegExp(`^${items[3]!.key}:`) }).hover();
    await olive
      .locator('.chart-tip')
      .getByText(/11 points → value 64/)
      .waitFor();
    await expectNoSeriousA11y(olive, 'release scope');
    await screenshot(olive, 'insight-scope-light-desktop');
    await olive.getByRole('button', { name: /Apply: put 4 items in Season opener/ }).click();
    await olive.getByText('4 items put in Season opener.').waitFor();
    await olive.getByRole('button', { name: 'All chosen items are in the release' }).waitFor();
    const res = await w.api('olive', 'GET', `/api/v1/products/${w.productId}/items?release=none&limit=100`);
    const left = (res.body as { items: Array<{ key: string }> }).items.map((i) => i.key);
    for (const i of items.slice(0, 4)) expect(left).not.toContain(i.key);
    // Every item links to its evidence: the item in the backlog.
    await olive
      .getByRole('link', { name: new RegExp(items[0]!.key) })
      .first()
      .click();
    await olive.waitForURL(new RegExp(`/p/${w.key}/backlog\\?item=${items[0]!.id}`));
  });

  it('the team on a phone states the cost of a debt item and reads the ledger by payback', async () => {
    await tess.goto(`${app.url}/p/${w.key}/backlog?item=${debtId}`);
    await tess.getByRole('heading', { name: 'Cost of this debt' }).waitFor();
    await tess.getByRole('button', { name: 'State the cost' }).click();
    await tess.getByLabel('Fix: at least (h)').fill('12');
    await tess.getByLabel('Fix: at most (h)').fill('16');
    await tess.getByLabel('Lost per week (h)').fill('4');
    await tess.getByRole('button', { name: 'Save cost' }).click();
    await tess.getByTestId('break-even').getByText('3–4 weeks').waitFor();
    await tess.getByRole('heading', { name: 'Cost of this debt' }).scrollIntoViewIfNeeded();
    await tess.screenshot({ path: 'e2e/screenshots/insight-debt-panel-light-phone.png' });
    await tess.goto(`${app.url}/p/${w.key}/insight/debt`);
    await tess.getByTestId('debt-summary').getByText('4 h').waitFor();
    await tess.getByTestId('debt-table').getByText('3–4 weeks').waitFor();
    await expectNoSeriousA11y(tess, 'debt ledger');
    await screenshot(tess, 'insight-debt-light-phone');
    const download = tess.waitForEvent('download');
    await tess.getByRole('button', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`${w.key}-debt.csv`);
    await tess.goto(`${app.url}/p/${w.key}/insight/scope`);
    await tess.getByText(/No capacity yet: state one above/).waitFor();
    await tess.getByLabel('Capacity (points)').fill('12');
    await tess.getByRole('button', { name: 'Compute' }).click();
    await tess.getByTestId('scope-summary').getByText('/ 12').waitFor();
    await screenshot(tess, 'insight-scope-light-phone');
    // Only the PO applies a scope.
    expect(await tess.getByRole('button', { name: /Apply/ }).count()).toBe(0);
    await olive.goto(`${app.url}/p/${w.key}/insight/debt`);
    await olive.getByTestId('debt-table').getByText('3–4 weeks').waitFor();
    await olive.getByRole('img', { name: /break-even in 3 to 4 weeks/ }).hover();
    await olive
      .locator('.chart-tip')
      .getByText(/12–16 h to fix ÷ 4 h\/week = 3–4 weeks/)
      .waitFor();
    await screenshot(olive, 'insight-debt-light-desktop');
  });
});
