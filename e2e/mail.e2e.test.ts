import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaughtMail, type SmtpCatcher, startSmtpCatcher } from '#testing/smtp-catcher.ts';
import { seriousA11yViolations } from './axe.ts';
import {
  type E2EApp,
  launchBrowser,
  newContext,
  PHONE,
  SCREENSHOTS,
  screenshot,
  startApp,
} from './harness.ts';
import { buildWorld, type World } from './sprints-fixtures.ts';

/**
 * The mails as people get them (issue 12): Tandem with TANDEM_SMTP_URL pointing at a real SMTP
 * server in the test. The PO accepts an item Stan asked for ("it shipped"), then invites him to
 * the review (his personal link); each mail's HTML part, as received, is rendered in chromium
 * and kept as a screenshot for the README.
 */
let app: E2EApp;
let browser: Browser;
let smtp: SmtpCatcher;
let w: World;
let db: pg.Client;
let item: { id: string; key: string };
let reviewId: string;

const ok = async (p: Promise<{ status: number; body: unknown }>, what: string) => {
  const r = await p;
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body as Record<string, unknown>;
};
async function mailTo(email: string, subject: RegExp): Promise<CaughtMail> {
  await expect
    .poll(() => smtp.mails.some((m) => m.to === email && subject.test(m.subject)), { timeout: 20_000 })
    .toBe(true);
  return smtp.mails.find((m) => m.to === email && subject.test(m.subject))!;
}
async function shoot(mail: CaughtMail, name: string) {
  const ctx = await newContext(browser, { viewport: { width: 720, height: 240 } });
  const page = await ctx.newPage();
  await page.setContent(mail.html, { waitUntil: 'load' });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  await ctx.close();
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  browser = await launchBrowser();
  app = await startApp({
    TANDEM_SMTP_URL: smtp.url,
    TANDEM_MAIL_FROM: 'Tandem <tandem@example.test>',
  });
  w = await buildWorld(browser, app, 'VIP');
  db = new pg.Client({ connectionString: app.running.databaseUrl });
  await db.connect();
  item = await w.item('Export the guest list for the hotel', 3);
  await db.query(
    `insert into requests (product_id, title, problem, status, item_id, requester_id)
     values ($1, 'Guest list as a file', 'We retype the list for the hotel', 'planned', $2, $3)`,
    [w.productId, item.id, w.ids.stan],
  );
  const s = await ok(
    w.api('tom', 'POST', `/api/v1/products/${w.productId}/sprints`, {
      name: 'Sprint 9',
      startDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
      endDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      capacity: null,
    }),
    'sprint',
  );
  const sprintId = s.id as string;
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${sprintId}/items/${item.id}`, {}), 'add');
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${sprintId}/start`, { confirmOverForecast: true }), 'start');
  const dod = (await ok(w.api('tom', 'GET', `/api/v1/products/${w.productId}/definition-of-done`), 'dod'))
    .checklist as string[];
  await ok(
    w.api('tom', 'POST', `/api/v1/sprints/${sprintId}/items/${item.id}/done`, { checked: dod }),
    'done',
  );
  const review = await db.query<{ id: string }>(
    `insert into customer_reviews (product_id, sprint_id, opened_by) values ($1, $2, $3) returning id`,
    [w.productId, sprintId, w.ids.olive],
  );
  reviewId = review.rows[0]!.id;
  await db.query(
    `insert into review_increments (review_id, item_id, position, what_changed) values ($1, $2, 0, $3)`,
    [reviewId, item.id, 'Download the guest list as a CSV and send it to the hotel in one click.'],
  );
}, 180_000);

afterAll(async () => {
  await db?.end();
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

describe('mails as received', () => {
  it('“it shipped”: once, to the requester, naming the item and what changed, with a link back', async () => {
    await ok(
      w.api('olive', 'POST', `/api/v1/sprints/${await sprintOf()}/items/${item.id}/accept`, {
        comment: 'Works',
      }),
      'accept',
    );
    const mail = await mailTo('stan@example.test', /shipped/);
    expect(mail.subject).toBe(
      `[Tandem · Notification Service] What you asked for shipped: ${item.key} Export the guest list for the hotel`,
    );
    expect(mail.text).toContain('Download the guest list as a CSV');
    expect(mail.text).toContain(`See what shipped: ${app.url}/p/VIP/portal`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    await shoot(mail, 'mail-it-shipped');
  });

  it('a review invitation carries the person’s own link, which opens their feedback page', async () => {
    const res = await ok(
      w.api('olive', 'POST', `/api/v1/reviews/${reviewId}/invitations`, { userIds: [w.ids.stan] }),
      'invite',
    );
    const url = (res.invitations as Array<{ url: string }>)[0]!.url;
    const token = url.split('/feedback/')[1]!;
    const mail = await mailTo('stan@example.test', /invited to review/);
    expect(mail.subject).toBe('[Tandem · Notification Service] You are invited to review Sprint 9');
    expect(mail.text).toContain(`Give your feedback: ${app.url}/feedback/${token}`);
    await shoot(mail, 'mail-review-invitation');
    // The link in the mail is the person's: it opens their page on this server.
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${app.url}/feedback/${token}`);
    await page.getByText('Export the guest list for the hotel').first().waitFor();
    // Nothing reached anyone twice.
    const ids = smtp.mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the footer’s “Stop these mails” opens a page that asks, unsubscribes that kind, and undoes', async () => {
    const mail = await mailTo('stan@example.test', /shipped/);
    const modeOf = async () =>
      (
        (await ok(w.api('stan', 'GET', '/api/v1/me/notification-settings'), 'settings')).settings as Array<{
          kind: string;
          mode: string;
        }>
      ).find((s) => s.kind === 'shipped')?.mode;
    // Stan reads the mail on his phone, signed out, and taps the footer link in the mail itself.
    const ctx = await newContext(browser, { viewport: PHONE });
    const page = await ctx.newPage();
    await page.setContent(mail.html, { waitUntil: 'load' });
    await page.getByRole('link', { name: 'Stop these mails' }).click();
    await page.getByRole('heading', { name: 'Unsubscribe from these mails?' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/unsubscribe\//);
    await page
      .getByText('You will no longer get “Something you asked for shipped” mails from Tandem.')
      .waitFor();
    await page.getByText('for stan@example.test').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'unsubscribe-ask');
    // Opening the page changed nothing: a mail scanner following the link unsubscribes nobody.
    expect(await modeOf()).toBe('email');

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await modeOf()).toBe('in_app');
    await screenshot(page, 'unsubscribe-done');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { name: 'You are subscribed again' }).waitFor();
    expect(await modeOf()).toBe('email');
    expect(await page.getByRole('link', { name: 'All notification settings' }).getAttribute('href')).toBe(
      '/profile#notifications',
    );
    await screenshot(page, 'unsubscribe-undone');

    // A link changed by hand says so, instead of a stack.
    const tampered = `${page.url().split('/unsubscribe/')[0]}/unsubscribe/${mail.text.match(/\/unsubscribe\/([^\s]+)/)![1]!.replace('.shipped.', '.sprint.')}`;
    await page.goto(tampered);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await page
      .getByRole('alert')
      .getByText(/cut short or changed/)
      .waitFor();
    await screenshot(page, 'unsubscribe-bad-link');
    await ctx.close();
  });
});

async function sprintOf(): Promise<string> {
  const r = await db.query<{ sprint_id: string }>('select sprint_id from sprint_items where item_id = $1', [
    item.id,
  ]);
  return r.rows[0]!.sprint_id;
}
