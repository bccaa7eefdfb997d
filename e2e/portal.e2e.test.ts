import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11y } from './axe.ts';
import {
  type E2EApp,
  launchBrowser,
  SCREENSHOTS,
  screenshot,
  screenshotFailedSteps,
  startApp,
} from './harness.ts';
import { buildWorld, day, type World } from './sprints-fixtures.ts';

/**
 * Customer voice, requests and portal: Stan (a stakeholder, on a phone) asks for something, sees it
 * on his portal and +1s a published request; Olive (the PO, on a desktop) triages — link, create,
 * decline with a reason; Stan sees every status change.
 */
let app: E2EApp;
let browser: Browser;
let w: World;
let stan: Page;
let olive: Page;
let digest: { id: string; key: string };

/** A part of the page below the fold, as the person sees it after scrolling to it. */
async function shotOf(l: Locator, name: string) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await l.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

const ok = async (p: Promise<{ status: number; body: unknown }>) => {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body as { id: string; version: number };
};

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  w = await buildWorld(browser, app, 'NOTIF', { phone: ['stan'] });
  digest = await w.item('Send a daily digest instead of single emails', 3, 'ready');
  const it = (await w.api('olive', 'GET', `/api/v1/items/${digest.id}`)).body as { version: number };
  const res = await w.ctx.olive.request.fetch(`${app.url}/api/v1/items/${digest.id}`, {
    method: 'PATCH',
    headers: { origin: app.url, 'if-match': String(it.version) },
    data: { published: true },
  });
  expect(res.status(), await res.text()).toBe(200);
  await w.item('Internal queue refactoring', 5, 'ready');
  // Delivered last sprint and published: "What's new for you".
  const unsub = await w.item('Unsubscribe from reminders in one tap', 2, 'ready');
  const u = (await w.api('olive', 'GET', `/api/v1/items/${unsub.id}`)).body as { version: number };
  const up = await w.ctx.olive.request.fetch(`${app.url}/api/v1/items/${unsub.id}`, {
    method: 'PATCH',
    headers: { origin: app.url, 'if-match': String(u.version) },
    data: { published: true },
  });
  expect(up.status(), await up.text()).toBe(200);
  const sprint = await ok(
    w.api('tom', 'POST', `/api/v1/products/${w.productId}/sprints`, {
      name: 'Sprint 1',
      goal: 'Fewer reminders',
      startDate: day(-12),
      endDate: day(-1),
      capacity: null,
    }),
  );
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${sprint.id}/items/${unsub.id}`, {}));
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${sprint.id}/start`, { confirmOverForecast: true }));
  const dod = (
    (await w.api('tom', 'GET', `/api/v1/products/${w.productId}/definition-of-done`)).body as {
      checklist: string[];
    }
  ).checklist;
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${sprint.id}/items/${unsub.id}/done`, { checked: dod }));
  await ok(w.api('olive', 'POST', `/api/v1/sprints/${sprint.id}/items/${unsub.id}/accept`, {}));
  await ok(w.api('tom', 'POST', `/api/v1/sprints/${sprint.id}/close`, { unfinished: 'backlog' }));
  // Tess (team) asked for quiet hours; the PO shared it with the stakeholders.
  const quiet = await ok(
    w.api('tess', 'POST', `/api/v1/products/${w.productId}/requests`, {
      title: 'Quiet hours at night',
      problem: 'Members get woken up by reminders at 3 am.',
    }),
  );
  const pub = await w.ctx.olive.request.fetch(`${app.url}/api/v1/requests/${quiet.id}`, {
    method: 'PATCH',
    headers: { origin: app.url, 'if-match': String(quiet.version) },
    data: { published: true },
  });
  expect(pub.status()).toBe(200);
  // Two more of Stan's, asked earlier.
  for (const title of ['Export my guest list to Excel', 'Gold-printed invitations'])
    await ok(
      w.api('stan', 'POST', `/api/v1/products/${w.productId}/requests`, {
        title,
        problem: `I need ${title.toLowerCase()} for my events.`,
      }),
    );
  stan = await w.ctx.stan.newPage();
  olive = await w.ctx.olive.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

screenshotFailedSteps(() => stan, 'portal-failed-stan');

describe('requests and the portal', () => {
  it('a stakeholder on a phone asks for something and sees it on the portal; nothing typed is lost', async () => {
    await stan.goto(`${app.url}/p/${w.key}/portal`);
    await stan.getByRole('heading', { level: 1, name: 'Notification Service' }).waitFor();
    await stan
      .getByRole('region', { name: 'What’s new for you' })
      .getByText('Unsubscribe from reminders in one tap', { exact: true })
      .waitFor();
    const next = stan.getByRole('region', { name: 'Coming next' });
    await next.getByText('Send a daily digest instead of single emails', { exact: true }).waitFor();
    // Only what the PO published.
    expect(await stan.getByText('Internal queue refactoring').count()).toBe(0);
    await screenshot(stan, 'portal-stakeholder-phone');
    await expectNoSeriousA11y(stan, 'portal');

    const form = stan.getByRole('form', { name: 'Ask for something' });
    await form.scrollIntoViewIfNeeded();
    const problem = 'I print the agenda for every meeting by hand, it takes an hour.';
    await form.getByLabel('What is hard for you, and why?').fill(problem);
    await form.getByRole('button', { name: 'Send my request' }).click();
    await form.getByText('Give your request a title').waitFor();
    expect(await form.getByLabel('What is hard for you, and why?').inputValue()).toBe(problem);
    await shotOf(form, 'portal-ask-error-phone');
    // Big targets on a phone.
    const box = await form.getByRole('button', { name: 'Send my request' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await form.getByLabel('What do you need?').fill('Agenda on my phone');
    await form.getByRole('button', { name: 'Send my request' }).click();
    const yours = stan.getByRole('region', { name: 'Your requests' });
    await yours.getByText('Agenda on my phone').waitFor();
    await yours.getByText('Waiting for the Product Owner').first().waitFor();
    await shotOf(yours, 'portal-your-requests-phone');
  });

  it('the stakeholder +1s a published request, once', async () => {
    await stan.goto(`${app.url}/p/${w.key}/requests`);
    const card = stan.locator('[data-request="Quiet hours at night"]');
    await card.getByRole('button', { name: /\+1 me too/ }).click();
    await card.getByRole('button', { name: /You \+1ed · 2 asked for “Quiet hours at night”/ }).waitFor();
    expect(await card.getByRole('button', { name: /You \+1ed/ }).isDisabled()).toBe(true);
    await screenshot(stan, 'requests-plus-one-phone');
    await expectNoSeriousA11y(stan, 'requests (stakeholder)');
  });

  it('the PO triages on a desktop: link, create, decline with a reason', async () => {
    await olive.goto(`${app.url}/p/${w.key}/requests`);
    await olive.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    await olive.locator('[data-request="Quiet hours at night"]').waitFor();
    await screenshot(olive, 'requests-triage-desktop');
    await expectNoSeriousA11y(olive, 'requests (triage)');

    // Link: find the item by a word of its title.
    await olive
      .locator('[data-request="Agenda on my phone"]')
      .getByRole('button', { name: 'Link to item' })
      .click();
    const link = olive.getByRole('dialog', { name: 'Link to a backlog item' });
    await link.getByLabel('Find the item by key or title').fill('digest');
    await link.getByRole('button', { name: new RegExp(digest.key) }).waitFor();
    await screenshot(olive, 'requests-link-dialog-desktop');
    await link.getByRole('button', { name: new RegExp(digest.key) }).click();
    await link.waitFor({ state: 'detached' });

    // Create: the new item's problem is the requester's words.
    await olive
      .locator('[data-request="Export my guest list to Excel"]')
      .getByRole('button', { name: 'Create item' })
      .click();
    const create = olive.getByRole('dialog', { name: 'Create a backlog item' });
    expect(await create.getByLabel('Problem').inputValue()).toBe(
      'I need export my guest list to excel for my events.',
    );
    await create.getByRole('button', { name: 'Create item' }).click();
    await create.waitFor({ state: 'detached' });

    // Decline: the reason is required, and says so beside the field.
    await olive
      .locator('[data-request="Gold-printed invitations"]')
      .getByRole('button', { name: 'Decline' })
      .click();
    const decline = olive.getByRole('dialog', { name: 'Decline this request' });
    await decline.getByRole('button', { name: 'Decline' }).click();
    await decline.getByText('Say why it is declined: the requester reads it').waitFor();
    await screenshot(olive, 'requests-decline-reason-desktop');
    await expectNoSeriousA11y(olive, 'decline dialog');
    await decline.getByLabel('Reason').fill('Printing is out of scope: we only send digital invitations.');
    await decline.getByRole('button', { name: 'Decline' }).click();
    await decline.waitFor({ state: 'detached' });

    // Open requests are the default filter: all three left it.
    await olive.getByLabel('Status').selectOption('');
    await olive.locator('[data-request="Gold-printed invitations"]').getByText('Declined').first().waitFor();
    await screenshot(olive, 'requests-triaged-desktop');
    const created = (await w.api('olive', 'GET', `/api/v1/products/${w.productId}/requests`)).body as {
      requests: Array<{ title: string; itemId: string | null }>;
    };
    const excel = created.requests.find((r) => r.title === 'Export my guest list to Excel')!;
    const item = (await w.api('olive', 'GET', `/api/v1/items/${excel.itemId}`)).body as { problem: string };
    expect(item.problem).toBe('I need export my guest list to excel for my events.');
  });

  it('the PO sees who asked in the item panel, and the published toggle', async () => {
    await olive.goto(`${app.url}/p/${w.key}/backlog?item=${digest.id}`);
    const panel = olive.getByRole('complementary', { name: 'Item details' });
    await panel.getByText(/Asked by 1 person/).waitFor();
    expect(await panel.getByLabel(/Published to stakeholders/).isChecked()).toBe(true);
    await panel.getByText(/Asked by 1 person/).scrollIntoViewIfNeeded();
    await screenshot(olive, 'item-panel-asked-by-desktop');
  });

  it('the stakeholder sees every status change on the portal', async () => {
    await stan.goto(`${app.url}/p/${w.key}/portal`);
    const yours = stan.getByRole('region', { name: 'Your requests' });
    await yours.getByText('Agenda on my phone').waitFor();
    await yours.getByText('Why: Printing is out of scope: we only send digital invitations.').waitFor();
    expect(await yours.getByText('Planned').count()).toBe(2);
    expect(await yours.getByText('Declined', { exact: true }).count()).toBe(1);
    await shotOf(yours, 'portal-status-changes-phone');
  });
});
