import type { ServiceDeps } from '#app/services.ts';
import { openIdProvider } from '#app/sso/openid-provider.ts';
import { ssoUseCases } from '#app/sso/sso.ts';
import type { Queryable } from '#db/pool.ts';
import { oidcLoginsRepo, userIdentitiesRepo } from '#db/repositories/sso.repository.ts';
import { ssoRoutes } from '#http/routes/sso.routes.ts';
import { defineCapability } from './capability.ts';

/** Issue 12: single sign-on with the company's OpenID Connect provider. */
const repos = (db: Queryable) => ({
  oidcLogins: oidcLoginsRepo(db),
  userIdentities: userIdentitiesRepo(db),
});

const useCases = ({ store, now, signIn }: ServiceDeps) => ({
  sso: ssoUseCases(
    store,
    signIn.sso
      ? { provider: openIdProvider(signIn.sso), name: signIn.sso.name, allowSignup: signIn.sso.allowSignup }
      : undefined,
    signIn.password,
    now,
  ),
});

export const sso = defineCapability({ name: 'sso', repos, useCases, routes: ssoRoutes, jobs: [] });
