import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '#app/services.ts';
import { createLogger } from '#server/logger.ts';
import { buildServer } from './server.ts';

/**
 * Security headers, the docs page under the CSP, and caching of the web build. These requests
 * touch no service (no session, no database), so the server runs without any.
 */
let webDir: string;
let app: FastifyInstance;
let httpsApp: FastifyInstance;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(webDir, 'theme-init.js'), '// theme');
  await writeFile(path.join(webDir, 'assets', 'main-Ab12Cd34.js'), 'console.log(1)');
  const services = {} as Services;
  const logger = createLogger('silent');
  app = await buildServer({ services, routes: [], logger, webDir, baseUrl: 'http://tandem.lan:3000' });
  httpsApp = await buildServer({
    services,
    routes: [],
    logger,
    webDir,
    baseUrl: 'https://tandem.example.com',
  });
});
afterAll(async () => {
  await app.close();
  await httpsApp.close();
  await rm(webDir, { recursive: true, force: true });
});

const csp = (h: Record<string, unknown>) =>
  Object.fromEntries(
    String(h['content-security-policy'])
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );

describe('security headers', () => {
  it('sends a CSP without inline script, no framing, nosniff and a Referrer-Policy, on pages and the API', async () => {
    for (const url of ['/', '/products/x/backlog', '/api/openapi.json', '/api/v1/nothing']) {
      const res = await app.inject({ method: 'GET', url });
      const policy = csp(res.headers);
      expect(policy['script-src'], url).toEqual(["'self'"]);
      expect(policy['frame-ancestors'], url).toEqual(["'none'"]);
      expect(policy['object-src'], url).toEqual(["'none'"]);
      expect(policy['default-src'], url).toEqual(["'self'"]);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(policy['upgrade-insecure-requests'], url).toBeUndefined();
    }
  });

  it('sends HSTS only when served over https', async () => {
    const res = await httpsApp.inject({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(csp(res.headers)).toHaveProperty('upgrade-insecure-requests');
  });
});

describe('the API docs under the CSP', () => {
  it('are a page with no inline script whose scripts all load', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attrs, body] of scripts) {
      // A JSON data block is not script: the browser never runs it.
      if (/type="application\/json"/.test(attrs!)) continue;
      expect(body!.trim(), 'inline script').toBe('');
      const src = /src="([^"]+)"/.exec(attrs!)?.[1];
      expect(src).toMatch(/^\/api\/docs\//);
      const js = await app.inject({ method: 'GET', url: src! });
      expect(js.statusCode, src).toBe(200);
      expect(js.headers['content-type'], src).toMatch(/javascript/);
      expect(js.body.length, src).toBeGreaterThan(50);
    }
    expect(res.body).toContain('/api/openapi.json');
    expect((await app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });
});

describe('caching of the web build', () => {
  it('revalidates the HTML shell every time: index.html and SPA fallbacks are no-cache', async () => {
    for (const url of ['/', '/index.html', '/products/x/backlog', '/theme-init.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year, immutable', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/main-Ab12Cd34.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
