import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Configuration comes from the environment only, validated once at start. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string) => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
};
/** No proxy is trusted unless told: a hop count, or the proxies' addresses / CIDR ranges. */
const TrustProxy = z.string().transform((value, ctx): number | string[] | false => {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) > 0 ? Number(v) : false;
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length > 0 && entries.every(isProxyAddress)) return entries;
  ctx.addIssue({
    code: 'custom',
    message:
      'Use the number of proxies in front of Tandem (e.g. 1) or their addresses / CIDR ranges, comma-separated (e.g. 10.0.0.5,192.168.0.0/16)',
  });
  return z.NEVER;
});
/** Providers are reached over https; plain http only on this machine (development, tests). */
const secureOrLoopback = (value: string) => {
  const u = new URL(value);
  return (
    u.protocol === 'https:' ||
    (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname))
  );
};
const OnOff = z.enum(['on', 'off'], { message: 'Use "on" or "off"' });
const EnvSchema = z.object({
  PORT: z.coerce
    .number({ message: 'Must be a number' })
    .int({ message: 'Must be a whole number' })
    .min(0, { message: 'Must be 0–65535' })
    .max(65535, { message: 'Must be 0–65535' })
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'Must start with postgres:// or postgresql://' })
    .optional(),
  TANDEM_DATA_DIR: z.string().min(1).default('./data'),
  TANDEM_BASE_URL: z.url({ message: 'Must be a full URL such as https://tandem.example.com' }).optional(),
  TANDEM_ADMIN_EMAIL: z.email({ message: 'Must be an email address' }).optional(),
  TANDEM_ADMIN_PASSWORD: z
    .string()
    .min(8, { message: 'Use at least 8 characters' })
    .max(128, { message: 'Use at most 128 characters' })
    .optional(),
  TANDEM_DEMO: OnOff.optional(),
  /** off when reactions run in their own `tandem worker` processes instead. */
  TANDEM_WORKER: OnOff.default('on'),
  /** After how long without a heartbeat another instance takes over a dead worker's jobs. */
  TANDEM_WORKER_TAKEOVER_SECONDS: z.coerce
    .number({ message: 'Must be a number of seconds' })
    .int({ message: 'Must be a whole number of seconds' })
    .min(2, { message: 'Must be 2–3600 seconds' })
    .max(3600, { message: 'Must be 2–3600 seconds' })
    .default(60),
  TANDEM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TANDEM_TRUST_PROXY: TrustProxy.optional(),
  /** Single sign-on with an OpenID Connect provider: issuer, client id and secret go together. */
  TANDEM_OIDC_ISSUER: z
    .url({ message: "Must be the provider's issuer URL, e.g. https://login.example.com/realms/acme" })
    .refine(secureOrLoopback, { message: 'Use https (http only for localhost)' })
    .optional(),
  TANDEM_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  TANDEM_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** The provider's name on the sign-in button ("Sign in with Acme SSO"). */
  TANDEM_OIDC_NAME: z.string().min(1).max(60).optional(),
  /** on: a first sign-in with a verified email nobody has yet creates that person. */
  TANDEM_OIDC_ALLOW_SIGNUP: OnOff.default('off'),
  /** off: only single sign-on signs people in (needs TANDEM_OIDC_*). */
  TANDEM_PASSWORD_SIGNIN: OnOff.default('on'),
  /** on: webhooks may go to loopback, private and link-local addresses (tests, a lab network). */
  TANDEM_WEBHOOK_ALLOW_PRIVATE: OnOff.default('off'),
  /** Seals webhook signing secrets at rest; keep it with the backups, apart from the database. */
  TANDEM_WEBHOOK_SECRET_KEY: z.string().min(32, { message: 'Use at least 32 characters' }).optional(),
  TANDEM_SMTP_URL: z
    .url({ message: 'Must be a URL such as smtp://user:password@mail.example.com:587' })
    .refine((u) => /^smtps?:\/\/[^/]/.test(u), { message: 'Must start with smtp:// or smtps://' })
    .optional(),
  TANDEM_MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]{1,100} <[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, {
      message: 'Must be an address, or a name and an address: Tandem <tandem@example.com>',
    })
    .optional(),
  TANDEM_SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  TANDEM_SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 30),
});

const SECRET_VARS = new Set([
  'TANDEM_ADMIN_PASSWORD',
  'DATABASE_URL',
  'TANDEM_OIDC_CLIENT_SECRET',
  'TANDEM_WEBHOOK_SECRET_KEY',
  'TANDEM_SMTP_URL',
]);
const OIDC_VARS = ['TANDEM_OIDC_ISSUER', 'TANDEM_OIDC_CLIENT_ID', 'TANDEM_OIDC_CLIENT_SECRET'] as const;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  baseUrl: string | undefined;
  admin: { email: string; password: string } | undefined;
  demo: boolean;
  /** Run the reactions worker inside the app process. */
  worker: boolean;
  /** A worker silent this long is taken for dead and its jobs are run by another (ms). */
  workerTakeoverMs: number;
  logLevel: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Whose X-Forwarded-For / -Proto to believe: false (nobody), a hop count, or addresses. */
  trustProxy: number | string[] | false;
  /** Single sign-on (OpenID Connect); undefined when not configured. */
  sso: SsoSettings | undefined;
  /** False with TANDEM_PASSWORD_SIGNIN=off: only single sign-on signs people in. */
  passwordSignIn: boolean;
  webhooks: { allowPrivate: boolean; secretKey: string | undefined };
  /** Outgoing mail (TANDEM_SMTP_URL and TANDEM_MAIL_FROM together); undefined = mail is off. */
  mail: { smtpUrl: string; from: string } | undefined;
}

export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button. */
  name: string;
  /** Create a person at their first sign-in when no account has their (verified) email. */
  allowSignup: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(clean);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? 'environment');
        // Secrets are never echoed back.
        const shown = SECRET_VARS.has(name) ? '' : ` (got ${JSON.stringify(clean[name] ?? '')})`;
        return `${name}: ${i.message}${shown}`;
      });
  if (Boolean(clean.TANDEM_ADMIN_EMAIL) !== Boolean(clean.TANDEM_ADMIN_PASSWORD)) {
    const missing = clean.TANDEM_ADMIN_EMAIL ? 'TANDEM_ADMIN_PASSWORD' : 'TANDEM_ADMIN_EMAIL';
    problems.push(`${missing}: set TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD together`);
  }
  const oidcSet = OIDC_VARS.filter((name) => clean[name]);
  if (oidcSet.length > 0 && oidcSet.length < OIDC_VARS.length)
    for (const name of OIDC_VARS.filter((n) => !clean[n]))
      problems.push(`${name}: set ${OIDC_VARS.join(', ')} together for single sign-on`);
  if (clean.TANDEM_PASSWORD_SIGNIN === 'off' && oidcSet.length === 0)
    problems.push(
      'TANDEM_PASSWORD_SIGNIN: "off" needs single sign-on (TANDEM_OIDC_*), or nobody could sign in',
    );
  if (Boolean(clean.TANDEM_SMTP_URL) !== Boolean(clean.TANDEM_MAIL_FROM)) {
    const missing = clean.TANDEM_SMTP_URL ? 'TANDEM_MAIL_FROM' : 'TANDEM_SMTP_URL';
    problems.push(`${missing}: set TANDEM_SMTP_URL and TANDEM_MAIL_FROM together (or neither: mail is off)`);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.TANDEM_DATA_DIR),
    baseUrl: e.TANDEM_BASE_URL?.replace(/\/$/, ''),
    admin:
      e.TANDEM_ADMIN_EMAIL && e.TANDEM_ADMIN_PASSWORD
        ? { email: e.TANDEM_ADMIN_EMAIL.toLowerCase(), password: e.TANDEM_ADMIN_PASSWORD }
        : undefined,
    // The demo workspace is on by default only for the embedded database.
    demo: e.TANDEM_DEMO ? e.TANDEM_DEMO === 'on' : !e.DATABASE_URL,
    worker: e.TANDEM_WORKER === 'on',
    workerTakeoverMs: e.TANDEM_WORKER_TAKEOVER_SECONDS * 1000,
    logLevel: e.TANDEM_LOG_LEVEL,
    sessionIdleMs: e.TANDEM_SESSION_IDLE_HOURS * 3600_000,
    sessionMaxMs: e.TANDEM_SESSION_MAX_HOURS * 3600_000,
    trustProxy: e.TANDEM_TRUST_PROXY ?? false,
    sso:
      e.TANDEM_OIDC_ISSUER && e.TANDEM_OIDC_CLIENT_ID && e.TANDEM_OIDC_CLIENT_SECRET
        ? {
            issuer: e.TANDEM_OIDC_ISSUER,
            clientId: e.TANDEM_OIDC_CLIENT_ID,
            clientSecret: e.TANDEM_OIDC_CLIENT_SECRET,
            name: e.TANDEM_OIDC_NAME ?? new URL(e.TANDEM_OIDC_ISSUER).hostname,
            allowSignup: e.TANDEM_OIDC_ALLOW_SIGNUP === 'on',
          }
        : undefined,
    passwordSignIn: e.TANDEM_PASSWORD_SIGNIN === 'on',
    webhooks: {
      allowPrivate: e.TANDEM_WEBHOOK_ALLOW_PRIVATE === 'on',
      secretKey: e.TANDEM_WEBHOOK_SECRET_KEY,
    },
    mail:
      e.TANDEM_SMTP_URL && e.TANDEM_MAIL_FROM
        ? { smtpUrl: e.TANDEM_SMTP_URL, from: e.TANDEM_MAIL_FROM }
        : undefined,
  };
}
