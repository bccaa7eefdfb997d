import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { type E2EApp, launchBrowser, screenshot, screenshotFailedSteps, startApp } from './harness.ts';
import { buildWorld, type World } from './sprints-fixtures.ts';

/**
 * Working agreements: Tom (team) starts "How we handle urgent bugs" from its template and proposes
 * it with a comment period; Tess comments on one paragraph; on an agreement in effect Tom
 * acknowledges and reads what the next version changes; Olive shares it, and only then does Stan
 * (stakeholder) see it.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let tom: Page;
let tess: Page;
let olive: Page;
let stan: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'AGR');
  tom = await w.ctx.tom.newPage();
  tess = await w.ctx.tess.newPage();
  olive = await w.ctx.olive.newPage();
  stan = await w.ctx.stan.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => tom, 'agreements');

describe('working agreements', () => {
  let proposedUrl = '';

  it('the team starts one from a template and proposes it with a comment period', async () => {
    await tom.goto(`${app.url}/p/${w.key}/agreements`);
    await tom.getByRole('heading', { name: 'No working agreements yet' }).waitFor();
    await tom.getByRole('link', { name: 'New agreement' }).click();
    await tom.getByRole('button', { name: /How we handle urgent bugs/ }).click();
    await expect.poll(() => tom.getByLabel('Title').inputValue()).toBe('How we handle urgent bugs');
    await expect.poll(() => tom.locator('#ag-body').inputValue()).toMatch(/tech lead's approval/);
    await expectNoSeriousA11y(tom, 'agreement editor');
    await screenshot(tom, 'agreements-editor-light-desktop');
    await tom.getByRole('button', { name: 'Propose it' }).click();
    await tom.getByRole('heading', { name: 'Version 1, proposed' }).waitFor();
    await tom
      .getByRole('timer')
      .getByText(/Comments close in 2 days/)
      .waitFor();
    proposedUrl = tom.url();
  });

  it('a member comments on one paragraph during the period', async () => {
    await tess.goto(proposedUrl);
    await tess.getByRole('button', { name: 'Comment on paragraph 4' }).click();
    await tess
      .getByLabel('Your comment on paragraph 4')
      .fill('Add: the approval is written on the item, so we can find it.');
    await tess.getByRole('button', { name: 'Comment', exact: true }).click();
    await tess.getByText('Add: the approval is written on the item, so we can find it.').waitFor();
    await tess.locator('.ag-para-commented').getByText('1 comment').waitFor();
    await expectNoSeriousA11y(tess, 'agreement proposal');
    await screenshot(tess, 'agreements-proposal-comments-light-desktop');
  });

  it('an agreement in effect shows who has acknowledged; a new version shows its diff', async () => {
    const created = await w.api('olive', 'POST', `/api/v1/products/${w.productId}/agreements`, {
      title: 'What protects the sprint',
      template: 'sprint-protection',
    });
    const id = (created.body as { id: string }).id;
    const v1 = await w.api('olive', 'POST', `/api/v1/agreements/${id}/versions`, {
      body: 'The sprint is closed to change.\n\nOnly the team estimates.',
      effectiveFrom: new Date().toISOString(),
    });
    expect(v1.status).toBe(201);
    await tom.goto(`${app.url}/p/${w.key}/agreements/${id}`);
    await tom.getByRole('heading', { name: 'Acknowledged: 0 of 3' }).waitFor();
    await tom.getByRole('button', { name: 'Acknowledge version 1' }).click();
    await tom.getByRole('heading', { name: 'Acknowledged: 1 of 3' }).waitFor();
    await tom.getByText('You acknowledged version 1').waitFor();
    const v2 = await w.api('olive', 'POST', `/api/v1/agreements/${id}/versions`, {
      body: 'The sprint is closed to change unless the team agrees.\n\nOnly the team estimates.\n\nThe PO is available during the sprint.',
      commentUntil: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      effectiveFrom: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(v2.status).toBe(201);
    await tom.reload();
    await tom.getByRole('heading', { name: 'Version 2, proposed' }).waitFor();
    await tom.getByText('What changed from version 1').click();
    await tom.locator('.ag-pending ins', { hasText: 'unless the team agrees' }).waitFor();
    await tom
      .locator('.ag-pending .ag-diff-added', { hasText: 'The PO is available during the sprint.' })
      .waitFor();
    await expectNoSeriousA11y(tom, 'agreement in effect');
    await screenshot(tom, 'agreements-effective-acks-light-desktop');
  });

  it('stakeholders see an agreement only once the PO shares it', async () => {
    await stan.goto(`${app.url}/p/${w.key}/agreements`);
    await stan.getByRole('heading', { name: 'No working agreements yet' }).waitFor();
    await olive.goto(proposedUrl);
    await olive.getByLabel('Shared with stakeholders').check();
    await expect.poll(() => olive.getByLabel('Shared with stakeholders').isChecked()).toBe(true);
    await stan.reload();
    await stan.getByRole('link', { name: 'How we handle urgent bugs' }).click();
    await stan.getByRole('heading', { name: 'Version 1, proposed' }).waitFor();
    expect(await stan.getByText('Add: the approval is written on the item').count()).toBe(0);
    await screenshot(stan, 'agreements-stakeholder-shared-light-desktop');
  });
});
