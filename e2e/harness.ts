import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { loadConfig } from '#server/config.ts';
import { createLogger } from '#server/logger.ts';
import { type Running, startTandem, WEB_DIR } from '#server/main.ts';

export const CHROMIUM = process.env.TANDEM_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');
const PG_URL = process.env.TANDEM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface E2EApp {
  url: string;
  running: Running;
  stop(): Promise<void>;
}

/**
 * A real Tandem server on a free port with a database of its own: a new database on the
 * PostgreSQL at 127.0.0.1:5432 when it answers, else the embedded server in a temp folder.
 * The web app must be built (`npm run test:e2e` builds first); without it the test fails.
 */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<E2EApp> {
  if (!existsSync(path.join(WEB_DIR, 'index.html')))
    throw new Error(`No web build in ${WEB_DIR}: run "npm run build" (npm run test:e2e does).`);
  const base = { PORT: '0', HOST: '127.0.0.1', TANDEM_DEMO: 'off', TANDEM_LOG_LEVEL: 'warn', ...extraEnv };
  const dbName = `tandem_e2e_${randomBytes(5).toString('hex')}`;
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    env = { ...base, DATABASE_URL: u.toString() };
    cleanup = async () => {
      // graphile-worker's stop calls pgPool.end() without awaiting it, so its clients may still be
      // connected here; dropping WITH (FORCE) then kills them (57P01) and the error surfaces in
      // the test run as an uncaught exception, failing a file whose tests all passed. Give them
      // up to 5 s to leave first.
      for (let i = 0; i < 50; i++) {
        const r = await admin.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where datname = $1',
          [dbName],
        );
        if (!r.rows[0]?.n) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    };
  } catch {
    await admin.end().catch(() => undefined);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-e2e-'));
    env = { ...base, TANDEM_DATA_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  const running = await startTandem(loadConfig({ ...env, ...extraEnv }), createLogger('warn'));
  return {
    url: running.url,
    running,
    async stop() {
      await running.stop();
      await cleanup();
    },
  };
}

/** After a failed test, a screenshot of where `page` got to (`<name>-failed-step.png`). */
export function screenshotFailedSteps(page: () => Page | undefined, name: string) {
  afterEach(async (ctx) => {
    const p = page();
    if (ctx.task.result?.state === 'fail' && p)
      await screenshot(p, `${name}-failed-step`).catch(() => undefined);
  });
}

/** Debian's chromium. Missing → the test fails (never skips): browser coverage is required. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (apt-get install chromium) or set TANDEM_CHROMIUM.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function newContext(
  browser: Browser,
  opts: { theme?: 'light' | 'dark'; viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<BrowserContext> {
  const phone = opts.viewport?.width === PHONE.width;
  const ctx = await browser.newContext({
    viewport: opts.viewport ?? DESKTOP,
    colorScheme: opts.theme ?? 'light',
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'en-GB',
    timezoneId: opts.timezoneId ?? 'UTC',
  });
  // Fail a missing element in seconds, not the 30 s default, so a broken journey says so quickly.
  ctx.setDefaultTimeout(10_000);
  return ctx;
}

/** Signs a browser context in through the API (cookies land in the context's jar). */
export async function signInViaApi(ctx: BrowserContext, app: E2EApp, email: string, password: string) {
  const res = await ctx.request.post(`${app.url}/api/v1/auth/login`, {
    data: { email, password },
    headers: { origin: app.url },
  });
  if (!res.ok()) throw new Error(`sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
}

/** An API call as `ctx` that throws on any status from 300 up, naming the call and the answer. */
export async function apiOk<T>(
  ctx: BrowserContext,
  app: E2EApp,
  method: string,
  url: string,
  data?: unknown,
): Promise<T> {
  const r = await apiAs(ctx, app, method, url, data);
  if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** Calls the API as whoever is signed in to `ctx`. */
export async function apiAs(ctx: BrowserContext, app: E2EApp, method: string, url: string, data?: unknown) {
  const res = await ctx.request.fetch(`${app.url}${url}`, {
    method,
    headers: { origin: app.url },
    ...(data === undefined ? {} : { data }),
  });
  return { status: res.status(), body: (await res.json().catch(() => null)) as unknown };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Show the page from its top, as a person arriving at it would see it.
  await page.evaluate(() => document.querySelector('.main')?.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
