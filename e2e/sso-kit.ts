import { startTestProvider, type TestAccount, type TestProvider } from '#testing/oidc-test-provider.ts';
import { freePort } from '#testing/server-process.ts';

/**
 * A real OpenID Connect provider (oidc-provider) knowing `accounts` (verified emails), and the port
 * Tandem must then start on: the provider has to know Tandem's callback before Tandem starts.
 */
export async function startProviderFor(
  accounts: readonly Omit<TestAccount, 'email_verified'>[],
): Promise<{ idp: TestProvider; port: number }> {
  const port = await freePort();
  const idp = await startTestProvider([`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`]);
  for (const a of accounts) idp.accounts.set(a.sub, { ...a, email_verified: true });
  return { idp, port };
}

/** Tandem's environment for single sign-on with that provider, shown as "Acme ID". */
export const oidcEnv = (idp: TestProvider) => ({
  TANDEM_OIDC_ISSUER: idp.issuer,
  TANDEM_OIDC_CLIENT_ID: idp.clientId,
  TANDEM_OIDC_CLIENT_SECRET: idp.clientSecret,
  TANDEM_OIDC_NAME: 'Acme ID',
});
