import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '#testing/webhook-receiver.ts';
import { expectNoSeriousA11y } from './axe.ts';
import {
  apiOk,
  type E2EApp,
  launchBrowser,
  newContext,
  SCREENSHOTS,
  screenshotFailedSteps,
  startApp,
} from './harness.ts';

/**
 * Webhooks in the product settings (issue 12): the PO adds an endpoint with its events, copies
 * the secret shown once, a real receiver verifies what arrives with `standardwebhooks`, and the
 * delivery log shows it sent; a test event and a re-send go out from the same screen.
 */
let app: E2EApp;
let browser: Browser;
let po: BrowserContext;
let page: Page | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let productId = '';
screenshotFailedSteps(() => page, 'webhooks');

beforeAll(async () => {
  receiver = await startReceiver();
  browser = await launchBrowser();
  app = await startApp({ TANDEM_WEBHOOK_ALLOW_PRIVATE: 'on' });
  po = await newContext(browser);
  await apiOk(po, app, 'POST', '/api/v1/setup', {
    name: 'Olive Owner',
    email: 'olive@club.test',
    password: 'webhooks-e2e-pw-1',
    workspaceName: 'Harbour Club',
  });
  productId = (
    await apiOk<{ id: string }>(po, app, 'POST', '/api/v1/products', { name: 'VIP Meetings', key: 'VIP' })
  ).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await receiver?.close();
});

const shot = (name: string) =>
  page!
    .locator('section[aria-labelledby="webhooks-h"]')
    .screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

describe('webhooks', () => {
  it('adds an endpoint, shows its secret once, and logs a verified delivery', async () => {
    page = await po.newPage();
    await page.goto(`${app.url}/p/VIP/settings`);
    const section = page.locator('section[aria-labelledby="webhooks-h"]');
    await expect.poll(() => section.getByText('No webhooks yet').isVisible()).toBe(true);
    await section.getByLabel('Endpoint URL').fill(receiver.url('/tandem'));
    await section.getByLabel('Description').fill('Club intranet');
    await section.getByLabel('release.shipped').check();
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await section.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    receiver.trust('/tandem', secret);
    await shot('webhooks-secret-once');

    await apiOk(po, app, 'POST', `/api/v1/products/${productId}/items`, {
      type: 'story',
      title: 'Export the guest list',
      problem: 'The secretariat retypes it',
    });
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    expect(receiver.received[0]!.error).toBeNull();
    expect((receiver.received[0]!.verified as { type: string }).type).toBe('item.created');

    await section.getByRole('button', { name: 'I have saved it' }).click();
    await expect.poll(() => section.getByTestId('webhook-secret').count()).toBe(0);
    await section.getByRole('button', { name: 'Deliveries' }).click();
    const log = section.getByRole('table');
    await expect.poll(() => log.getByText('Sent').count()).toBe(1);
    await expect.poll(() => log.getByText('item.created').count()).toBe(1);
  });

  it('sends a test event and re-sends a failed delivery from the log', async () => {
    const section = page!.locator('section[aria-labelledby="webhooks-h"]');
    receiver.answerWith(() => ({ status: 410 }));
    await section.getByRole('button', { name: 'Send test event' }).click();
    const log = section.getByRole('table');
    await expect.poll(() => log.getByText('Failed').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => log.getByText('HTTP 410').count()).toBe(1);
    await shot('webhooks-delivery-log');
    await expectNoSeriousA11y(page!, 'webhooks settings');

    receiver.answerWith(() => ({ status: 200 }));
    await log.getByRole('button', { name: 'Re-send the webhook.test delivery' }).click();
    await expect.poll(() => log.getByText('Sent').count(), { timeout: 10_000 }).toBe(2);
    const tests = receiver.received.filter(
      (r) => (r.verified as { type?: string } | null)?.type === 'webhook.test',
    );
    expect(tests).toHaveLength(2);
    expect(tests[0]!.id).toBe(tests[1]!.id);

    await section.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => section.getByText('Off', { exact: true }).count()).toBe(1);
    await shot('webhooks-off');
  });
});
