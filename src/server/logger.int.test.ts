import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '#capabilities/index.ts';
import { buildServer } from '#http/server.ts';
import { createTestApp, TEST_PASSWORD } from '#testing/harness.ts';
import { REDACT_PATHS } from './logger.ts';

describe('structured logs', () => {
  it('put a request id on every request line and never log passwords, tokens or cookies', async () => {
    const t = await createTestApp();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pino({ level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    const app = await buildServer({ services: t.services, routes: allRoutes, logger });
    const user = await t.user('Logan Log');
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://localhost', host: 'localhost' },
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const token = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: { origin: 'http://localhost', host: 'localhost', cookie },
        payload: { name: 'log test' },
      })
    ).json().token as string;
    await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    await app.close();
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.req || l.res);
    expect(requestLines.length).toBeGreaterThanOrEqual(6);
    for (const l of requestLines) expect(l.reqId).toMatch(/[0-9a-f-]{36}/);
    const all = lines.join('\n');
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain(token);
    expect(all).not.toContain(cookie.split('=')[1]);
  });
});
