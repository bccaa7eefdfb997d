import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { type E2EApp, launchBrowser, screenshot, screenshotFailedSteps, startApp } from './harness.ts';
import { buildWorld, type World } from './sprints-fixtures.ts';

/**
 * Defects' SLA clocks (issue 13): the PO starts the clocks in settings, the backlog shows each
 * defect's most urgent clock as a badge and sorts by resolution due time, the item panel says the
 * clocks in words and takes the severity, and Insight → SLA shows attainment per severity and month.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let page: Page | undefined;
const ids: Record<string, string> = {};

const defect = async (title: string, severity: string) => {
  const r = await w.api('olive', 'POST', `/api/v1/products/${w.productId}/items`, {
    type: 'defect',
    title,
    severity,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; key: string; version: number };
};

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app);
  // Defects move to ready as soon as someone picks them up: no Definition of Ready here.
  const dor = await w.ctx.olive.request.fetch(`${app.url}/api/v1/products/${w.productId}/backlog-settings`, {
    method: 'PATCH',
    headers: { origin: app.url, 'if-match': '0' },
    data: { definitionOfReady: [] },
  });
  expect(dor.status(), await dor.text()).toBe(200);
  // Two defects triaged last week (their log moved back, as if they had been), one this morning.
  for (const [name, title, severity] of [
    ['dup', 'Some notifications are sent as several identical emails', 'S2'],
    ['reset', 'Password-reset emails arrive twice', 'S3'],
    ['outage', 'Push alerts dropped for Android', 'S1'],
    ['typo', 'Typo in the unsubscribe footer', 'S4'],
  ] as const)
    ids[name] = (await defect(title, severity)).id;
  const db = new pg.Pool({ connectionString: app.running.databaseUrl });
  await db.query(`update events set at = at - interval '9 days' where entity_id = any($1::text[])`, [
    [ids.dup, ids.reset],
  ]);
  await db.query(`update items set created_at = created_at - interval '9 days' where id = any($1::uuid[])`, [
    [ids.dup, ids.reset],
  ]);
  await db.end();
  // The reset defect was fixed last week: its clock ended.
  for (const status of ['ready', 'in_progress', 'done']) {
    const cur = (await w.api('tom', 'GET', `/api/v1/items/${ids.reset}`)).body as { version: number };
    const r = await w.ctx.tom.request.fetch(`${app.url}/api/v1/items/${ids.reset}`, {
      method: 'PATCH',
      headers: { origin: app.url, 'if-match': String(cur.version) },
      data: { status },
    });
    expect(r.status(), `${status}: ${await r.text()}`).toBe(200);
  }
  // The typo waits for the customer's answer.
  const typo = (await w.api('tom', 'GET', `/api/v1/items/${ids.typo}`)).body as { version: number };
  const waiting = await w.ctx.tom.request.fetch(`${app.url}/api/v1/items/${ids.typo}`, {
    method: 'PATCH',
    headers: { origin: app.url, 'if-match': String(typo.version) },
    data: { waiting: true },
  });
  expect(waiting.status()).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => page, 'sla');

describe('defect SLA clocks', () => {
  it('the PO starts the clocks from product settings', async () => {
    page = await w.ctx.olive.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.url}/p/${w.key}/settings`);
    const form = page.getByRole('form', { name: 'SLA policy' });
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByLabel('S2 resolution hours').fill('40');
    await screenshot(page, 'sla-settings-light-desktop');
    await form.getByRole('button', { name: 'Start SLA clocks' }).click();
    await form.getByRole('button', { name: 'Save SLA policy' }).waitFor();
    const saved = (await w.api('olive', 'GET', `/api/v1/products/${w.productId}/sla-policy`)).body as {
      active: boolean;
      policy: { timeZone: string; severities: { S2: { resolutionHours: number } } };
    };
    expect(saved.active).toBe(true);
    expect(saved.policy.timeZone).toBe('Europe/Berlin');
    expect(saved.policy.severities.S2.resolutionHours).toBe(40);
    await expectNoSeriousA11y(page, 'SLA settings');
  });

  it('shows each defect’s clock on its backlog row and sorts by resolution due time', async () => {
    page = await w.ctx.tom.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.url}/p/${w.key}/backlog`);
    const dupRow = page.locator(`tr[data-item-id="${ids.dup}"]`);
    await dupRow.locator('.sla-badge').waitFor();
    expect(await dupRow.locator('.sla-badge').textContent()).toMatch(/S2.*breached .* ago/);
    // The row shows two words; the whole sentence is on hover and for screen readers.
    expect(await dupRow.locator('.sla-badge-text').textContent()).toBe('breached');
    expect(await dupRow.locator('.sla-badge').getAttribute('title')).toMatch(
      /^S2 High: Response breached \d+ days ago$/,
    );
    expect(await page.locator(`tr[data-item-id="${ids.outage}"] .sla-badge`).textContent()).toMatch(
      /S1.*due in \d+ min/,
    );
    expect(await page.locator(`tr[data-item-id="${ids.typo}"] .sla-badge`).textContent()).toMatch(
      /S4.*Paused: waiting for the customer/,
    );
    await page.getByLabel('Sort by').selectOption('resolutionDueAt:asc');
    await page.waitForURL(/sort=resolutionDueAt/);
    const first = page.locator('tbody tr.b-row').first();
    await expect.poll(() => first.getAttribute('data-item-id')).toBe(ids.dup);
    await screenshot(page, 'sla-backlog-sorted-light-desktop');
  });

  it('says the clocks in words on the item panel and takes the severity', async () => {
    const p = page!;
    await p.locator(`tr[data-item-id="${ids.outage}"]`).click();
    const panel = p.getByRole('complementary', { name: 'Item details' });
    const clocks = panel.getByRole('list', { name: 'SLA clocks' });
    await clocks.waitFor();
    expect(await clocks.textContent()).toMatch(/Response due in \d+ min.*Resolution due in \d+ (hours|min)/);
    await panel.getByLabel('Severity', { exact: true }).selectOption('S3');
    await panel.getByRole('button', { name: /Save changes/ }).click();
    await panel.locator('.b-savebar').waitFor({ state: 'detached' });
    // S3 counts business hours in Berlin: the words say working hours (or minutes) now.
    await expect.poll(async () => clocks.textContent()).toMatch(/Resolution due in \d+ working hours/);
    await screenshot(p, 'sla-item-panel-light-desktop');
    await expectNoSeriousA11y(p, 'SLA item panel');
  });

  it('reports attainment per severity and month on Insight → SLA', async () => {
    const p = page!;
    await p.goto(`${app.url}/p/${w.key}/insight/sla`);
    const table = p.getByRole('table', { name: /SLA attainment/ });
    await table.waitFor();
    const text = await table.textContent();
    expect(text).toContain('S3 Medium');
    expect(text).toContain('S2 High');
    await p.getByRole('figure', { name: /attainment/ }).waitFor();
    await screenshot(p, 'sla-report-light-desktop');
  });
});
