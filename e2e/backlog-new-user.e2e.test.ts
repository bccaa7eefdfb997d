import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '#contracts/items.ts';
import { expectNoSeriousA11y, type League, PEOPLE, row, startLeague } from './backlog-kit.ts';
import { newContext, PHONE, screenshot, screenshotFailedSteps, signInViaApi } from './harness.ts';

/**
 * What a new user tripped over in the backlog ("Nothing breaks, nobody gets in, nothing is lost"):
 * finished work among open work and new items landing under it; a filter popover narrower than
 * its form; typed edits thrown away; history in internals; read-only people given a disabled
 * editor; cryptic labels. The steps share one server and run in order.
 */
let league: League;
let page: Page;
const backlog = () => `${league.app.url}/p/LEAG/backlog`;
const keys = (p: Page) =>
  p.$$eval('tbody.b-body tr[data-key]', (rows) =>
    rows
      .map((r) => ({ i: Number(r.getAttribute('data-index')), k: r.getAttribute('data-key') ?? '' }))
      .sort((a, b) => a.i - b.i)
      .map((x) => x.k),
  );
const create = (title: string) =>
  league.api<Item>(league.as.po, 'POST', `/api/v1/products/${league.productId}/items`, {
    type: 'story',
    title,
    problem: `League admins struggle: ${title.toLowerCase()}.`,
  });

beforeAll(async () => {
  league = await startLeague({ team: 'team', viewer: 'viewer' });
  page = await league.as.po.newPage();
});
screenshotFailedSteps(() => page, 'backlog-new-user');
afterAll(async () => {
  await league?.stop();
});

describe('what a new user tripped over in the backlog', () => {
  it('shows the filter popover as wide as its form, over a solid background', async () => {
    await create('Season archive');
    await page.goto(backlog());
    await row(page, 'LEAG-1').waitFor();
    await page.getByRole('button', { name: 'Filter' }).click();
    const pop = page.locator('.popover', { has: page.locator('.b-filter-pop') });
    await pop.waitFor();
    await screenshot(page, 'backlog-filter-light-desktop');
    // Every control of the form lies inside the popover's box (none float over the table).
    const { box, outside } = await pop.evaluate((el) => {
      const b = el.getBoundingClientRect();
      const out = [...el.querySelectorAll('select, input, legend')].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.left < b.left - 1 || r.right > b.right + 1 || r.bottom > b.bottom + 1;
      });
      return { box: { w: b.width }, outside: out.length };
    });
    expect(outside).toBe(0);
    expect(box.w).toBeGreaterThan(400);
    await expectNoSeriousA11y(page, 'filter popover');
    await page.keyboard.press('Escape');
  });

  it('hides finished work by default, shows it with a filter kept in the URL', async () => {
    const rejected = await create('Fixture clash warnings');
    const r = await league.as.po.request.patch(`${league.app.url}/api/v1/items/${rejected.id}`, {
      data: { status: 'rejected' },
      headers: { origin: league.app.url, 'If-Match': String(rejected.version) },
    });
    expect(r.status()).toBe(200);
    await page.goto(backlog());
    await row(page, 'LEAG-1').waitFor();
    expect(await keys(page)).toEqual(['LEAG-1']);
    await page.getByRole('button', { name: 'Filter' }).click();
    // A click, then the URL: the box is controlled by the URL, which updates a moment later.
    await page.getByLabel('Show finished work').click();
    await page.waitForURL(/finished=show/);
    expect(await page.getByLabel('Show finished work').isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => keys(page)).toEqual(['LEAG-1', 'LEAG-2']);
    await page.reload();
    await expect.poll(() => keys(page)).toEqual(['LEAG-1', 'LEAG-2']);
    await page.getByRole('button', { name: 'Remove filter Including finished work' }).click();
    await expect.poll(() => keys(page)).toEqual(['LEAG-1']);
  });

  it('puts a new item at the bottom of the open work, above finished work', async () => {
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'New item' });
    await dialog.getByLabel('Problem', { exact: false }).fill('Sponsors cannot see their logo placement.');
    await dialog.getByLabel('Title').fill('Sponsor logo upload');
    await dialog.getByRole('button', { name: 'Create item' }).click();
    await row(page, 'LEAG-3').waitFor();
    expect(await keys(page)).toEqual(['LEAG-1', 'LEAG-3']);
    expect((await league.items()).map((i) => i.key)).toEqual(['LEAG-1', 'LEAG-3', 'LEAG-2']);
  });

  it('keeps typed edits when another row is clicked, Esc is pressed, the page changes or reloads', async () => {
    const panel = page.getByRole('complementary', { name: 'Item details' });
    await row(page, 'LEAG-1').click();
    await panel.locator('.b-panel-head', { hasText: 'LEAG-1' }).waitFor();
    await panel.getByLabel('Title').fill('Season archive, by year');
    await panel.getByLabel('Problem', { exact: false }).fill('Admins cannot find last season’s results.');
    // Another row: the panel shows LEAG-3, and LEAG-1's edits wait for it.
    await row(page, 'LEAG-3').click();
    await panel.locator('.b-panel-head', { hasText: 'LEAG-3' }).waitFor();
    expect(await panel.getByText('Unsaved draft restored').count()).toBe(0);
    await row(page, 'LEAG-1').click();
    await panel.getByText('Unsaved draft restored', { exact: false }).waitFor();
    expect(await panel.getByLabel('Title').inputValue()).toBe('Season archive, by year');
    await screenshot(page, 'backlog-draft-restored-light-desktop');
    await expectNoSeriousA11y(page, 'draft restored');
    // Esc, another page, a reload: still there.
    // Esc leaves the field, Esc again closes the panel.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.goBack();
    await row(page, 'LEAG-1').click();
    await page.reload();
    await panel.getByText('Unsaved draft restored', { exact: false }).waitFor();
    expect(await panel.getByLabel('Problem', { exact: false }).inputValue()).toBe(
      'Admins cannot find last season’s results.',
    );
    // Saved: the draft is gone, and the server has both fields.
    await panel.getByRole('button', { name: /Save changes/ }).click();
    await panel.locator('.b-savebar').waitFor({ state: 'detached' });
    await page.reload();
    await panel.getByLabel('Title').waitFor();
    expect(await panel.getByText('Unsaved draft restored').count()).toBe(0);
    const saved = (await league.items()).find((i) => i.key === 'LEAG-1')!;
    expect(saved.title).toBe('Season archive, by year');
    expect(saved.problem).toBe('Admins cannot find last season’s results.');
  });

  it('shows their value beside a restored draft when someone saved meanwhile, and Discard drops it', async () => {
    const panel = page.getByRole('complementary', { name: 'Item details' });
    const item = (await league.items()).find((i) => i.key === 'LEAG-3')!;
    await row(page, 'LEAG-3').click();
    await panel.getByLabel('Title').fill('Sponsor logo upload (mine)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    const theirs = await league.as.team!.request.patch(`${league.app.url}/api/v1/items/${item.id}`, {
      data: { title: 'Sponsor logo upload (theirs)' },
      headers: { origin: league.app.url, 'If-Match': String(item.version) },
    });
    expect(theirs.status()).toBe(200);
    await row(page, 'LEAG-3').click();
    await panel.getByText('Unsaved draft restored', { exact: false }).waitFor();
    expect(await panel.locator('[data-side="theirs"]').textContent()).toBe('Sponsor logo upload (theirs)');
    expect(await panel.locator('[data-side="mine"]').textContent()).toBe('Sponsor logo upload (mine)');
    await panel.locator('.b-draft-note').getByRole('button', { name: 'Discard' }).click();
    expect(await panel.getByLabel('Title').inputValue()).toBe('Sponsor logo upload (theirs)');
    await page.reload();
    await panel.getByLabel('Title').waitFor();
    expect(await panel.getByText('Unsaved draft restored').count()).toBe(0);
  });

  it('tells the item’s history in words, without ids or empty fields', async () => {
    const item = (await league.items()).find((i) => i.key === 'LEAG-1')!;
    await league.api(league.as.po, 'POST', `/api/v1/items/${item.id}/comments`, {
      body: 'Theo, can you look at the archive size?',
    });
    await page.goto(`${backlog()}?item=${item.id}`);
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Paula Owner commented on this item').waitFor();
    await history.getByText('Paula Owner created this item').waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Paula Owner edited this item');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/commentId|mentions|\(empty\)/);
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'backlog-history-light-desktop');
  });

  for (const who of ['viewer'] as const) {
    it(`gives a ${who} a reading layout of the item: text, not disabled inputs`, async () => {
      const item = (await league.items()).find((i) => i.key === 'LEAG-1')!;
      // A description with a tracking pixel from another host and an inline image.
      const r = await league.as.po.request.patch(`${league.app.url}/api/v1/items/${item.id}`, {
        data: {
          description:
            'Archive **per season**.\n\n![pixel](https://tracker.example.com/p.gif?u=1)\n\n![dot](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==)',
          acceptanceCriteria: [
            { given: 'an admin', when: 'they open last season', then: 'its results show' },
          ],
        },
        headers: { origin: league.app.url, 'If-Match': String(item.version) },
      });
      expect(r.status()).toBe(200);
      const p = await league.as[who]!.newPage();
      await p.goto(`${backlog()}?item=${item.id}`);
      const panel = p.getByRole('complementary', { name: 'Item details' });
      await panel.getByRole('heading', { name: 'Season archive, by year' }).waitFor();
      // No form controls for the item's fields: no select, no text box holding its title or problem.
      expect(await panel.locator('.b-reading select, .b-reading input, .b-reading textarea').count()).toBe(0);
      expect(await panel.locator('select[disabled]').count()).toBe(0);
      const reading = panel.locator('.b-reading');
      await reading.getByText('Admins cannot find last season’s results.').waitFor();
      await reading.getByText('they open last season', { exact: false }).waitFor();
      // The tracking pixel is not loaded; it is a link with the reason. The inline image is shown.
      const srcs = await panel
        .locator('.b-markdown img')
        .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
      expect(srcs.some((s) => s.includes('tracker.example.com'))).toBe(false);
      expect(srcs.some((s) => s.startsWith('data:image/png'))).toBe(true);
      await panel.getByRole('link', { name: /from tracker\.example\.com, not loaded/ }).waitFor();
      await expectNoSeriousA11y(p, `item reading (${who})`);
      await screenshot(p, `backlog-reading-${who}-light-desktop`);
      if (who === 'viewer') {
        const phone = await newContext(league.browser, { viewport: PHONE });
        await signInViaApi(phone, league.app, PEOPLE.viewer.email, PEOPLE.viewer.password);
        const m = await phone.newPage();
        await m.goto(`${backlog()}?item=${item.id}`);
        await m.getByRole('heading', { name: 'Season archive, by year' }).waitFor();
        await screenshot(m, 'backlog-reading-viewer-light-phone');
        await phone.close();
      }
      await p.close();
    });
  }

  it('names the value columns in words', async () => {
    await page.goto(backlog());
    await row(page, 'LEAG-1').waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByLabel('Business value · Time criticality · Risk reduction').check();
    await page.keyboard.press('Escape');
    const header = page.getByRole('columnheader', { name: /Value·Time·Risk/ });
    await header.waitFor();
    expect(await header.locator('button').getAttribute('title')).toBe(
      'Business value · Time criticality · Risk reduction',
    );
    await screenshot(page, 'backlog-value-column-light-desktop');
  });
});
