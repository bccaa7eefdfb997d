import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2EApp, launchBrowser, newContext, screenshot, startApp } from './harness.ts';

/**
 * The Content-Security-Policy in a real browser: the web app and the API docs load and work
 * with no CSP violation (no inline script is left to block), and the theme bootstrap, now a
 * file, still applies a saved theme before the first paint.
 */
let app: E2EApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Collects CSP violations as the page reports them (console) and as events. */
async function watch(page: Page) {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|evaluate)/i.test(msg.text()))
      violations.push(msg.text());
  });
  page.on('pageerror', (err) => violations.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      );
    });
  });
  return violations;
}

describe('Content-Security-Policy in chromium', () => {
  it('renders the API docs with no violation', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const violations = await watch(page);
    const res = await page.goto(`${app.url}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Scalar renders the document's operations from /api/openapi.json.
    await page.getByText('Tandem API').first().waitFor();
    await page
      .getByText(/Create an item|Sign in/i)
      .first()
      .waitFor();
    await screenshot(page, 'api-docs-csp');
    expect(violations).toEqual([]);
    await ctx.close();
  });

  it('loads the web app with no violation and applies a saved theme from the bootstrap file', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const violations = await watch(page);
    await page.goto(app.url);
    await page.evaluate(() => localStorage.setItem('tandem.theme', 'dark'));
    await page.reload();
    await page.locator('#root *').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
    expect(violations).toEqual([]);
    await ctx.close();
  });
});
