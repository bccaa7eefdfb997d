import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { MailSetup } from '#app/mail/ports.ts';
import { hashPassword } from '#app/secrets.ts';
import type { Services, SignInOptions } from '#app/services.ts';
import type { Store } from '#app/store.ts';
import type { WebhookSettings } from '#app/webhooks/ports.ts';
import { allRoutes, wire } from '#capabilities/index.ts';
import { createPool } from '#db/pool.ts';
import type { ProductRole } from '#domain/roles.ts';
import { buildServer } from '#http/server.ts';
import { createLogger } from '#server/logger.ts';
import { withDatabase } from './global-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    db: { serverUrl: string; template: string; prefix: string; kind: 'embedded' | 'postgres' };
  }
}

export const TEST_PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost';

/** A fresh database cloned from the migrated template; dropped with the run. */
export async function freshDatabase(): Promise<{ url: string; pool: pg.Pool; kind: string }> {
  const db = inject('db');
  const name = `${db.prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client(db.serverUrl);
  await admin.connect();
  await admin.query(`create database ${name} template ${db.template}`);
  await admin.end();
  const url = withDatabase(db.serverUrl, name);
  const pool = createPool(url, 10);
  afterAll(() => pool.end());
  return { url, pool, kind: db.kind };
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  /** The store, for tests that arrange data directly; the server's code reaches it through use cases. */
  store: Store;
  pool: pg.Pool;
  kind: string;
  /** Calls the API as `as` (a signed-in user) with the Origin header a browser would send. */
  call(as: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  user(name: string, opts?: { admin?: boolean }): Promise<TestUser>;
  product(owner: TestUser, name?: string, key?: string): Promise<{ id: string; key: string }>;
  addMember(owner: TestUser, productId: string, user: TestUser, role: ProductRole): Promise<void>;
}

let hashed: Promise<string> | undefined;

export async function createTestApp(
  options: {
    now?: () => Date /** Lets a test wrap the pool's connections (fault injection). */;
    onPool?: (pool: pg.Pool) => void;
    /** Password sign-in and single sign-on as a test needs them (password only by default). */
    signIn?: SignInOptions;
    /** Webhook settings (TANDEM_WEBHOOK_*); tests that deliver to a local receiver allow private targets. */
    webhooks?: WebhookSettings;
    /** Mail on (an SMTP server in the test); off by default. */
    mail?: MailSetup;
  } = {},
): Promise<TestApp> {
  const { pool, kind } = await freshDatabase();
  options.onPool?.(pool);
  const { store, services } = wire(pool, {
    session: { idleMs: 3600_000, maxMs: 24 * 3600_000 },
    now: options.now,
    signIn: options.signIn,
    webhooks: options.webhooks,
    mail: options.mail,
  });
  // Every response of every test is checked against the route's declared schema.
  const app = await buildServer({
    services,
    routes: allRoutes,
    logger: createLogger('silent'),
    checkResponses: true,
  });
  await app.ready();
  // Runs before freshDatabase's pool.end (afterAll hooks run in reverse order).
  afterAll(async () => {
    await app.close();
    await services.close();
  });
  let seq = 0;

  const call: TestApp['call'] = (as, opts) =>
    app.inject({
      ...opts,
      headers: {
        origin: ORIGIN,
        host: 'localhost',
        ...(as ? { cookie: as.cookie } : {}),
        ...(opts.headers ?? {}),
      },
    });

  return {
    app,
    services,
    store,
    pool,
    kind,
    call,
    async user(name, opts = {}) {
      seq += 1;
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${seq}@example.test`;
      hashed ??= hashPassword(TEST_PASSWORD);
      const u = await store.read.users.insert({
        email,
        name,
        passwordHash: await hashed,
        workspaceRole: opts.admin ? 'admin' : 'member',
      });
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: ORIGIN, host: 'localhost' },
        payload: { email, password: TEST_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.body}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      return { id: u.id, email, name, cookie };
    },
    async product(owner, name = 'Test product', key) {
      seq += 1;
      const res = await call(owner, {
        method: 'POST',
        url: '/api/v1/products',
        payload: {
          name,
          key:
            key ??
            `P${seq}${randomBytes(2)
              .toString('hex')
              .toUpperCase()
              .replace(/[^A-Z0-9]/g, 'X')}`.slice(0, 10),
        },
      });
      if (res.statusCode !== 201) throw new Error(`product create failed: ${res.body}`);
      return res.json();
    },
    async addMember(owner, productId, user, role) {
      const res = await call(owner, {
        method: 'POST',
        url: `/api/v1/products/${productId}/members`,
        payload: { userId: user.id, role },
      });
      if (res.statusCode !== 201) throw new Error(`add member failed: ${res.body}`);
    },
  };
}
