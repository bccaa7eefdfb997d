import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import {
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  screenshotFailedSteps,
  startApp,
} from './harness.ts';
import { buildWorld, day, type World } from './sprints-fixtures.ts';

/**
 * A review with customers: the PO opens it for a sprint with accepted items, invites the VIP
 * segment, a stakeholder on a phone answers through their personal link (happy on one increment,
 * sad with a comment on the other), the PO sees the results arrive without reloading, closes the
 * review, and the summary puts the sad one first.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let olive: Page;
let phoneCtx: BrowserContext;
let phone: Page;
let link = '';
let badges: { id: string; key: string };
let parking: { id: string; key: string };
let reviewUrl = '';

screenshotFailedSteps(() => phone ?? olive, 'reviews');

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'VIP');
  // Stan is a VIP member (member segments are set here directly; their API is another part).
  const db = new pg.Client(app.running.databaseUrl);
  await db.connect();
  const seg = await db.query<{ id: string }>('select id from segments where product_id = $1', [w.productId]);
  await db.query('insert into member_segments (product_id, user_id, segment_id) values ($1, $2, $3)', [
    w.productId,
    w.ids.stan,
    seg.rows[0]!.id,
  ]);
  await db.end();
  badges = await w.item('Print guest badges at the door', 3);
  parking = await w.item('Reserve parking for VIP guests', 2);
  const sprint = (
    await w.api('tom', 'POST', `/api/v1/products/${w.productId}/sprints`, {
      name: 'Sprint 12',
      goal: 'Guests check in fast',
      startDate: day(-7),
      endDate: day(4),
      capacity: null,
    })
  ).body as { id: string };
  for (const it of [badges, parking])
    expect((await w.api('tom', 'POST', `/api/v1/sprints/${sprint.id}/items/${it.id}`, {})).status).toBe(200);
  expect(
    (await w.api('tom', 'POST', `/api/v1/sprints/${sprint.id}/start`, { confirmOverForecast: true })).status,
  ).toBe(200);
  const dod = (await w.api('tom', 'GET', `/api/v1/products/${w.productId}/definition-of-done`)).body as {
    checklist: string[];
  };
  for (const it of [badges, parking]) {
    const done = await w.api('tom', 'POST', `/api/v1/sprints/${sprint.id}/items/${it.id}/done`, {
      checked: dod.checklist,
    });
    expect(done.status).toBe(200);
    expect(
      (await w.api('olive', 'POST', `/api/v1/sprints/${sprint.id}/items/${it.id}/accept`, {})).status,
    ).toBe(200);
  }
  olive = await w.ctx.olive.newPage();
  olive.setDefaultTimeout(8000);
  olive.on('dialog', (d) => void d.accept());
  await olive.goto(`${app.url}/p/${w.key}/sprints/${sprint.id}`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a review with customers, end to end', () => {
  it('the PO opens the review from the sprint and writes what changed for customers', async () => {
    await olive.getByRole('button', { name: 'Review with customers' }).click();
    await olive.getByRole('heading', { level: 1, name: /Review of Sprint 12/ }).waitFor();
    reviewUrl = olive.url();
    const line = olive.getByLabel(`What changed for you: ${badges.key}`);
    await line.fill('Your badge is printed when you arrive: no queue at the desk');
    await line.press('Enter');
    await olive.getByRole('status').getByText('Saved').first().waitFor();
  });

  it('invites the VIP segment and shows one personal link per person, and the room QR code', async () => {
    await olive.getByRole('checkbox', { name: 'VIP members' }).check();
    await olive.getByRole('button', { name: 'Invite selected' }).click();
    const input = olive.getByLabel('Link for Stan Stakeholder');
    await input.waitFor();
    link = await input.inputValue();
    expect(link).toMatch(/\/feedback\/fb_[A-Za-z0-9_-]{43}$/);
    await olive.getByRole('img', { name: /QR code of the review room link/ }).waitFor();
    await expectNoSeriousA11y(olive, 'review page (PO)');
    await screenshot(olive, 'reviews-po-open-light-desktop');
  });

  it('a stakeholder on a phone opens the link without signing in and answers, saved as they go', async () => {
    phoneCtx = await newContext(browser, { viewport: PHONE });
    phone = await phoneCtx.newPage();
    phone.setDefaultTimeout(8000);
    await phone.goto(link);
    await phone.getByRole('heading', { level: 1, name: 'Hi Stan, what do you think?' }).waitFor();
    await phone.getByText('Your badge is printed when you arrive').waitFor();
    await expectNoSeriousA11y(phone, 'feedback page (phone)');
    await screenshot(phone, 'reviews-feedback-phone-before');
    // Big targets: each face at least 56 px.
    const face = await phone
      .getByRole('button', { name: `Happy about ${'Print guest badges at the door'}` })
      .boundingBox();
    expect(face!.height).toBeGreaterThanOrEqual(56);
    expect(face!.width).toBeGreaterThanOrEqual(56);

    const first = phone.getByRole('region', { name: 'Print guest badges at the door' });
    await first.getByRole('button', { name: 'Happy about Print guest badges at the door' }).click();
    await first.getByText('✓ Saved').waitFor();
    const second = phone.getByRole('region', { name: 'Reserve parking for VIP guests' });
    await second.getByRole('button', { name: 'Sad about Reserve parking for VIP guests' }).click();
    await second.getByRole('button', { name: 'Worth 2 of 5' }).click();
    await second.getByLabel('A comment (optional)').fill('The parking is too far from the entrance');
    await second.getByLabel('A comment (optional)').blur();
    await phone.getByText('2 of 2 answered').waitFor();
    await second.getByText('✓ Saved').waitFor();
    await phone.waitForTimeout(300);
    await screenshot(phone, 'reviews-feedback-phone-answered');

    // It survives a reload.
    await phone.reload();
    const again = phone.getByRole('region', { name: 'Reserve parking for VIP guests' });
    await again.getByRole('button', { name: 'Sad about Reserve parking for VIP guests' }).waitFor();
    expect(
      await again
        .getByRole('button', { name: 'Sad about Reserve parking for VIP guests' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await again.getByLabel('A comment (optional)').inputValue()).toBe(
      'The parking is too far from the entrance',
    );
  });

  it('the PO sees the results arrive live, without reloading', async () => {
    const live = olive.getByRole('region', { name: 'Live results' });
    const parkingCard = live.getByRole('article', { name: new RegExp(parking.key) });
    await parkingCard.getByText('The parking is too far from the entrance').waitFor();
    await parkingCard.getByText('1 answer').waitFor();
    await parkingCard.getByRole('img', { name: /overall: 0 happy, 0 neutral, 1 sad/ }).waitFor();
    await live
      .getByRole('article', { name: new RegExp(badges.key) })
      .getByRole('img', { name: /overall: 1 happy/ })
      .waitFor();
    expect(olive.url()).toBe(reviewUrl);
    await olive.getByText('1 of 1 invited answered').waitFor();
    await screenshot(olive, 'reviews-po-live-results');
  });

  it('signed in, the same stakeholder finds the same cards on the review page (the room QR link)', async () => {
    const stan = await w.ctx.stan.newPage();
    await stan.goto(reviewUrl);
    await stan.getByRole('heading', { level: 1, name: 'Hi Stan, what do you think?' }).waitFor();
    await stan.getByText('2 of 2 answered').waitFor();
    const card = stan.getByRole('region', { name: 'Reserve parking for VIP guests' });
    expect(
      await card
        .getByRole('button', { name: 'Sad about Reserve parking for VIP guests' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    // No results, no other people's answers, for a stakeholder.
    expect(await stan.getByRole('region', { name: 'Live results' }).count()).toBe(0);
    await screenshot(stan, 'reviews-stakeholder-signed-in');
    await stan.close();
  });

  it('closing freezes it; the summary shows the sad increment first, with its comment', async () => {
    await olive.getByRole('button', { name: 'Close review' }).click();
    const summary = olive.getByRole('region', { name: /Summary for the team/ });
    await summary.waitFor();
    const cards = summary.getByTestId('increment-result');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    expect(await cards.first().getAttribute('aria-label')).toContain(parking.key);
    await cards.first().getByText('The parking is too far from the entrance').waitFor();
    await screenshot(olive, 'reviews-po-summary-sad-first');

    // The link no longer takes answers.
    await phone.reload();
    await phone.getByText('This review has closed. Thank you for taking part.').waitFor();
    await screenshot(phone, 'reviews-feedback-phone-closed');
  });

  it('the Reviews page lists it with the feedback trend, its numbers on hover', async () => {
    await olive.goto(`${app.url}/p/${w.key}/reviews`);
    await olive.getByRole('heading', { level: 1, name: 'Reviews with customers' }).waitFor();
    const bar = olive.getByRole('img', {
      name: /Sprint 12, All answers: 50% happy, 0% neutral, 50% sad, 2 answers/,
    });
    await bar.hover();
    await olive
      .locator('.chart-tip')
      .getByText(/2 answers/)
      .waitFor();
    await expectNoSeriousA11y(olive, 'reviews page');
    await screenshot(olive, 'reviews-list-trend');
  });

  it('the item keeps what customers said about it', async () => {
    await olive.goto(`${app.url}/p/${w.key}/backlog?item=${parking.id}`);
    const section = olive.getByRole('region', { name: 'Customer feedback' });
    await section.getByText('The parking is too far from the entrance').waitFor();
    await section.getByText(/Sprint 12 review · 1 answer/).waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(olive, 'reviews-item-feedback');
  });
});
