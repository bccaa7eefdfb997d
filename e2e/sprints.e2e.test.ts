import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import {
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  SCREENSHOTS,
  screenshot,
  startApp,
} from './harness.ts';
import { buildWorld, closedSprint, day, type World } from './sprints-fixtures.ts';

/**
 * A sprint as a team runs it in the browser: plan by drag and drop against the forecast, confirm
 * committing above it, start, add an item with a reason, finish and accept work, close, and read
 * the report's numbers. History: three closed sprints that completed 10, 8 and 12 points, so the
 * forecast is their median, 10.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let page: Page;
const items: Record<string, { id: string; key: string }> = {};
let sprintUrl = '';

/** Drags with real pointer moves, as a person would (dnd-kit needs a few px before it starts). */
async function drag(p: Page, handle: Locator, target: Locator) {
  const a = await handle.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error('drag: element not visible');
  await p.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await p.mouse.down();
  await p.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 4 });
  await p.mouse.move(b.x + b.width / 2, b.y + Math.min(120, b.height / 2), { steps: 12 });
  await p.mouse.up();
}

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app);
  await closedSprint(w, 'Sprint 1', [5, 3, 2], 3, -46);
  await closedSprint(w, 'Sprint 2', [5, 3, 3], 2, -32);
  await closedSprint(w, 'Sprint 3', [5, 5, 2], 3, -18);
  items.digest = await w.item('Send a daily digest instead of single emails', 5);
  items.dedupe = await w.item('Stop duplicate emails to VIP members', 3);
  items.retry = await w.item('Retry failed SMS with backoff', 8);
  items.hotfix = await w.item('Workaround: suppress second email for 24 h', 2);
  items.vague = await w.item('Make notifications better', null, 'new');
  page = await w.ctx.tom.newPage();
  page.setDefaultTimeout(8000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a sprint, planned, run and closed in the browser', () => {
  it('lists the closed sprints and plans a new one', async () => {
    await page.goto(`${app.url}/p/${w.key}/sprints`);
    await page.getByRole('heading', { name: /Closed/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Sprint 3' }).count()).toBe(1);
    await expectNoSeriousA11y(page, 'sprint list');
    await screenshot(page, 'sprints-list-light-desktop');

    await page.getByRole('button', { name: 'Plan a sprint' }).first().click();
    const form = page.getByRole('form', { name: 'New sprint' });
    await form.getByLabel('Name').fill('Sprint 4');
    await form.getByLabel('Sprint goal').fill('VIP members get each notification exactly once');
    await form.getByLabel('Starts').fill(day(-4));
    await form.getByLabel('Ends').fill(day(7));
    await form.getByLabel('Tom Team').fill('9');
    await form.getByLabel('Tess Team').fill('10');
    await screenshot(page, 'sprints-create-light-desktop');
    await form.getByRole('button', { name: 'Create sprint' }).click();
    await page.getByRole('heading', { level: 1, name: /Sprint 4/ }).waitFor();
    sprintUrl = page.url();
    await expect(page.getByRole('meter').getAttribute('aria-valuetext')).resolves.toBe(
      'Load 0 of a forecast 10 points',
    );
  });

  it('edits the sprint; when someone saved first, shows both versions to choose from', async () => {
    const sprintId = sprintUrl.split('/').pop();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit sprint' });
    await form.getByLabel('Sprint goal').fill('Each notification exactly once, for VIP members first');
    // Meanwhile Tess changes the goal and saves.
    const { body } = await w.api('tess', 'GET', `/api/v1/sprints/${sprintId}`);
    const version = (body as { sprint: { version: number } }).sprint.version;
    const res = await w.ctx.tess.request.fetch(`${app.url}/api/v1/sprints/${sprintId}`, {
      method: 'PATCH',
      headers: { origin: app.url, 'if-match': String(version) },
      data: { goal: 'Fewer duplicate emails' },
    });
    expect(res.status()).toBe(200);
    await form.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('dialog', { name: 'Someone saved this sprint first' });
    await conflict.waitFor();
    const goalRow = await text(conflict.getByRole('row', { name: /Goal/ }));
    expect(goalRow).toContain('Each notification exactly once, for VIP members first');
    expect(goalRow).toContain('Fewer duplicate emails');
    await screenshot(page, 'sprints-edit-conflict-light-desktop');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByText('Each notification exactly once, for VIP members first').waitFor();
    expect(await text(page.getByTestId('forecast-points'))).toBe('10');
    expect(await text(page.getByTestId('load-points'))).toBe('0');
  });

  it('drags items into the sprint; the meter follows and not-ready items say why', async () => {
    const sprintCol = page.getByTestId('col-sprint');
    await drag(
      page,
      page.getByRole('button', {
        name: `Drag ${items.digest!.key} Send a daily digest instead of single emails`,
      }),
      sprintCol,
    );
    await sprintCol.getByTestId(`card-${items.digest!.key}`).waitFor();
    await drag(
      page,
      page.getByRole('button', { name: new RegExp(`^Drag ${items.dedupe!.key} `) }),
      sprintCol,
    );
    await sprintCol.getByTestId(`card-${items.dedupe!.key}`).waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="load-points"]')?.textContent === '8',
    );
    // The unsized item in the backlog column says why it is not ready.
    const vague = page.getByTestId('col-backlog').getByTestId(`card-${items.vague!.key}`);
    expect(await text(vague)).toContain('Needs an estimate from the team');
    // The badge says "Not ready" once; the list gives the reasons without repeating it.
    expect(await text(vague)).toContain('Not ready');
    expect(await text(vague)).not.toContain('Not marked ready yet');
    // Drag back out works too.
    await drag(
      page,
      sprintCol.getByRole('button', { name: new RegExp(`^Drag ${items.dedupe!.key} `) }),
      page.getByTestId('col-backlog'),
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="load-points"]')?.textContent === '5',
    );
    await drag(
      page,
      page.getByRole('button', { name: new RegExp(`^Drag ${items.dedupe!.key} `) }),
      sprintCol,
    );
    await drag(page, page.getByRole('button', { name: new RegExp(`^Drag ${items.retry!.key} `) }), sprintCol);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="load-points"]')?.textContent === '16',
    );
    await page.getByText('Above forecast').waitFor();
    // The server agrees with what the screen shows (the optimistic update was confirmed).
    const sprintId = sprintUrl.split('/').pop();
    await expect
      .poll(
        async () =>
          ((await w.api('tom', 'GET', `/api/v1/sprints/${sprintId}`)).body as { loadPoints: number })
            .loadPoints,
      )
      .toBe(16);
    await expectNoSeriousA11y(page, 'planning');
    await screenshot(page, 'sprints-planning-light-desktop');

    // The same plan on a phone in the dark theme: columns stack, cards stay readable.
    const phone = await newContext(browser, { theme: 'dark', viewport: PHONE });
    await phone.addCookies(await w.ctx.tom.cookies());
    const pp = await phone.newPage();
    await pp.goto(sprintUrl);
    await pp.getByTestId('load-points').getByText('16').waitFor();
    await expectNoSeriousA11y(pp, 'planning (phone, dark)');
    await screenshot(pp, 'sprints-planning-dark-phone');
    await phone.close();
  });

  it('asks the team to confirm committing above the forecast, then starts', async () => {
    await page.getByRole('button', { name: 'Start sprint' }).click();
    const dlg = page.getByRole('dialog', { name: 'Commit above the forecast?' });
    await dlg.waitFor();
    expect(await text(dlg.getByTestId('over-forecast-warning'))).toContain('recorded');
    const go = dlg.getByRole('button', { name: 'Commit and start' });
    expect(await go.isDisabled()).toBe(true);
    await expectNoSeriousA11y(page, 'commit confirmation');
    await screenshot(page, 'sprints-commit-confirm-light-desktop');
    await dlg.getByLabel(/We, the team, commit to 16 points/).check();
    await go.click();
    await page.getByText('committed 16 pts at start').waitFor();
    await page.getByText('(above forecast, confirmed by the team)').waitFor();
  });

  it('adds an item to the started sprint only with a reason, which the scope changes list', async () => {
    await page.getByRole('link', { name: 'Change scope' }).click();
    await page.getByRole('button', { name: `Add ${items.hotfix!.key} to the sprint` }).click();
    const dlg = page.getByRole('dialog', { name: 'Add to a started sprint' });
    await dlg.getByRole('button', { name: 'Record change' }).click();
    await dlg.getByText('Say why the scope changes.').waitFor();
    await dlg.getByLabel('Reason').fill('Production incident: VIP members got every email twice');
    await dlg.getByRole('button', { name: 'Record change' }).click();
    const changes = page.getByTestId('scope-changes');
    await changes.getByText('Production incident: VIP members got every email twice').waitFor();
    const row = await text(changes.locator('tbody tr').first());
    expect(row).toContain('Added');
    expect(row).toContain(items.hotfix!.key);
    expect(row).toContain('+2');
    expect(row).toContain('Tom Team');
  });

  it('re-sizes an item of the started sprint only with a reason', async () => {
    await page.getByRole('link', { name: 'Sprint board' }).click();
    await page.getByTestId(`card-${items.retry!.key}`).getByRole('button', { name: 'Re-size' }).click();
    const dlg = page.getByRole('dialog', { name: `Re-size ${items.retry!.key}` });
    await dlg.getByLabel('Size (points)').fill('13');
    await dlg.getByRole('button', { name: 'Save size' }).click();
    await dlg.getByText('Say why the size changes; it is recorded.').waitFor();
    await dlg.getByLabel('Reason').fill('SMS provider needs a new API client');
    await dlg.getByRole('button', { name: 'Save size' }).click();
    const row = page
      .getByTestId('scope-changes')
      .getByRole('row', { name: /SMS provider needs a new API client/ });
    await row.waitFor();
    expect(await text(row)).toContain('8 → 13');
    // The snapshot taken at start does not move.
    await page.getByText('committed 16 pts at start').waitFor();
  });

  it('moves work to done through the Definition of Done; the PO accepts it', async () => {
    await page.getByRole('link', { name: 'Sprint board' }).click();
    const card = page.getByTestId('board-todo').getByTestId(`card-${items.digest!.key}`);
    await card.getByRole('button', { name: 'Start' }).click();
    const doing = page.getByTestId('board-doing').getByTestId(`card-${items.digest!.key}`);
    await doing.waitFor();
    // Dragging the card onto Done asks for the Definition of Done, as the button does.
    await drag(
      page,
      doing.getByRole('button', { name: new RegExp(`^Drag ${items.digest!.key} `) }),
      page.getByTestId('board-done'),
    );
    const dod = page.getByRole('dialog', { name: `Is ${items.digest!.key} done?` });
    await dod.waitFor();
    const boxes = dod.getByRole('checkbox');
    const n = await boxes.count();
    expect(n).toBeGreaterThan(0);
    expect(await dod.getByRole('button', { name: 'Mark done' }).isDisabled()).toBe(true);
    for (let i = 0; i < n; i++) await boxes.nth(i).check();
    await dod.getByRole('button', { name: 'Mark done' }).click();
    await page.getByTestId('board-done').getByTestId(`card-${items.digest!.key}`).waitFor();
    // The burn-up is one line of figures until unfolded, so the columns start on the first screen.
    await page.getByRole('button', { name: 'Burn-up' }).click();
    await page.locator('figure[aria-label="Burn-up"]').waitFor();
    await expectNoSeriousA11y(page, 'sprint board');
    await page.mouse.wheel(0, -2000);
    await screenshot(page, 'sprints-board-light-desktop');

    const po = await w.ctx.olive.newPage();
    await po.goto(sprintUrl);
    await po.getByTestId('board-done').getByRole('button', { name: 'Review…' }).click();
    const review = po.getByRole('dialog', { name: `Review ${items.digest!.key}` });
    await review.getByText('it arrives once').waitFor();
    await review.getByLabel('Comment').fill('Digest arrives once at 8:00; checked with two VIP accounts');
    await review.getByRole('button', { name: 'Accept' }).click();
    await po.getByTestId('board-accepted').getByTestId(`card-${items.digest!.key}`).waitFor();
    await po.close();
  });

  it('closes the sprint, carrying unfinished work into the next one, and shows the report numbers', async () => {
    const planned = (
      await w.api('tom', 'POST', `/api/v1/products/${w.productId}/sprints`, {
        name: 'Sprint 5',
        startDate: day(8),
        endDate: day(19),
        capacity: null,
      })
    ).body as { id: string };
    const nextSprintId = planned.id;
    await page.reload();
    await page.getByRole('button', { name: 'Close sprint' }).click();
    const dlg = page.getByRole('dialog', { name: 'Close Sprint 4' });
    await dlg
      .getByText('3 unfinished', { exact: false })
      .waitFor()
      .catch(() => undefined);
    expect(await text(dlg)).toMatch(/1 item done \(5 points of 16 committed\)/);
    await screenshot(page, 'sprints-close-light-desktop');
    await dlg.getByLabel(/Into the next sprint/).check();
    await dlg.getByRole('button', { name: 'Close sprint' }).click();
    await page.waitForURL('**/report');
    await page.getByTestId('say-do').waitFor();
    expect(await text(page.getByTestId('committed'))).toBe('16 pts');
    expect(await text(page.getByTestId('completed'))).toBe('5 pts');
    // Say/do = completed ÷ committed = 5 ÷ 16 = 31%.
    expect(await text(page.getByTestId('say-do'))).toBe('31%');
    expect(await text(page.getByTestId('scope-delta'))).toBe('+2 / −0');
    expect(await text(page.getByTestId('accepted'))).toBe('1 / 0');
    // Velocity 10, 8, 12, 5: CV = population stdev ÷ mean, shown as a whole percent.
    expect(await text(page.getByTestId('velocity-cv'))).toMatch(/^CV \d+%$/);
    await page.getByText('Production incident: VIP members got every email twice').waitFor();
    expect(await text(page.getByTestId('carried-over'))).toContain(items.retry!.key);
    expect(await text(page.getByTestId('carried-over'))).toContain('Into the next sprint');
    const next = (await w.api('tom', 'GET', `/api/v1/sprints/${nextSprintId}`)).body as {
      items: Array<{ key: string }>;
    };
    expect(next.items.map((i) => i.key)).toContain(items.retry!.key);
    await expectNoSeriousA11y(page, 'sprint report');
    await screenshot(page, 'sprints-report-light-desktop');
    await page
      .locator('section[aria-labelledby="re-h"]')
      .screenshot({ path: path.join(SCREENSHOTS, 'sprints-report-estimates-light-desktop.png') });

    const dark = await newContext(browser, { theme: 'dark' });
    await dark.addCookies(await w.ctx.tom.cookies());
    const dp = await dark.newPage();
    await dp.goto(page.url());
    await dp.getByTestId('say-do').waitFor();
    await dp.locator('figure[aria-label="Velocity history"] rect.hit').last().hover();
    await dp.locator('.chart-tip').waitFor();
    expect(await text(dp.locator('.chart-tip'))).toContain('Committed 16 · Completed 5');
    await expectNoSeriousA11y(dp, 'sprint report (dark)');
    await screenshot(dp, 'sprints-report-dark-desktop');
    await dark.close();
  });
});
