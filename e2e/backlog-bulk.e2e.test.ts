import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '#contracts/items.ts';
import { expectNoSeriousA11y, type League, PEOPLE, row, startLeague } from './backlog-kit.ts';
import { type E2EApp, screenshot, screenshotFailedSteps } from './harness.ts';

/**
 * Bulk edit in the backlog list: rows picked by shift-click, ctrl-click and checkbox; assignee,
 * label, segment and status set on all of them at once. Each change lands on exactly the selected
 * items (checked through the API); a change the rules refuse for any of them names the field and
 * the item and changes none; a team member cannot accept, a viewer gets no bulk edit at all
 * (and so no checkboxes).
 */
let league: League;
let app: E2EApp;
let po: BrowserContext;
let team: BrowserContext;
let viewer: BrowserContext;
let page: Page;
let productId = '';
let theoId = '';
const segments: Record<string, string> = {};
const backlog = () => `${app.url}/p/LEAG/backlog`;
const api = <T>(ctx: BrowserContext, method: string, url: string, data?: unknown) =>
  league.api<T>(ctx, method, url, data);

/** Every item, by key, as the server has it now. */
const items = async () =>
  Object.fromEntries((await league.items()).map((i) => [i.key, i])) as Record<string, Item>;
/** One field of every item, by key: the picture a bulk edit must change only where selected. */
const fieldOf = async <K extends keyof Item>(field: K) =>
  Object.fromEntries(Object.entries(await items()).map(([k, i]) => [k, i[field]]));

const bulk = (p: Page) => p.getByRole('region', { name: 'Bulk edit' });
const selectedKeys = (p: Page) =>
  p.$$eval('tbody.b-body tr[aria-selected="true"]', (rows) => rows.map((r) => r.getAttribute('data-key')));

beforeAll(async () => {
  league = await startLeague({ team: 'team', viewer: 'viewer' });
  ({ app, productId } = league);
  ({ po, team, viewer } = league.as as Required<League['as']>);
  theoId = league.ids.team!;
  for (const name of ['League admins', 'Sponsors']) segments[name] = await league.segment(name);
  // Six stories; all but LEAG-4 meet the Definition of Ready once sized (LEAG-4 has no criteria).
  const titles = [
    'City admins see only their city',
    'Season archive',
    'Sponsor logo upload',
    'Team photo gallery',
    'Fixture clash warnings',
    'Referee availability',
  ];
  for (const [i, title] of titles.entries()) {
    await api(po, 'POST', `/api/v1/products/${productId}/items`, {
      type: 'story',
      title,
      problem: `League admins lose time: ${title.toLowerCase()}.`,
      segmentIds: [segments['League admins']],
      labels: i === 2 ? ['web'] : [],
      businessValue: 5,
      timeCriticality: 3,
      riskReduction: 1,
      acceptanceCriteria:
        i === 3
          ? []
          : [{ given: 'a league admin', when: `they use ${title.toLowerCase()}`, then: 'it works' }],
    });
  }
  for (const it of await league.items()) await league.size(it, 3);
  page = await po.newPage();
});

screenshotFailedSteps(() => page, 'backlog-bulk');

afterAll(async () => {
  await league?.stop();
});

describe('bulk edit in the backlog list', () => {
  it('selects rows by shift-click, ctrl-click and checkbox, and shows the bulk bar', async () => {
    await page.goto(backlog());
    await row(page, 'LEAG-6').waitFor();
    expect(await bulk(page).count()).toBe(0);
    await row(page, 'LEAG-2').click({ modifiers: ['Control'] });
    await row(page, 'LEAG-4').click({ modifiers: ['Shift'] });
    await page.getByRole('checkbox', { name: 'Select LEAG-6' }).check();
    expect(await selectedKeys(page)).toEqual(['LEAG-2', 'LEAG-3', 'LEAG-4', 'LEAG-6']);
    await bulk(page).getByText('4 selected').waitFor();
    // A modified click selects; it does not open the item.
    expect(await page.getByRole('complementary', { name: 'Item details' }).count()).toBe(0);
    // Ctrl-click again deselects.
    await row(page, 'LEAG-3').click({ modifiers: ['Control'] });
    expect(await selectedKeys(page)).toEqual(['LEAG-2', 'LEAG-4', 'LEAG-6']);
    await row(page, 'LEAG-3').click({ modifiers: ['Control'] });
    await expectNoSeriousA11y(page, 'bulk bar');
    await screenshot(page, 'backlog-bulk-light-desktop');
  });

  it('assigns, labels and adds a segment on exactly the selected items', async () => {
    const chosen = ['LEAG-2', 'LEAG-3', 'LEAG-4', 'LEAG-6'];
    const others = ['LEAG-1', 'LEAG-5'];
    const before = await items();

    await bulk(page).getByLabel('Assign selected to').selectOption({ label: PEOPLE.team.name });
    await bulk(page).getByText('Assignee: 4 item(s) updated.').waitFor();
    const assignees = await fieldOf('assigneeId');
    for (const k of chosen) expect(assignees[k], k).toBe(theoId);
    for (const k of others) expect(assignees[k], k).toBeNull();

    await bulk(page).getByLabel('Add a label to selected').fill('sponsors');
    await bulk(page).getByLabel('Add a label to selected').press('Enter');
    await bulk(page).getByText('Label sponsors: 4 item(s) updated.').waitFor();
    expect(await fieldOf('labels')).toEqual({
      'LEAG-1': [],
      'LEAG-2': ['sponsors'],
      'LEAG-3': ['web', 'sponsors'],
      'LEAG-4': ['sponsors'],
      'LEAG-5': [],
      'LEAG-6': ['sponsors'],
    });

    await bulk(page).getByLabel('Add a segment to selected').selectOption({ label: 'Sponsors' });
    await bulk(page).getByText('Segment added: 4 item(s) updated.').waitFor();
    const segs = await fieldOf('segmentIds');
    for (const k of chosen)
      expect([...(segs[k] as string[])].sort(), k).toEqual(
        [segments['League admins'], segments.Sponsors].sort(),
      );
    for (const k of others) expect(segs[k], k).toEqual([segments['League admins']]);
    // The rows not selected were not touched at all.
    const after = await items();
    for (const k of others) expect(after[k]?.version, k).toBe(before[k]?.version);
    // The list shows the new segment without a reload, only on the selected rows.
    await row(page, 'LEAG-2').getByText('Sponsors').waitFor();
    expect(await row(page, 'LEAG-1').getByText('Sponsors').count()).toBe(0);
  });
  it('refuses a status some selected item may not take, names the field and the item, and changes none', async () => {
    const before = await items();
    await bulk(page).getByLabel('Set status of selected').selectOption({ label: 'Ready' });
    const alert = bulk(page).getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    // LEAG-4 has no acceptance criteria: the Definition of Ready is not met.
    expect(text).toMatch(/^Status/);
    expect(text).toContain('LEAG-4');
    expect(text).toMatch(/acceptance criteria/);
    expect(text).toMatch(/nothing was changed/i);
    await expectNoSeriousA11y(page, 'bulk bar (refused)');
    await screenshot(page, 'backlog-bulk-refused-light-desktop');
    const after = await items();
    for (const k of Object.keys(before)) {
      expect(after[k]?.status, k).toBe('new');
      expect(after[k]?.version, k).toBe(before[k]?.version);
    }
    await expect.poll(() => page.locator('tbody.b-body tr', { hasText: 'Ready' }).count()).toBe(0);

    // Without LEAG-4 the same change goes through, on the three still selected.
    await row(page, 'LEAG-4').click({ modifiers: ['Control'] });
    await bulk(page).getByLabel('Set status of selected').selectOption({ label: 'Ready' });
    await bulk(page).getByText('Status Ready: 3 item(s) updated.').waitFor();
    expect(await fieldOf('status')).toEqual({
      'LEAG-1': 'new',
      'LEAG-2': 'ready',
      'LEAG-3': 'ready',
      'LEAG-4': 'new',
      'LEAG-5': 'new',
      'LEAG-6': 'ready',
    });

    // A move the workflow forbids for one of them (new → in progress) is refused before saving.
    await row(page, 'LEAG-5').click({ modifiers: ['Control'] });
    const v = await fieldOf('version');
    await bulk(page).getByLabel('Set status of selected').selectOption({ label: 'In progress' });
    const refusal = bulk(page).getByRole('alert');
    await refusal.getByText('LEAG-5', { exact: false }).waitFor();
    expect(await refusal.textContent()).toMatch(/^Status.*nothing was changed/i);
    expect(await fieldOf('version')).toEqual(v);
  });

  it('does not let a team member accept or reject in bulk, and gives a viewer no bulk edit', async () => {
    const t = await team.newPage();
    await t.goto(backlog());
    await t.locator('tr[data-key="LEAG-1"]').click({ modifiers: ['Control'] });
    await t.locator('tr[data-key="LEAG-5"]').click({ modifiers: ['Control'] });
    await bulk(t).getByText('2 selected').waitFor();
    const v = await fieldOf('version');
    await bulk(t).getByLabel('Set status of selected').selectOption({ label: 'Rejected' });
    const alert = bulk(t).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Status.*Product Owner.*nothing was changed/i);
    expect(await fieldOf('version')).toEqual(v);
    await t.close();

    const s = await viewer.newPage();
    await s.goto(backlog());
    await s.locator('tr[data-key="LEAG-1"]').waitFor();
    // The viewer cannot drag rows, and the rows do not claim to be draggable or disabled.
    expect(await s.locator('tr[data-key="LEAG-1"]').getAttribute('aria-disabled')).toBeNull();
    expect(await s.locator('tr[data-key="LEAG-1"]').getAttribute('aria-roledescription')).toBeNull();
    // Nothing to select: no checkboxes that would lead nowhere, and ctrl-click selects nothing.
    expect(await s.getByRole('checkbox').count()).toBe(0);
    await s.locator('tr[data-key="LEAG-1"]').click({ modifiers: ['Control'] });
    expect(await selectedKeys(s)).toEqual([]);
    expect(await bulk(s).count()).toBe(0);
    await screenshot(s, 'backlog-bulk-viewer-light-desktop');
    await s.close();
  });
});
