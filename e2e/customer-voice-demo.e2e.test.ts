import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#cli/demo/core.ts';
import { type DemoResult, seedDemo } from '#cli/demo/index.ts';
import { signInLines } from '#cli/demo/sign-ins.ts';
import {
  apiOk,
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  SCREENSHOTS,
  screenshot,
  screenshotFailedSteps,
  signInViaApi,
  startApp,
} from './harness.ts';

/**
 * Customer voice in the demo workspace, as its users meet it: a VIP member on a phone follows the
 * personal link printed at start, reads the portal, votes, asks and +1s; Paul (the PO) on a desktop
 * triages, reads the closed review, the trend, the vote beside the backlog, the contradicted
 * hypothesis and the 200 stakeholders in settings; Sam (a stakeholder) signs in with a password
 * and is kept to the customer pages.
 */
let app: E2EApp;
let browser: Browser;
let demo: DemoResult;
let vip: Page;
let paul: Page;
let paulCtx: BrowserContext;
let current: Page | undefined;

/** The screen as the person sees it once they scrolled `l` into view (the main pane scrolls). */
async function shotAt(page: Page, l: Locator, name: string) {
  await l.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Nothing wider than the phone: one column, no sideways scrolling. */
async function expectOneColumn(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  const seeded = await seedDemo({ services: app.running.services, store: app.running.store });
  if (!seeded) throw new Error('the demo was not seeded');
  demo = seeded;
  vip = await (await newContext(browser, { viewport: PHONE })).newPage();
  paulCtx = await newContext(browser);
  await signInViaApi(paulCtx, app, 'paul@tandem.demo', DEMO_PASSWORD);
  paul = await paulCtx.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => current, 'cv-demo');

describe('customer voice in the demo', () => {
  it('a VIP member on a phone follows the link printed at start and lands on the portal', async () => {
    current = vip;
    // The console lines name the VIP and print the link under the server's address.
    const lines = signInLines(demo, app.url);
    const at = lines.findIndex((l) => l.includes('personal link'));
    expect(lines[at]).toContain(demo.vipLink.name);
    const printed = lines[at + 1]!.trim();
    expect(printed).toBe(`${app.url}${demo.vipLink.path}`);
    await vip.goto(printed);
    await vip.waitForURL('**/p/VIP/portal');
    await vip.getByRole('heading', { level: 1, name: 'VIP Meetings' }).waitFor();
    // Waiting for them: the open vote they have not voted in.
    const waiting = vip.getByRole('region', { name: /Waiting for you/ });
    const vote = waiting.getByRole('link', { name: /Vote for Spring meeting/ });
    await vote.getByText('Spread your points on what matters to you').waitFor();
    expect(await waiting.locator('.pt-count').textContent()).toBe('1');
    expect((await vote.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await screenshot(vip, 'cv-demo-01-portal-top-phone');
    await expectOneColumn(vip);

    // What's new: each delivered increment with what changed for them, in words.
    const news = vip.getByRole('region', { name: 'What’s new for you' });
    await news.getByText(/Your profile now shows your photo/).waitFor();
    expect(await news.locator('.pt-changed').count()).toBeGreaterThanOrEqual(2);
    // For them first: work for the VIP members before the Secretariat's own.
    const forWhom = await news.locator('.pt-segments').allTextContents();
    const firstOther = forWhom.findIndex((t) => !t.includes('VIP members'));
    expect(firstOther).toBeGreaterThan(0);
    expect(forWhom.slice(firstOther).some((t) => t.includes('VIP members'))).toBe(false);
    await shotAt(vip, news.locator('li').nth(2), 'cv-demo-02-portal-whats-new-phone');

    // Coming next: what the PO published, some of it for the Spring meeting.
    const next = vip.getByRole('region', { name: 'Coming next' });
    expect(await next.locator('li').count()).toBeGreaterThanOrEqual(3);
    await next
      .getByText(/Spring meeting/)
      .first()
      .waitFor();
    await shotAt(vip, next, 'cv-demo-03-portal-coming-next-phone');

    // Their own request, planned by the PO.
    const yours = vip.getByRole('region', { name: 'Your requests' });
    const hotel = yours.locator('li', { hasText: 'Book my hotel from the meeting page' });
    await hotel.getByText('Planned').waitFor();
    await shotAt(vip, yours, 'cv-demo-04-portal-your-requests-phone');
    await expectOneColumn(vip);
  });

  it('the VIP opens the vote, spreads 10 points and saves', async () => {
    current = vip;
    await vip.evaluate(() => document.querySelector('.main')?.scrollTo(0, 0));
    await vip
      .getByRole('region', { name: /Waiting for you/ })
      .getByRole('link', { name: /Vote for Spring meeting/ })
      .click();
    await vip.getByRole('heading', { level: 1, name: 'Spring meeting' }).waitFor();
    await vip.getByRole('status').getByText('Points left: 10 of 10').waitFor();
    await screenshot(vip, 'cv-demo-05-ballot-phone');
    // Only customer-facing work to vote on, nothing internal on the cards.
    const cards = (await vip.locator('.v-cards').textContent()) ?? '';
    expect(cards).not.toMatch(/WSJF|business value|story points/i);
    const plus = vip.getByRole('button', { name: /^One point more for / });
    expect(await plus.count()).toBeGreaterThanOrEqual(3);
    for (let k = 0; k < 6; k++) await plus.nth(0).click();
    for (let k = 0; k < 4; k++) await plus.nth(2).click();
    await vip.getByRole('status').getByText('Points left: 0 of 10').waitFor();
    const box = await plus.nth(0).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(await plus.nth(1).isDisabled()).toBe(true);
    await vip.getByRole('button', { name: 'Save my votes' }).click();
    await vip.getByText('Saved: 10 of 10 points.').waitFor();
    await shotAt(vip, vip.getByText('Saved: 10 of 10 points.'), 'cv-demo-06-ballot-saved-phone');
    await expectOneColumn(vip);
    // Back on the portal the vote no longer waits for them.
    await vip.goto(`${app.url}/p/VIP/portal`);
    await vip
      .getByRole('region', { name: /Waiting for you/ })
      .getByText('You voted — you can still move your points')
      .waitFor();
  });

  it('the VIP asks for something, +1s a published request and checks the bell', async () => {
    current = vip;
    const form = vip.getByRole('form', { name: 'Ask for something' });
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel('What do you need?').fill('Name badges with our country flag');
    await form
      .getByLabel('What is hard for you, and why?')
      .fill('At the dinner nobody knows where I come from until we talk.');
    const send = form.getByRole('button', { name: 'Send my request' });
    expect((await send.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await send.click();
    const yours = vip.getByRole('region', { name: 'Your requests' });
    await yours.getByText('Name badges with our country flag').waitFor();
    await yours
      .locator('li', { hasText: 'Name badges with our country flag' })
      .getByText('Waiting for the Product Owner')
      .waitFor();
    await shotAt(vip, yours, 'cv-demo-07-portal-asked-phone');

    await vip.goto(`${app.url}/p/VIP/requests`);
    await vip.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    const card = vip.locator('[data-request="The agenda on my phone, also offline"]');
    await card.waitFor();
    // A declined one says why, and offers no +1 any more.
    const badge = vip.locator('[data-request="Print my badge at home"]');
    await badge.getByText(/Why: The venue’s security desk must print/).waitFor();
    expect(await badge.getByRole('button').count()).toBe(0);
    await screenshot(vip, 'cv-demo-08-requests-phone');
    await shotAt(vip, badge, 'cv-demo-08b-request-declined-phone');
    const plusOne = card.getByRole('button', { name: /\+1 me too · \d+/ });
    expect((await plusOne.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    const before = Number((await plusOne.textContent())?.match(/· (\d+)/)?.[1]);
    await plusOne.click();
    await card.getByRole('button', { name: new RegExp(`You \\+1ed · ${before + 1}`) }).waitFor();
    await shotAt(vip, card, 'cv-demo-09-request-plus-one-phone');
    await expectOneColumn(vip);

    const bell = vip.locator('.topbar').getByRole('button', { name: /^Notifications/ });
    expect((await bell.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await bell.click();
    const pop = vip.getByRole('region', { name: 'Notifications' });
    // Closing the loop: their hotel request is planned, and the bell says so.
    await pop.getByText(/Your request is planned: Book my hotel from the meeting page/).waitFor();
    await screenshot(vip, 'cv-demo-10-bell-phone');
    await vip.keyboard.press('Escape');
  });

  it('Paul triages the requests on a desktop', async () => {
    current = paul;
    await paul.goto(`${app.url}/p/VIP/requests`);
    await paul.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    const fresh = paul.locator('[data-request="Name badges with our country flag"]');
    await fresh.getByRole('button', { name: 'Create item' }).waitFor();
    await fresh.getByRole('button', { name: 'Decline' }).waitFor();
    // Most asked first.
    const titles = await paul
      .locator('[data-request]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-request')));
    expect(titles[0]).toBe('The agenda on my phone, also offline');
    await screenshot(paul, 'cv-demo-11-requests-triage-desktop');
  });

  it('Paul reads the trend and the closed review: sad faces first, comments, VIP against Secretariat', async () => {
    current = paul;
    await paul.goto(`${app.url}/p/VIP/reviews`);
    await paul.getByRole('heading', { level: 1, name: 'Reviews with customers' }).waitFor();
    // A trend: the last two sprints' reviews, side by side.
    const bars = paul.getByRole('img', { name: /^Sprint \d+, All answers: \d+% happy/ });
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThanOrEqual(2);
    const bar = bars.first();
    await bar.hover();
    await paul
      .locator('.chart-tip')
      .getByText(/\d+ answers/)
      .waitFor();
    await screenshot(paul, 'cv-demo-12-trend-hover-desktop');
    await paul
      .getByRole('link', { name: /Review of Sprint/ })
      .first()
      .click();
    const summary = paul.getByRole('region', { name: /Summary for the team/ });
    const cards = summary.getByTestId('increment-result');
    await cards.first().waitFor();
    // Sad faces first: the first card has the largest share of sad answers.
    const sadShare = await cards.evaluateAll((els) =>
      els.map((el) => {
        const label = el.querySelector('.rv-bar')?.getAttribute('aria-label') ?? '';
        const n = (w: string) => Number(label.match(new RegExp(`(\\d+) ${w}`))?.[1] ?? 0);
        return n('sad') / Math.max(1, n('happy') + n('neutral') + n('sad'));
      }),
    );
    expect(sadShare.length).toBeGreaterThanOrEqual(2);
    expect(sadShare[0]).toBe(Math.max(...sadShare));
    // Per segment, and the VIPs' "light but interesting".
    await cards.first().getByText('VIP members', { exact: true }).first().waitFor();
    await cards.first().getByText('Secretariat', { exact: true }).first().waitFor();
    await cards
      .first()
      .getByText(/Light but interesting/)
      .first()
      .waitFor();
    await screenshot(paul, 'cv-demo-13-review-summary-desktop');
    await shotAt(paul, cards.last(), 'cv-demo-14-review-summary-more-desktop');
  });

  it('Paul reads the Spring meeting vote beside the backlog and WSJF', async () => {
    current = paul;
    await paul.goto(`${app.url}/p/VIP/votes`);
    await paul.getByRole('link', { name: /Spring meeting/ }).click();
    await paul.getByRole('heading', { level: 1, name: 'Spring meeting' }).waitFor();
    const line = paul.getByRole('list', { name: 'Where the votes and the backlog disagree' });
    await line
      .getByText(/^(Voters|VIP members) rank [A-Z]+-\d+ first; it is \d+(st|nd|rd|th) in the backlog/)
      .first()
      .waitFor();
    for (const h of ['By votes', 'In the backlog', 'By WSJF'])
      await paul.getByRole('heading', { name: h }).waitFor();
    await paul.getByText(/9\d voters · 10 points each/).waitFor();
    await shotAt(paul, paul.getByRole('heading', { name: 'Results' }), 'cv-demo-15-vote-results-desktop');
  });

  it('Paul opens the item whose hypothesis the review contradicted, with its evidence', async () => {
    current = paul;
    const { products } = await apiOk<{ products: Array<{ id: string; key: string }> }>(
      paulCtx,
      app,
      'GET',
      '/api/v1/products',
    );
    const productId = products.find((p) => p.key === 'VIP')!.id;
    const list = await apiOk<{ items: Array<{ id: string; title: string }> }>(
      paulCtx,
      app,
      'GET',
      `/api/v1/products/${productId}/items?q=${encodeURIComponent('Merge duplicate VIP profiles')}`,
    );
    const item = list.items.find((i) => i.title === 'Merge duplicate VIP profiles');
    expect(item).toBeDefined();
    await paul.goto(`${app.url}/p/VIP/backlog?item=${item!.id}`);
    const section = paul.getByRole('region', { name: 'Benefit hypothesis' });
    await section.waitFor();
    await section.getByText(/letting the Secretariat prepare meetings in Tandem/).waitFor();
    await section.locator('.b-hypothesis-status').first().getByText('Contradicted').waitFor();
    await section
      .getByRole('list', { name: 'Evidence' })
      .getByText(/Sprint \d+ review/)
      .waitFor();
    // It reads as one sentence, and a judged hypothesis asks for no second confirmation.
    expect((await section.textContent()) ?? '').not.toMatch(/result in will/);
    expect(await section.getByRole('button', { name: /^Confirm:/ }).count()).toBe(0);
    await section.getByRole('button', { name: 'Override…' }).waitFor();
    await shotAt(paul, section, 'cv-demo-16-hypothesis-desktop');
  });

  it('Paul finds his way among 200 stakeholders in settings, and opens Add stakeholders', async () => {
    current = paul;
    await paul.goto(`${app.url}/p/VIP/settings`);
    const members = paul.getByRole('table', { name: 'Members' });
    await members.getByText('Paul Durand').waitFor();
    await paul.getByText(/213 people · 20\d stakeholders/).waitFor();
    // Not 213 rows at once: a page, then "Show more".
    expect(await members.locator('tbody tr').count()).toBeLessThanOrEqual(25);
    await paul.getByRole('button', { name: /^Show \d+ more$/ }).waitFor();
    await screenshot(paul, 'cv-demo-17-settings-desktop');
    await shotAt(
      paul,
      paul.getByRole('button', { name: /^Show \d+ more$/ }),
      'cv-demo-17b-settings-more-desktop',
    );
    const height = await paul.evaluate(() => document.querySelector('.main')?.scrollHeight ?? 0);
    // The settings page also holds the SLA policy and the webhooks; the list adds a page of rows.
    expect(height).toBeLessThan(5000);
    // Find one person by name; then one segment.
    await paul.getByRole('searchbox', { name: 'Find a person' }).fill(demo.vipLink.name.toLowerCase());
    await expect.poll(() => members.locator('tbody tr').count()).toBe(1);
    await members.getByText(demo.vipLink.email).waitFor();
    await screenshot(paul, 'cv-demo-18-settings-find-desktop');
    await paul.getByRole('searchbox', { name: 'Find a person' }).fill('');
    await paul.getByLabel('Show').selectOption({ label: 'Segment: Secretariat' });
    await expect.poll(() => members.locator('tbody tr').count()).toBe(6);
    await members.getByRole('row', { name: /Yann Le Goff/ }).waitFor();
    await screenshot(paul, 'cv-demo-19-settings-segment-desktop');
    await paul.getByRole('button', { name: 'Add stakeholders' }).click();
    const dialog = paul.getByRole('dialog', { name: 'Add stakeholders' });
    await dialog.getByRole('button', { name: 'Check the list' }).waitFor();
    // One more VIP with a very long name: added from a pasted line, then found; the name wraps.
    const long = 'Maria-Alessandra Konstantinopoulou-Vanderbilt de la Fuente y Montenegro-Castellanos';
    await dialog.getByRole('textbox').fill(`${long}, maria.long@vip.demo, VIP members`);
    await dialog.getByRole('button', { name: 'Check the list' }).click();
    await dialog.getByText('0 with errors').waitFor();
    await screenshot(paul, 'cv-demo-20-add-stakeholders-desktop');
    await dialog.getByRole('button', { name: 'Add 1 stakeholder' }).click();
    await dialog
      .getByRole('status')
      .getByText(/Added 1 stakeholder/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await paul.getByLabel('Show').selectOption({ label: 'Everyone' });
    await paul.getByRole('searchbox', { name: 'Find a person' }).fill('konstantinopoulou');
    const row = members.getByRole('row', { name: /Konstantinopoulou/ });
    await row.waitFor();
    await paul.getByText('214 people · 208 stakeholders').waitFor();
    const fits = await members.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0) + 1);
    expect(fits).toBe(true);
    await screenshot(paul, 'cv-demo-20b-settings-long-name-desktop');
  });

  it('Sam signs in with a password and is kept to the customer pages', async () => {
    const ctx = await newContext(browser, { viewport: PHONE });
    const sam = await ctx.newPage();
    current = sam;
    await sam.goto(`${app.url}/`);
    await sam.getByLabel('Email').fill('sam@tandem.demo');
    await sam.getByLabel('Password').fill(DEMO_PASSWORD);
    await sam.getByRole('button', { name: /Sign in/ }).click();
    await sam.waitForURL('**/p/VIP/portal');
    await sam.getByRole('heading', { level: 1, name: 'VIP Meetings' }).waitFor();
    await screenshot(sam, 'cv-demo-21-sam-portal-phone');
    // Nothing asked yet: the empty state says so and points to asking and +1.
    const yours = sam.getByRole('region', { name: 'Your requests' });
    await yours.getByText('You have not asked for anything yet.').waitFor();
    await yours.getByRole('link', { name: 'See what others asked, and +1' }).waitFor();
    await shotAt(sam, yours, 'cv-demo-21b-sam-no-requests-phone');
    await sam.evaluate(() => document.querySelector('.main')?.scrollTo(0, 0));
    await sam.getByRole('button', { name: 'Open navigation' }).click();
    const nav = sam.getByRole('list', { name: 'Product' });
    await nav.getByRole('link', { name: 'Portal' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Portal',
      'Requests',
      'Reviews',
      'Votes',
      // The working agreements the PO shares with them (none shared: the page says so).
      'Agreements',
    ]);
    expect(await sam.getByRole('link', { name: 'Backlog' }).count()).toBe(0);
    for (const box of await nav
      .getByRole('link')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))
      expect(box).toBeGreaterThanOrEqual(44);
    const toggle = await sam
      .getByRole('button', { name: /Open navigation|Close navigation/ })
      .first()
      .boundingBox();
    expect(toggle!.height).toBeGreaterThanOrEqual(44);
    expect(await sam.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await screenshot(sam, 'cv-demo-22-sam-nav-phone');
    // The backlog typed by hand sends a customer to the portal.
    await sam.goto(`${app.url}/p/VIP/backlog`);
    await sam.waitForURL('**/p/VIP/portal');
    await sam.goto(`${app.url}/p/VIP/settings`);
    await sam.waitForURL('**/p/VIP/portal');
    await sam.getByRole('heading', { level: 1, name: 'VIP Meetings' }).waitFor();
  });
});
