import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppError } from '#domain/errors.ts';

/**
 * Password guessing is slowed, never turned into a lockout of the account's owner (ASVS 5.0
 * V6.3.1, OWASP's "device cookie" scheme):
 *  - Failures count per account AND address (an IPv6 address by its /64). After a few free ones,
 *    each failure makes that pair wait twice as long as the last (2 s, 4 s … up to 15 min), told
 *    in Retry-After. Another address is not affected, so an attacker cannot lock the owner out.
 *  - A browser that signed in to the account before carries a signed, long-lived "known device"
 *    cookie. Its failures count on that device alone, and failures from any address do not touch it.
 *  - Failures per address across every account are capped as well (password spraying); known
 *    devices are exempt, so an office behind one address keeps working.
 * The counters are kept in memory per instance.
 */
export const SIGN_IN_POLICY = {
  freeFailures: 5,
  maxDelaySeconds: 15 * 60,
  /** A pair's failures are forgotten a day after the first one (or at a successful sign-in). */
  forgetAfterSeconds: 24 * 3600,
  addressFailures: 50,
  addressWindowSeconds: 15 * 60,
  deviceCookieDays: 400,
} as const;

export const DEVICE_COOKIE = 'tandem_device';
const DEVICE_COOKIE_PATH = '/api/v1/auth/login';

export interface SignInAttempt {
  /** Records a wrong password; the next attempt of this caller may have to wait. */
  failed(): Promise<void>;
  /** Forgets this caller's failures and marks the browser as a known device of the account. */
  succeeded(reply: FastifyReply): Promise<void>;
}

/** An address as rate limits see it: IPv4 as is, IPv6 by its /64 (one subscriber's block). */
export function addressKey(ip: string): string {
  if (ip.startsWith('::ffff:') && ip.includes('.')) return ip.slice(7);
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const b64 = (b: Buffer) => b.toString('base64url');
const emailTag = (email: string) => b64(createHash('sha256').update(email).digest()).slice(0, 22);

export class SignInLimits {
  private readonly failures = new RateLimiterMemory({
    points: 1_000_000,
    duration: SIGN_IN_POLICY.forgetAfterSeconds,
  });
  private readonly waits = new RateLimiterMemory({ points: 1, duration: 1 });
  private readonly byAddress = new RateLimiterMemory({
    points: SIGN_IN_POLICY.addressFailures,
    duration: SIGN_IN_POLICY.addressWindowSeconds,
  });

  constructor(private readonly deviceKey: () => Promise<Buffer>) {}

  /**
   * Call before checking a password for `email` (normalised). Refuses with 429 and Retry-After
   * while this caller must wait. `devices: false` for checks that are not sign-in (no cookie there).
   */
  async begin(req: FastifyRequest, email: string, opts: { devices?: boolean } = {}): Promise<SignInAttempt> {
    const devices = opts.devices ?? true;
    const device = devices ? await this.knownDevice(req, email) : null;
    const address = addressKey(req.ip);
    const key = device ? `d:${email}:${device}` : `a:${email}:${address}`;
    const wait = Math.max(await this.waitOf(key), device ? 0 : await this.addressWait(address));
    if (wait > 0) {
      throw new AppError(
        'rate_limited',
        `Too many failed attempts. Try again in ${wait} seconds.`,
        undefined,
        { retryAfterSeconds: wait },
      );
    }
    return {
      failed: async () => {
        const n = (await this.failures.penalty(key, 1)).consumedPoints;
        if (n > SIGN_IN_POLICY.freeFailures) {
          const delay = Math.min(2 ** (n - SIGN_IN_POLICY.freeFailures), SIGN_IN_POLICY.maxDelaySeconds);
          await this.waits.block(key, delay);
        }
        if (!device) await this.byAddress.penalty(address, 1);
      },
      succeeded: async (reply) => {
        await this.failures.delete(key);
        await this.waits.delete(key);
        if (devices) await this.issueDevice(req, reply, email, device);
      },
    };
  }

  private async waitOf(key: string): Promise<number> {
    const r = await this.waits.get(key);
    return r && r.consumedPoints > 1 ? Math.max(1, Math.ceil(r.msBeforeNext / 1000)) : 0;
  }

  private async addressWait(address: string): Promise<number> {
    const r = await this.byAddress.get(address);
    return r && r.consumedPoints >= SIGN_IN_POLICY.addressFailures
      ? Math.max(1, Math.ceil(r.msBeforeNext / 1000))
      : 0;
  }

  private async sign(payload: string): Promise<Buffer> {
    return createHmac('sha256', await this.deviceKey())
      .update(payload)
      .digest();
  }

  /** The device id when the request carries a valid known-device cookie for this account. */
  private async knownDevice(req: FastifyRequest, email: string): Promise<string | null> {
    const raw = req.cookies[DEVICE_COOKIE];
    const [tag, id, mac] = raw?.split('.') ?? [];
    if (!tag || !id || !mac || tag !== emailTag(email)) return null;
    const expected = await this.sign(`${tag}.${id}`);
    const given = Buffer.from(mac, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  private async issueDevice(req: FastifyRequest, reply: FastifyReply, email: string, device: string | null) {
    const tag = emailTag(email);
    const id = device ?? b64(randomBytes(16));
    const mac = b64(await this.sign(`${tag}.${id}`));
    reply.setCookie(DEVICE_COOKIE, `${tag}.${id}.${mac}`, {
      path: DEVICE_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https' || req.server.publicOrigin?.startsWith('https:') === true,
      maxAge: SIGN_IN_POLICY.deviceCookieDays * 86_400,
    });
  }
}

/**
 * Fastify's trustProxy from TANDEM_TRUST_PROXY: nothing by default (X-Forwarded-For is then
 * ignored, so rotating it escapes no limit); a hop count trusts that many proxies in front; a
 * list trusts those addresses / CIDR ranges.
 */
export function trustProxyOption(
  value: number | string[] | false | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return value > 0 ? (_address, hop) => hop < value : false;
  return value && value.length > 0 ? value : false;
}

/** Sign-in limits for this server; the device key comes from the database (one per workspace). */
export function registerSignInLimits(app: FastifyInstance, deviceKey: () => Promise<Buffer>): void {
  app.decorate('signInLimits', new SignInLimits(deviceKey));
}

declare module 'fastify' {
  interface FastifyInstance {
    signInLimits: SignInLimits;
  }
}
