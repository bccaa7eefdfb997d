import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpCatcher, startSmtpCatcher } from '#testing/smtp-catcher.ts';
import { seriousA11yViolations } from './axe.ts';
import { apiOk, type E2EApp, launchBrowser, newContext, PHONE, screenshot, startApp } from './harness.ts';

/**
 * The admin's two lists of what failed: Admin → Failed reactions and Admin → Mail. The mail fails
 * for real (the SMTP server in the test refuses the admin's mailbox with 550); the failed
 * reaction is arranged in graphile-worker's table (a job out of attempts with its error), since
 * no reaction fails on demand.
 */
const ADMIN = { name: 'Olive Owner', email: 'olive@club.test', password: 'olive-password-1' };
let app: E2EApp;
let browser: Browser;
let smtp: SmtpCatcher;
let admin: BrowserContext;
let page: Page | undefined;

beforeAll(async () => {
  smtp = await startSmtpCatcher({
    refuse: (to) => (to === ADMIN.email ? { code: 550, message: 'No such mailbox here' } : null),
  });
  browser = await launchBrowser();
  app = await startApp({ TANDEM_SMTP_URL: smtp.url, TANDEM_MAIL_FROM: 'Tandem <tandem@example.test>' });
  admin = await newContext(browser);
  const setup = await admin.request.post(`${app.url}/api/v1/setup`, {
    data: { ...ADMIN, workspaceName: 'Harbour Club' },
  });
  expect(setup.status()).toBe(201);
  await apiOk(admin, app, 'POST', '/api/v1/admin/mail/test', {});
  const db = new pg.Client({ connectionString: app.running.databaseUrl });
  await db.connect();
  try {
    const [event] = (await db.query<{ id: string }>('select max(id)::text as id from events')).rows;
    const job = await db.query<{ id: string }>(
      `select id::text from graphile_worker.add_job('mention-notices', json_build_object('eventId', $1::bigint),
         run_at => now() + interval '1 day', max_attempts => 3, job_key => 'mention-notices:' || $1)`,
      [event!.id],
    );
    await db.query(
      `update graphile_worker._private_jobs
          set attempts = max_attempts, last_error = $2, updated_at = now() - interval '3 minutes'
        where id = $1::bigint`,
      [job.rows[0]!.id, 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect'],
    );
  } finally {
    await db.end();
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

async function expectNoSeriousA11y(p: Page, screen: string) {
  const found = await seriousA11yViolations(p);
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

describe('admin lists of failures', () => {
  it('lists the failed reaction with its first error line and a Retry', async () => {
    page = await admin.newPage();
    await page.goto(`${app.url}/admin/jobs`);
    const table = page.getByRole('table', { name: 'Failed reactions' });
    const row = table.getByRole('row').filter({ hasText: 'Tell the people mentioned in a comment' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Error: connect ECONNREFUSED 127.0.0.1:5432');
    expect(await row.textContent()).not.toContain('afterConnect');
    await row.getByRole('button', { name: 'Retry: Tell the people mentioned in a comment' }).waitFor();
    await expectNoSeriousA11y(page, 'failed reactions');
    await screenshot(page, 'admin-jobs-light-desktop');
  });

  it('lists the refused mail with its reason and a Send again', async () => {
    page = await admin.newPage();
    await page.goto(`${app.url}/admin/mail`);
    const table = page.getByRole('table', { name: 'Failed mails' });
    await expect
      .poll(
        async () => {
          await page!.reload();
          return table.getByRole('row').filter({ hasText: ADMIN.email }).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const row = table.getByRole('row').filter({ hasText: ADMIN.email });
    expect(await row.textContent()).toMatch(/550/);
    await row.getByRole('button', { name: new RegExp(`^Send again: .* to ${ADMIN.email}$`) }).waitFor();
    await expectNoSeriousA11y(page, 'mail');
    await screenshot(page, 'admin-mail-light-desktop');
  });

  it('keeps both lists readable on a phone (tries and last try hidden)', async () => {
    const phone = await newContext(browser, { viewport: PHONE });
    await phone.addCookies(await admin.cookies());
    page = await phone.newPage();
    for (const [path, name, shot] of [
      ['/admin/jobs', 'Failed reactions', 'admin-jobs-light-phone'],
      ['/admin/mail', 'Failed mails', 'admin-mail-light-phone'],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      const table = page.getByRole('table', { name });
      await table.getByRole('row').nth(1).waitFor();
      expect(await table.getByRole('columnheader', { name: 'Last try' }).isVisible()).toBe(false);
      await screenshot(page, shot);
    }
    await phone.close();
  });
});
