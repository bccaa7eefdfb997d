import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import { type E2EApp, launchBrowser, newContext, screenshot, startApp } from './harness.ts';
import { buildWorld, type World } from './sprints-fixtures.ts';

/**
 * Live planning poker with three browsers: Tom (team, desktop) runs it, Tess (team, on a phone)
 * votes, Olive (the PO) watches. Nobody sees a value before the reveal; after it everyone does,
 * without reloading; the agreed value becomes the item's size.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let tom: Page;
let tess: Page;
let olive: Page;
let digest: { id: string; key: string };
let sessionUrl = '';

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'NOTIF', { phone: ['tess'] });
  digest = await w.item('Send a daily digest instead of single emails', null, 'new');
  await w.item('Retry failed SMS with backoff', null, 'new');
  tom = await w.ctx.tom.newPage();
  tess = await w.ctx.tess.newPage();
  olive = await w.ctx.olive.newPage();
  for (const p of [tom, tess, olive]) p.setDefaultTimeout(8000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('planning poker, live in three browsers', () => {
  it('a team member opens a session on chosen items', async () => {
    await tom.goto(`${app.url}/p/${w.key}/poker`);
    await tom.getByRole('heading', { name: 'Planning poker' }).waitFor();
    await tom.getByRole('button', { name: 'Open a session' }).first().click();
    const dlg = tom.getByRole('dialog', { name: 'Open a poker session' });
    await dlg.getByLabel('Title').fill('Refinement, Tuesday');
    await dlg.getByRole('checkbox', { name: /Send a daily digest/ }).check();
    await dlg.getByRole('checkbox', { name: /Retry failed SMS/ }).check();
    await expectNoSeriousA11y(tom, 'open poker session');
    await screenshot(tom, 'poker-open-light-desktop');
    await dlg.getByRole('button', { name: 'Open session' }).click();
    await tom.getByRole('heading', { level: 1, name: 'Refinement, Tuesday' }).waitFor();
    sessionUrl = tom.url();
    await tom.getByTestId('live-status').getByText('Live').waitFor();
  });

  it('shows who has voted, never the value, to the other voter and to the watching PO', async () => {
    await tess.goto(sessionUrl);
    await olive.goto(sessionUrl);
    await olive.getByTestId('watching').waitFor();
    // The PO gets no cards.
    expect(await olive.getByRole('button', { name: '5', exact: true }).count()).toBe(0);
    await tess.getByTestId('live-status').getByText('Live').waitFor();
    await olive.getByTestId('live-status').getByText('Live').waitFor();

    await tom.getByRole('button', { name: '5', exact: true }).click();
    await tess.getByTestId('voted-count').getByText('1 of 2 voted').waitFor();
    await olive.getByTestId('voted-count').getByText('1 of 2 voted').waitFor();
    // The watching state says why the PO has no cards and who the round is waiting for.
    expect(await text(olive.getByTestId('watching'))).toContain('as Product Owner');
    await olive
      .getByTestId('watching')
      .getByText(/waiting for Tess/)
      .waitFor();
    expect(await text(olive.getByTestId('voter-Tom Team'))).toContain('has voted');
    expect(await text(olive.getByTestId('voter-Tom Team'))).not.toContain('5');
    expect(await text(tess.getByTestId('voter-Tom Team'))).not.toContain('5');
    // Nor through the API, for the PO.
    const s = (await w.api('olive', 'GET', `/api/v1/poker/${sessionUrl.split('/').pop()}`)).body as {
      votes: unknown;
    };
    expect(s.votes).toBeNull();

    // The estimators read what they size: the problem and the Given/When/Then, not just a title.
    const brief = tess.getByTestId('current-item').getByTestId('poker-brief');
    expect(await text(brief.getByRole('region', { name: 'Problem' }))).toContain(
      'VIP members are affected: send a daily digest instead of single emails',
    );
    expect(await text(brief.getByRole('region', { name: 'Acceptance criteria' }))).toContain(
      'Given a subscriber When a notification is sent Then it arrives once',
    );
    await tess.getByRole('button', { name: '8', exact: true }).tap();
    await olive.getByTestId('voted-count').getByText('2 of 2 voted').waitFor();
    expect(await text(olive.getByTestId('voter-Tess Team'))).not.toContain('8');
    await expectNoSeriousA11y(tess, 'poker voting (phone)');
    await screenshot(tess, 'poker-voting-light-phone');
    await expectNoSeriousA11y(olive, 'poker watching (PO)');
    await screenshot(olive, 'poker-watching-light-desktop');
  });

  it('reveals to everyone at once with the spread; a re-vote hides the cards again', async () => {
    await tom.getByRole('button', { name: 'Reveal 2 votes' }).click();
    await olive.getByTestId('spread').waitFor();
    expect(await text(olive.getByTestId('voter-Tom Team'))).toContain('5');
    expect(await text(olive.getByTestId('voter-Tess Team'))).toContain('8');
    expect(await text(tess.getByTestId('spread'))).toContain('5 to 8: talk it through');
    await expectNoSeriousA11y(tom, 'poker revealed');
    await screenshot(tom, 'poker-revealed-light-desktop');

    await tom.getByRole('button', { name: 'Vote again' }).click();
    await olive.getByTestId('voted-count').getByText('0 of 2 voted').waitFor();
    await tom.getByTestId('current-item').getByText('Round 2 of this item').waitFor();
    expect(await olive.getByTestId('spread').count()).toBe(0);
    await tom.getByRole('button', { name: '5', exact: true }).click();
    await tess.getByRole('button', { name: '5', exact: true }).tap();
    await tom.getByTestId('voted-count').getByText('2 of 2 voted').waitFor();
  });

  it('a reload shows the current state; the agreed value is written to the item size', async () => {
    await tess.reload();
    await tess.getByTestId('voted-count').getByText('2 of 2 voted').waitFor();
    // Tess's own card comes back after a reload; only she sees it.
    await expect
      .poll(() => tess.getByRole('button', { name: '5', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');

    await tom.getByRole('button', { name: 'Reveal 2 votes' }).click();
    await tom.getByTestId('spread').getByText('Consensus').waitFor();
    expect(await tom.getByLabel('Agreed value').inputValue()).toBe('5');
    await tom.getByRole('button', { name: 'Accept 5 as the size' }).click();
    await olive.getByTestId(`result-${digest.key}`).getByText('5').waitFor();
    // The session moved on to the next item for everyone.
    await tess
      .getByTestId('current-item')
      .getByRole('heading', { name: 'Retry failed SMS with backoff' })
      .waitFor();
    // Rounds count per item: the next item starts at round 1, not where the first one stopped.
    await tess.getByTestId('current-item').getByText('Round 1 of this item').waitFor();
    expect(await tess.getByRole('button', { name: '5', exact: true }).getAttribute('aria-pressed')).not.toBe(
      'true',
    );
    const item = (await w.api('olive', 'GET', `/api/v1/items/${digest.id}`)).body as { size: number };
    expect(item.size).toBe(5);
    await screenshot(tess, 'poker-next-item-light-phone');
  });

  it('reads well in the dark theme and lists the session with its progress', async () => {
    const dark = await newContext(browser, { theme: 'dark' });
    await dark.addCookies(await w.ctx.tom.cookies());
    const p = await dark.newPage();
    p.setDefaultTimeout(8000);
    await p.goto(sessionUrl);
    await p.getByTestId('current-item').waitFor();
    await expectNoSeriousA11y(p, 'poker session (dark)');
    await screenshot(p, 'poker-session-dark-desktop');
    await p.getByRole('link', { name: '← Poker' }).click();
    const row = p.getByRole('row', { name: /Refinement, Tuesday/ });
    expect(await text(row)).toContain('1 of 2');
    await expectNoSeriousA11y(p, 'poker list (dark)');
    await screenshot(p, 'poker-list-dark-desktop');
    await dark.close();
  });
});
