import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import {
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  signInViaApi,
  startApp,
} from './harness.ts';
import { buildWorld, day, PEOPLE, type World } from './sprints-fixtures.ts';

/**
 * The running sprint's board as a new team member meets it: the columns on the first screen (the
 * burn-up folded to one line), who works on each card, a card opens the item, and work steps back
 * a column when the item rules allow it (and says why when they do not).
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let page: Page;
let url = '';
const items: Record<string, { id: string; key: string }> = {};

async function patchItem(id: string, data: Record<string, unknown>) {
  const got = await w.api('tom', 'GET', `/api/v1/items/${id}`);
  const res = await w.ctx.tom.request.fetch(`${app.url}/api/v1/items/${id}`, {
    method: 'PATCH',
    headers: { origin: app.url, 'if-match': String((got.body as { version: number }).version) },
    data,
  });
  expect(res.status(), await res.text()).toBe(200);
}

const statusOf = async (id: string) =>
  ((await w.api('tom', 'GET', `/api/v1/items/${id}`)).body as { status: string }).status;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'BRD');
  items.digest = await w.item('Send a daily digest instead of single emails', 5);
  items.dedupe = await w.item('Stop duplicate emails to VIP members', 3);
  items.retry = await w.item('Retry failed SMS with backoff', 8);
  const s = await w.api('tom', 'POST', `/api/v1/products/${w.productId}/sprints`, {
    name: 'Sprint 7',
    goal: 'VIP members get each notification once',
    startDate: day(-2),
    endDate: day(9),
    capacity: null,
  });
  const sprintId = (s.body as { id: string }).id;
  for (const it of Object.values(items))
    await w.api('tom', 'POST', `/api/v1/sprints/${sprintId}/items/${it.id}`, {});
  const started = await w.api('tom', 'POST', `/api/v1/sprints/${sprintId}/start`, {
    confirmOverForecast: true,
  });
  expect(started.status).toBe(200);
  await patchItem(items.digest.id, { assigneeId: w.ids.tess });
  await patchItem(items.retry.id, { status: 'in_progress', assigneeId: w.ids.tom });
  const dod = (await w.api('tom', 'GET', `/api/v1/products/${w.productId}/definition-of-done`)).body as {
    checklist: string[];
  };
  await w.api('tom', 'POST', `/api/v1/sprints/${sprintId}/items/${items.dedupe.id}/done`, {
    checked: dod.checklist,
  });
  url = `${app.url}/p/${w.key}/sprints/${sprintId}`;
  page = await w.ctx.tom.newPage();
  page.setDefaultTimeout(8000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the sprint board', () => {
  it('shows the columns and their first cards on a 1280×800 screen, the burn-up as one line', async () => {
    await page.goto(url);
    const card = page.getByTestId('board-todo').getByTestId(`card-${items.digest!.key}`);
    await card.waitFor();
    const box = await card.boundingBox();
    expect(box, 'the first To do card').not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    expect(await page.getByTestId('burnup-figures').textContent()).toMatch(/of 16 pts done/);
    await screenshot(page, 'sprint-board-first-screen-light-desktop');
    await page.getByRole('button', { name: 'Burn-up' }).click();
    await page.locator('figure[aria-label="Burn-up"]').waitFor();
    await page.getByRole('button', { name: 'Burn-up' }).click();
    await expect.poll(() => page.locator('figure[aria-label="Burn-up"]').count()).toBe(0);
  });

  it('shows who works on each card: initials, the full name on hover', async () => {
    const digest = page.getByTestId(`card-${items.digest!.key}`);
    const who = digest.getByRole('img', { name: 'Assigned to Tess Team' });
    await who.waitFor();
    expect(await who.textContent()).toBe('TT');
    expect(await who.getAttribute('title')).toBe('Assigned to Tess Team');
    await page
      .getByTestId(`card-${items.retry!.key}`)
      .getByRole('img', { name: 'Assigned to Tom Team' })
      .waitFor();
    await page
      .getByTestId(`card-${items.dedupe!.key}`)
      .getByRole('img', { name: 'Nobody assigned' })
      .waitFor();
  });

  it('opens a card in the item panel (?item=), which Escape closes', async () => {
    await page
      .getByTestId(`card-${items.digest!.key}`)
      .getByRole('button', { name: `Open ${items.digest!.key} Send a daily digest instead of single emails` })
      .click();
    const panel = page.getByRole('complementary', { name: 'Item details' });
    await panel.getByText(items.digest!.key).first().waitFor();
    expect(new URL(page.url()).searchParams.get('item')).toBe(items.digest!.id);
    await expectNoSeriousA11y(page, 'sprint board with item panel');
    await screenshot(page, 'sprint-board-item-panel-light-desktop');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('item')).toBeNull();
  });

  it('moves work in progress back to To do, as the item rules allow', async () => {
    const doing = page.getByTestId('board-doing').getByTestId(`card-${items.retry!.key}`);
    await doing.getByRole('button', { name: `Move ${items.retry!.key} back to To do` }).click();
    await page.getByTestId('board-todo').getByTestId(`card-${items.retry!.key}`).waitFor();
    expect(await statusOf(items.retry!.id)).toBe('ready');
  });

  it('refuses a step back the rules forbid, saying why, and allows the one they permit', async () => {
    // Done → To do is not a move of the item rules (done goes back to in progress only).
    const done = page.getByTestId('board-done').getByTestId(`card-${items.dedupe!.key}`);
    const handle = done.getByRole('button', { name: new RegExp(`^Drag ${items.dedupe!.key} `) });
    const a = await handle.boundingBox();
    const b = await page.getByTestId('board-todo').boundingBox();
    await page.mouse.move(a!.x + a!.width / 2, a!.y + a!.height / 2);
    await page.mouse.down();
    await page.mouse.move(a!.x + 20, a!.y + 8, { steps: 4 });
    await page.mouse.move(b!.x + b!.width / 2, b!.y + 80, { steps: 12 });
    await page.mouse.up();
    const alert = page.getByRole('alert').filter({ hasText: items.dedupe!.key });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('cannot go from done to ready');
    expect(await statusOf(items.dedupe!.id)).toBe('done');
    await screenshot(page, 'sprint-board-refusal-light-desktop');
    await done.getByRole('button', { name: `Move ${items.dedupe!.key} back to In progress` }).click();
    await page.getByTestId('board-doing').getByTestId(`card-${items.dedupe!.key}`).waitFor();
    expect(await statusOf(items.dedupe!.id)).toBe('in_progress');
  });

  it('names the two boards apart in the sidebar and on the sprint list', async () => {
    await page.getByRole('link', { name: 'Backlog board' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Board', exact: true }).count()).toBe(
      0,
    );
    await page.getByRole('link', { name: 'Sprint board', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Sprints', exact: true }).click();
    await page
      .getByRole('region', { name: /^Active/ })
      .getByRole('link', { name: 'Sprint board' })
      .waitFor();
  });

  it('offers both boards by name in the command palette; Sprint board opens the running sprint', async () => {
    await page.goto(`${app.url}/p/${w.key}/backlog`);
    await page.getByRole('link', { name: 'Backlog board' }).waitFor();
    await page.getByText('Send a daily digest instead of single emails').first().waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Type a command' });
    await input.fill('board');
    const options = await page.getByRole('option').allTextContents();
    expect(options).toContain('Go to Backlog board');
    expect(options).toContain('Go to Sprint board');
    expect(options).not.toContain('Go to Board');
    await input.fill('go to sprint board');
    await screenshot(page, 'sprint-board-palette-light-desktop');
    await page.keyboard.press('Enter');
    await page.waitForURL(url);
    await page.getByTestId('board-todo').waitFor();
  });

  it('shows the To do column on the first screen of a phone', async () => {
    const ctx = await newContext(browser, { viewport: PHONE });
    await signInViaApi(ctx, app, PEOPLE.tess.email, PEOPLE.tess.password);
    const phone = await ctx.newPage();
    await phone.goto(url);
    const head = phone.getByTestId('board-todo').locator('h3');
    await head.waitFor();
    const box = await head.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    await screenshot(phone, 'sprint-board-first-screen-light-phone');
    await ctx.close();
  });
});
