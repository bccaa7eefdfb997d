import { expect } from 'vitest';
import type { TestApp } from './harness.ts';

/**
 * A browser's single sign-on journey as HTTP, for tests against the real test provider
 * (oidc-provider): start at Tandem, sign in at the provider, come back with the code.
 */
export const SSO_CALLBACK = 'http://localhost/api/v1/auth/oidc/callback';

/** Starts a sign-in at Tandem: the provider URL and this browser's state cookie. */
export async function startSignIn(app: TestApp, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  const r = await app.app.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/login${search ? `?${search}` : ''}`,
    headers: { host: 'localhost' },
  });
  expect(r.statusCode, r.body).toBe(302);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  expect(cookie).toMatch(/^tandem_oidc_state=/);
  return { url: String(r.headers.location), cookie, state: cookie.split('=')[1]! };
}

/** What a browser does at the provider: follow redirects, post the sign-in form, until sent back. */
export async function atProvider(url: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  let next: { url: string; init?: RequestInit } = { url };
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(next.url, {
      ...next.init,
      redirect: 'manual',
      headers: { ...(next.init?.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      jar.set(k!, v ?? '');
    }
    const location = res.headers.get('location');
    if (location?.startsWith(SSO_CALLBACK)) return location;
    if (location) next = { url: new URL(location, next.url).href };
    else if (/\/interaction\//.test(next.url) && res.status === 200)
      next = {
        url: next.url,
        init: {
          method: 'POST',
          body: new URLSearchParams({ login: email }),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      };
    else throw new Error(`the provider stopped at ${next.url}: ${res.status} ${await res.text()}`);
  }
  throw new Error('too many redirects at the provider');
}

/** The browser arriving back at Tandem's callback with its state cookie. */
export const backAtTandem = (app: TestApp, callbackUrl: string, cookie: string) => {
  const u = new URL(callbackUrl);
  return app.app.inject({
    method: 'GET',
    url: `${u.pathname}${u.search}`,
    headers: { host: 'localhost', cookie },
  });
};

export const sessionOf = (r: { headers: Record<string, unknown> }) =>
  [r.headers['set-cookie']]
    .flat()
    .map(String)
    .find((c) => c.startsWith('tandem_session='))
    ?.split(';')[0];

/** Whose session this cookie is (their email), or null. */
export async function whoIs(app: TestApp, session: string | undefined) {
  const r = await app.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session ?? '' } });
  return r.statusCode === 200 ? (r.json().user.email as string) : null;
}

/** The whole journey, returning Tandem's answer to the callback. */
export async function ssoSignIn(app: TestApp, email: string, query: Record<string, string> = {}) {
  const s = await startSignIn(app, query);
  const callbackUrl = await atProvider(s.url, email);
  return { res: await backAtTandem(app, callbackUrl, s.cookie), callbackUrl, ...s };
}
