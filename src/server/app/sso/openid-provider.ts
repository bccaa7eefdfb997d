import * as oidc from 'openid-client';
import type { IdentityClaims, IdentityProvider } from './ports.ts';

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The identity provider through openid-client: discovery (retried after a failure, so a provider
 * that was down at start-up works once it is back), authorization code with PKCE (S256), state and
 * nonce, and the ID token's signature, issuer, audience and expiry checked by the library.
 */
export function openIdProvider(settings: ProviderSettings): IdentityProvider {
  let config: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    const url = new URL(settings.issuer);
    // http only reaches this far for localhost (config.ts refuses it otherwise).
    const insecure = url.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
    config ??= oidc
      .discovery(url, settings.clientId, settings.clientSecret, undefined, insecure)
      .catch((err: unknown) => {
        config = undefined;
        throw err;
      });
    return config;
  };

  return {
    async start(redirectUri) {
      const c = await configuration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },

    async finish(callbackUrl, checks): Promise<IdentityClaims> {
      const c = await configuration();
      const tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('the provider sent no ID token');
      // Providers put email and name in the ID token or only in userinfo: read both, the ID
      // token's subject binding the userinfo answer to the same person.
      const info = await oidc.fetchUserInfo(c, tokens.access_token, idToken.sub).catch(() => null);
      const claim = (name: string) => idToken[name] ?? info?.[name];
      const email = claim('email');
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        email: typeof email === 'string' ? email.toLowerCase() : null,
        emailVerified: claim('email_verified') === true,
        name: typeof claim('name') === 'string' ? (claim('name') as string) : null,
      };
    },
  };
}
