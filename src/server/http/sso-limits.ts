import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '#domain/errors.ts';
import { addressKey } from './sign-in-limits.ts';

/**
 * Single sign-on's routes are public: each `GET …/oidc/login` stores a pending sign-in (state,
 * nonce, PKCE verifier) and each callback may call the identity provider. So both are limited per
 * address (IPv6 by its /64, as the sign-in limits count): a person needs one of each, an office
 * behind one address a few dozen a minute; a flood gets 429 with Retry-After. The total of pending
 * sign-ins is capped besides (app/sso/sso.ts), for floods from many addresses.
 * The counters are kept in memory per instance.
 */
export const SSO_LIMITS = { perAddress: 30, windowSeconds: 60 } as const;

export type SsoStep = 'login' | 'callback';

export class SsoLimits {
  private readonly limiter = new RateLimiterMemory({
    points: SSO_LIMITS.perAddress,
    duration: SSO_LIMITS.windowSeconds,
  });

  /** Counts this request against its address; throws 429 `rate_limited` once over the limit. */
  async take(req: FastifyRequest, step: SsoStep): Promise<void> {
    try {
      await this.limiter.consume(`${step}:${addressKey(req.ip)}`);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const wait = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new AppError(
        'rate_limited',
        `Too many single sign-on attempts from your network. Try again in ${wait} seconds.`,
        undefined,
        { retryAfterSeconds: wait },
      );
    }
  }
}

export function registerSsoLimits(app: FastifyInstance): void {
  app.decorate('ssoLimits', new SsoLimits());
}

declare module 'fastify' {
  interface FastifyInstance {
    ssoLimits: SsoLimits;
  }
}
