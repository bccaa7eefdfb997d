import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Who signs in at the test provider next: the person behind the company account. */
export interface TestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the sign-in form signs in with (the e2e test types it; HTTP tests post it). */
  accounts: Map<string, TestAccount>;
  stop(): Promise<void>;
}

const readForm = async (req: IncomingMessage) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
};

const page = (
  uid: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme ID</title>
<style>body{font:16px system-ui;background:#eef2f7;display:grid;place-items:center;height:100vh;margin:0}
form{background:#fff;padding:32px;border-radius:12px;box-shadow:0 4px 24px #0002;display:grid;gap:12px;width:320px}
h1{font-size:20px;margin:0 0 8px}input,button{font:inherit;padding:8px}button{background:#1d4ed8;color:#fff;border:0;border-radius:6px}</style>
</head><body><form method="post" action="/interaction/${uid}"><h1>Acme ID</h1>
<label>Company email <input name="login" type="email" autofocus required></label>
<button type="submit">Continue</button></form></body></html>`;

/**
 * A real OpenID Connect provider (oidc-provider) on a random local port, with one confidential
 * client for Tandem. Its sign-in page asks for a company email and signs in the account with that
 * email (no password: the provider is the test's, the flow around it is the real one: code, PKCE,
 * state, nonce, signed ID token, userinfo).
 */
export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const clientId = 'tandem-test';
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  let provider: Provider | undefined;
  const server: Server = createServer(async (req, res) => {
    const match = req.url?.match(/^\/interaction\/([\w-]+)$/);
    if (!match || !provider) return provider?.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(match[1]!));
      return;
    }
    const login = (await readForm(req)).get('login') ?? '';
    const account = [...accounts.values()].find((a) => a.email === login);
    if (!account) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const result = { login: { accountId: account.sub }, consent: { grantId: await grant.save() } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [clientSecret] },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ ...account }) } : undefined;
    },
  });
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
