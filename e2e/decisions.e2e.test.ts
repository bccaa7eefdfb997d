import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './axe.ts';
import { type E2EApp, launchBrowser, screenshot, screenshotFailedSteps, startApp } from './harness.ts';
import { buildWorld, day, type World } from './sprints-fixtures.ts';

/**
 * Decisions and workarounds (issue 13, seed 002): Olive (PO) writes down the decision agreed
 * with the team — fix the duplicate emails at the root cause, no workaround — and accepts it;
 * later she resolves the defect by a workaround anyway, with the prefilled repayment item. The
 * item panel then says the change went around the decision, and Tom (team) sees it on the
 * decision's page.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let olive: Page;
let tom: Page;
let defect = { id: '', key: '' };
let decisionUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'NOTIF');
  const d = await w.api('olive', 'POST', `/api/v1/products/${w.productId}/items`, {
    type: 'defect',
    title: 'Duplicate emails',
    problem: 'Some notifications are sent as several identical emails.',
  });
  expect(d.status).toBe(201);
  defect = d.body as { id: string; key: string };
  await w.item('Idempotency keys on the send API', 5);
  olive = await w.ctx.olive.newPage();
  tom = await w.ctx.tom.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => olive, 'decisions');

/** Serious axe findings on these pages; the shell's bell (its name adds the unread count) is not ours. */
async function expectNoSeriousA11y(p: Page, screen: string) {
  const found = (await seriousA11yViolations(p)).filter(
    (f) => !f.targets.some((t) => t.includes('bell-button')),
  );
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

describe('decision records and workarounds', () => {
  it('the PO writes down the decision with its rule and accepts it', async () => {
    await olive.goto(`${app.url}/p/${w.key}/decisions`);
    await olive.getByText('No decisions yet').waitFor();
    await olive.getByRole('link', { name: 'New decision' }).click();
    await olive.getByLabel('Title').fill('Fix the root cause next sprint, no workaround');
    await olive
      .getByLabel('Context')
      .fill(
        'Some notifications go out two or three times. The root cause is known: a retry re-sends after a timeout.',
      );
    await olive
      .getByLabel('Decision', { exact: true })
      .fill('Send each message with its idempotency key; no workaround meanwhile.');
    await olive
      .getByLabel('Consequences')
      .fill('A few more duplicates this week; integrating teams are told the date.');
    await olive.getByLabel('Items it governs (keys)').fill(defect.key);
    await olive.getByLabel('Tom Team').check();
    await olive.getByLabel('Tess Team').check();
    await olive.getByRole('button', { name: 'Add a rule' }).click();
    await olive.getByLabel('Rule 1 item').fill(defect.key);
    await screenshot(olive, 'decisions-new-desktop');
    await olive.getByRole('button', { name: 'Propose decision' }).click();
    await olive.getByRole('heading', { name: 'Fix the root cause next sprint, no workaround' }).waitFor();
    decisionUrl = olive.url();
    await olive.getByText(`${defect.key} is fixed at the root cause: no workaround`).waitFor();
    await olive.getByRole('button', { name: 'Accept decision' }).click();
    await olive.locator('.badge', { hasText: 'Accepted' }).waitFor();
    await olive.getByText('Nothing has gone around it.').waitFor();
    await expectNoSeriousA11y(olive, 'decision page');
  });

  it('resolving by a workaround needs the prefilled repayment, and is flagged on the item', async () => {
    await olive.goto(`${app.url}/p/${w.key}/backlog?item=${defect.id}`);
    await olive.getByRole('button', { name: 'Resolve…' }).click();
    const dialog = olive.getByRole('dialog', { name: `Resolve ${defect.key}` });
    await dialog.getByLabel('By a workaround, with a repayment item').check();
    await expect
      .poll(() => dialog.getByLabel('Repayment item', { exact: true }).inputValue())
      .toBe('Replace the Duplicate emails workaround with the agreed fix');
    await dialog
      .getByLabel('Repayment item', { exact: true })
      .fill('Replace the push-queue workaround with the agreed fix');
    // No due sprint or date yet: the server names what is missing.
    await dialog.getByRole('button', { name: 'Resolve with a workaround' }).click();
    await dialog.getByText('Give the repayment a due sprint or a due date').waitFor();
    await dialog.getByLabel('or by date').fill(day(10));
    await screenshot(olive, 'decisions-resolve-dialog-desktop');
    await dialog.getByRole('button', { name: 'Resolve with a workaround' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The flag is a reaction: it appears within moments (the page refreshes on the live event).
    const banner = olive.getByText(
      'This change went around decision “Fix the root cause next sprint, no workaround”.',
    );
    await expect
      .poll(
        async () => {
          if (await banner.isVisible()) return true;
          await olive.reload();
          return false;
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true);
    await olive.getByText('Replace the push-queue workaround with the agreed fix').first().waitFor();
    await olive.getByText('by a workaround').first().waitFor();
    await screenshot(olive, 'decisions-item-banner-desktop');
  });

  it('the backlog board shows the workaround owing its repayment, and the repayment what it replaces', async () => {
    await tom.goto(`${app.url}/p/${w.key}/backlog/board`);
    const owed = tom.locator(`.b-card[data-item-id="${defect.id}"]`).getByText(/^Repay → /);
    await owed.waitFor();
    const repaymentKey = (await owed.textContent())!.replace('Repay → ', '').trim();
    await tom.locator('.b-card', { hasText: repaymentKey }).getByText(`Repays ${defect.key}`).waitFor();
    await expectNoSeriousA11y(tom, 'board with a repayment');
    await screenshot(tom, 'decisions-board-repayment-desktop');
  });

  it('the team sees who went around the decision on its page', async () => {
    await tom.goto(decisionUrl);
    await tom.getByText('1 change went around this decision.').waitFor();
    await tom.getByText(`${defect.key} was resolved by a workaround, though the decision says`).waitFor();
    await tom.locator('.d-contradictions .badge', { hasText: 'Olive Owner' }).waitFor();
    await expectNoSeriousA11y(tom, 'decision with a contradiction');
    await screenshot(tom, 'decisions-contradicted-desktop');
    await tom.goto(`${app.url}/p/${w.key}/decisions`);
    await tom.getByText('1 time').waitFor();
    await screenshot(tom, 'decisions-list-desktop');
  });
});
