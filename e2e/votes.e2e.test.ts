import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { type E2EApp, launchBrowser, screenshot, screenshotFailedSteps, startApp } from './harness.ts';
import { buildWorld, type World } from './sprints-fixtures.ts';

/**
 * Voting on what comes next: Olive (PO, desktop) creates a release and opens a vote on four
 * candidates; Stan (stakeholder, on a phone) spreads his 10 points, cannot go over, saves; Olive
 * sees the results beside the backlog with the disagreement said in words.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let olive: Page;
let stan: Page;
const items: Array<{ id: string; key: string }> = [];
let releaseUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'VIP', { phone: ['stan'] });
  for (const title of [
    'Badge printing for guests',
    'Agenda export to PDF',
    'Room booking rules',
    'Live captions in meetings',
  ])
    items.push(await w.item(title, null, 'new'));
  olive = await w.ctx.olive.newPage();
  stan = await w.ctx.stan.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => stan ?? olive, 'votes');

describe('a vote on the next release', () => {
  it('the PO creates a release and opens a vote on four candidates', async () => {
    await olive.goto(`${app.url}/p/${w.key}/votes`);
    await olive.getByRole('heading', { name: 'Releases and votes' }).waitFor();
    await olive.getByLabel('New release').fill('Spring release');
    await olive.getByLabel('Target date').fill('2027-03-15');
    await olive.getByRole('button', { name: 'Create release' }).click();
    await olive.getByRole('link', { name: 'Spring release' }).click();
    await olive.getByRole('heading', { level: 1, name: 'Spring release' }).waitFor();
    releaseUrl = olive.url();
    await olive.getByRole('button', { name: 'Open a vote' }).click();
    for (const i of items) await olive.getByRole('checkbox', { name: new RegExp(i.key) }).check();
    await expectNoSeriousA11y(olive, 'open a vote');
    await screenshot(olive, 'votes-open-light-desktop');
    await olive.getByRole('button', { name: 'Open the vote' }).click();
    await olive
      .getByText(/Vote open until/)
      .first()
      .waitFor();
    await olive.getByText('The votes and the backlog order agree so far.').waitFor();
  });

  it('a stakeholder on a phone spreads 10 points, cannot go over, and saves', async () => {
    await stan.goto(`${app.url}/p/${w.key}/votes`);
    await stan.getByRole('link', { name: /Spring release/ }).waitFor();
    await screenshot(stan, 'votes-list-light-phone');
    await stan.getByRole('link', { name: /Spring release/ }).click();
    await stan.getByRole('heading', { level: 1, name: 'Spring release' }).waitFor();
    // Cards show the key, title and problem, nothing internal.
    const body = (await stan.locator('.v-cards').textContent()) ?? '';
    expect(body).toContain('Live captions in meetings');
    expect(body).toContain('VIP members are affected');
    expect(body).not.toMatch(/WSJF|size|business value/i);
    const more = (title: string) => stan.getByRole('button', { name: `One point more for ${title}` });
    for (let n = 0; n < 7; n++) await more('Live captions in meetings').click();
    for (let n = 0; n < 3; n++) await more('Room booking rules').click();
    await stan.getByRole('status').getByText('Points left: 0 of 10').waitFor();
    // The budget is spent: every + is disabled, so it cannot go over.
    for (const i of ['Badge printing for guests', 'Agenda export to PDF', 'Live captions in meetings'])
      expect(await more(i).isDisabled()).toBe(true);
    const box = await more('Live captions in meetings').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
    await expectNoSeriousA11y(stan, 'ballot');
    await screenshot(stan, 'votes-ballot-light-phone');
    await stan.getByRole('button', { name: 'Save my votes' }).click();
    await stan.getByText('Saved: 10 of 10 points.').waitFor();
    await stan.reload();
    await stan.getByRole('status').getByText('Points left: 0 of 10').waitFor();
    await stan.locator('.v-cards li').last().scrollIntoViewIfNeeded();
    await stan.screenshot({ path: 'e2e/screenshots/votes-ballot-saved-phone.png' });
    // The stakeholder reads no results.
    const res = await w.api('stan', 'GET', `/api/v1/releases/${releaseUrl.split('/').pop()}/votes`);
    expect(res.status).toBe(403);
  });

  it('the PO puts an item in the release from the item panel, and the release lists it', async () => {
    await olive.goto(`${app.url}/p/${w.key}/backlog?item=${items[2]!.id}`);
    const panel = olive.getByRole('complementary', { name: 'Item details' });
    await panel.getByLabel('Release', { exact: true }).selectOption({ label: 'Spring release' });
    await panel.getByRole('button', { name: /Save changes/ }).click();
    await expect
      .poll(
        async () =>
          ((await w.api('olive', 'GET', `/api/v1/items/${items[2]!.id}`)).body as { releaseId: string })
            .releaseId,
      )
      .toBe(releaseUrl.split('/').pop());
    await screenshot(olive, 'votes-item-release-light-desktop');
  });

  it('the PO sees the results beside the backlog with a disagreement line', async () => {
    await olive.goto(releaseUrl);
    const line = olive.getByRole('list', { name: 'Where the votes and the backlog disagree' });
    await line.getByText(`Voters rank ${items[3]!.key} first; it is 4th in the backlog.`).waitFor();
    await olive.getByRole('heading', { name: 'By WSJF' }).waitFor();
    await olive.getByRole('heading', { name: 'Items in this release' }).waitFor();
    await olive.locator('.v-items').getByText('Room booking rules').waitFor();
    const row = olive.locator('tr.v-marked', { hasText: items[3]!.key });
    expect(await row.locator('td').nth(2).textContent()).toBe('7');
    await expectNoSeriousA11y(olive, 'vote results');
    await olive.getByRole('heading', { name: 'Results' }).scrollIntoViewIfNeeded();
    await olive.screenshot({ path: 'e2e/screenshots/votes-results-light-desktop.png', fullPage: true });
  });
});
