/**
 * `npm run test:mail-crash`: seed 002's bug, which Tandem must never have. Every notice is
 * mailed, and no message reaches its recipient twice, across SIGKILLs of two app instances.
 *
 * A real SMTP server (smtp-server, in this process) and two real `tandem start` processes on one
 * fresh PostgreSQL database. Comments @mentioning MAIL_CRASH_PEOPLE team members are posted (with
 * an Idempotency-Key, retried until acknowledged) while one instance or the other is SIGKILLed at
 * random moments MAIL_CRASH_KILLS times and started again. Then: one notice and one outbox row per
 * (comment, person); every row sent; every Message-ID received; a Message-ID received twice only
 * where the outbox recorded an attempt cut short after the send began (`interrupted` — the one
 * unavoidable window: accepted by the server, not yet recorded), and then with the same id.
 * Webhooks the same way: MAIL_CRASH_ENDPOINTS endpoints (each comment is one delivery to each,
 * as many as the notices) on a real receiver that verifies each with `standardwebhooks`: every
 * delivery received, a webhook-id twice only where its row recorded an attempt cut short in flight.
 * Prints the counts; exits 1 otherwise.
 *
 * Environment: MAIL_CRASH_NOTICES (1000), MAIL_CRASH_PEOPLE (50), MAIL_CRASH_ENDPOINTS (= people),
 * MAIL_CRASH_KILLS (20), TANDEM_TEST_PG_URL, MAIL_CRASH_SEED.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_TEST_PG, withDatabase } from './global-db.ts';
import { freePort, Server, sleep } from './server-process.ts';
import { startSmtpCatcher } from './smtp-catcher.ts';
import { startReceiver } from './webhook-receiver.ts';

const PEOPLE = Number(process.env.MAIL_CRASH_PEOPLE ?? 50);
const NOTICES = Number(process.env.MAIL_CRASH_NOTICES ?? 1000);
const KILLS = Number(process.env.MAIL_CRASH_KILLS ?? 20);
const ENDPOINTS = Number(process.env.MAIL_CRASH_ENDPOINTS ?? PEOPLE);
const COMMENTS = Math.ceil(NOTICES / PEOPLE);
let seed = Number(process.env.MAIL_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SEED = seed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const ADMIN = { email: 'mailcrash@example.test', password: 'mail crash harness password' };
const say = (line: string) => process.stdout.write(`mail-crash: ${line}\n`);

async function main() {
  const started = Date.now();
  const serverUrl = process.env.TANDEM_TEST_PG_URL ?? DEFAULT_TEST_PG;
  const dbName = `tandem_mail_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const databaseUrl = withDatabase(serverUrl, dbName);
  // A server that takes a few ms per message, so kills land while mail is in flight.
  const smtp = await startSmtpCatcher({ delayMs: () => 2 + random() * 12 });
  // And a receiver that takes a few ms per request, for the same reason.
  const receiver = await startReceiver();
  receiver.answerWith(() => ({ status: 200, delayMs: 2 + random() * 12 }));
  const env = {
    TANDEM_ADMIN_EMAIL: ADMIN.email,
    TANDEM_ADMIN_PASSWORD: ADMIN.password,
    TANDEM_SMTP_URL: smtp.url,
    TANDEM_MAIL_FROM: 'Tandem <tandem@example.test>',
    // A killed worker's jobs are taken over after 6 s of silence instead of a minute.
    TANDEM_WORKER_TAKEOVER_SECONDS: '6',
    // The receiver is on this machine.
    TANDEM_WEBHOOK_ALLOW_PRIVATE: 'on',
  };
  const servers = [
    new Server(await freePort(), databaseUrl, env),
    new Server(await freePort(), databaseUrl, env),
  ];
  const db = new pg.Client(databaseUrl);
  const kills = [0, 0];
  // Whatever happens to this process, no server outlives it.
  process.on('exit', () => {
    for (const s of servers) s.child?.kill('SIGKILL');
  });
  try {
    await servers[0]!.start(); // migrates
    await servers[1]!.start();
    await db.connect();
    const api = async (
      s: Server,
      method: string,
      url: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${s.base}${url}`, {
        method,
        headers: { 'content-type': 'application/json', origin: s.base, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const login = await api(servers[0]!, 'POST', '/api/v1/auth/login', ADMIN);
    if (!login.ok) throw new Error(`login failed: ${await login.text()}`);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const token = (
      await (await api(servers[0]!, 'POST', '/api/v1/me/tokens', { name: 'mail crash' }, { cookie })).json()
    ).token as string;
    const auth = { authorization: `Bearer ${token}` };
    const product = await (
      await api(servers[0]!, 'POST', '/api/v1/products', { name: 'Mail crash', key: 'MAIL' }, auth)
    ).json();
    const item = await (
      await api(
        servers[0]!,
        'POST',
        `/api/v1/products/${product.id}/items`,
        {
          type: 'story',
          title: 'Seed 002',
          problem: 'Customers got the same mail several times.',
        },
        auth,
      )
    ).json();
    // The people to mention: team members (no password: nobody signs in as them).
    const handles = Array.from({ length: PEOPLE }, (_, n) => `m${String(n + 1).padStart(3, '0')}`);
    await db.query(
      `with u as (insert into users (email, name, workspace_role)
                  select h || '@mail-crash.test', 'Member ' || h, 'member' from unnest($1::text[]) h returning id)
       insert into product_members (product_id, user_id, role) select $2, id, 'team' from u`,
      [handles, product.id],
    );
    const body = handles.map((h) => `@${h}`).join(' ');
    for (let n = 0; n < ENDPOINTS; n += 1) {
      const path = `/hook/${n}`;
      const res = await api(
        servers[0]!,
        'POST',
        `/api/v1/products/${product.id}/webhooks`,
        { url: receiver.url(path), events: ['item.commented'] },
        auth,
      );
      if (res.status !== 201) throw new Error(`cannot register a webhook: ${await res.text()}`);
      receiver.trust(path, (await res.json()).secret);
    }

    // Comments go to whichever instance is up, each with its key until acknowledged.
    let retried = 0;
    const post = async (n: number) => {
      const key = `mail-crash-${n}`;
      for (;;) {
        const s = servers.filter((x) => x.ready)[
          Math.floor(random() * 2) % Math.max(1, servers.filter((x) => x.ready).length)
        ];
        try {
          if (s) {
            const res = await api(
              s,
              'POST',
              `/api/v1/items/${item.id}/comments`,
              { body: `${n}: ${body}` },
              {
                ...auth,
                'idempotency-key': key,
              },
            );
            if (res.status === 201) return;
            if (res.status < 500) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
          }
        } catch (err) {
          if ((err as Error).message.startsWith('unexpected')) throw err;
        }
        retried += 1;
        await sleep(50 + random() * 100);
      }
    };
    const posting = (async () => {
      for (let n = 0; n < COMMENTS; n += 1) {
        await post(n);
        await sleep(300 + random() * 500);
      }
    })();

    const restarts: Promise<void>[] = [];
    for (let k = 0; k < KILLS; k += 1) {
      await sleep(250 + random() * 700);
      let up = servers.map((s, i) => (s.ready ? i : -1)).filter((i) => i >= 0);
      while (up.length === 0) {
        await sleep(100);
        up = servers.map((s, i) => (s.ready ? i : -1)).filter((i) => i >= 0);
      }
      const victim = up[Math.floor(random() * up.length)]!;
      await servers[victim]!.kill();
      kills[victim]! += 1;
      say(
        `kill ${k + 1}/${KILLS}: instance ${'AB'[victim]} SIGKILLed; ${smtp.mails.length} messages received so far`,
      );
      // Started again in the background; the other instance keeps working meanwhile.
      restarts.push(sleep(random() * 300).then(() => servers[victim]!.start()));
    }
    await Promise.all(restarts);
    await posting;
    for (const s of servers) if (!s.ready) await s.start();

    // A killed worker's jobs are freed once its heartbeat is 6 s old; then everything is sent.
    const until = Date.now() + 150_000;
    let left = -1;
    while (Date.now() < until) {
      left = Number(
        (await db.query(`select count(*) as n from mail_deliveries where status <> 'sent'`)).rows[0].n,
      );
      left += Number(
        (await db.query(`select count(*) as n from webhook_deliveries where status <> 'sent'`)).rows[0].n,
      );
      const rows = Number((await db.query('select count(*) as n from mail_deliveries')).rows[0].n);
      const hooks = Number((await db.query('select count(*) as n from webhook_deliveries')).rows[0].n);
      if (left === 0 && rows >= NOTICES && hooks >= COMMENTS * ENDPOINTS) break;
      await sleep(500);
    }

    const notices = Number(
      (await db.query(`select count(*) as n from notices where kind = 'mention'`)).rows[0].n,
    );
    const rows = (
      await db.query<{ message_id: string; status: string; interrupted: number; attempts: number }>(
        'select message_id, status, interrupted, attempts from mail_deliveries',
      )
    ).rows;
    const received = new Map<string, number>();
    for (const m of smtp.mails) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
    const byId = new Map(rows.map((r) => [r.message_id, r]));
    const missing = rows.filter((r) => !received.has(r.message_id)).length;
    const strangers = [...received.keys()].filter((id) => !byId.has(id)).length;
    const twice = [...received.entries()].filter(([, n]) => n > 1);
    const inWindow = twice.filter(([id]) => (byId.get(id)?.interrupted ?? 0) > 0).length;
    const unexplained = twice.length - inWindow;
    const extra = twice.reduce((a, [, n]) => a + n - 1, 0);
    const interrupted = rows.reduce((a, r) => a + r.interrupted, 0);
    const unsent = rows.filter((r) => r.status !== 'sent').length;
    say(
      `${KILLS} kills (A ${kills[0]}, B ${kills[1]}), ${COMMENTS} comments (${retried} retried posts), ` +
        `${notices} notices, ${rows.length} outbox rows, ${unsent} not sent; ${smtp.mails.length} messages received, ` +
        `${received.size} distinct Message-IDs, ${missing} never received, ${strangers} unknown; ` +
        `${twice.length} Message-IDs received twice (${extra} extra messages), ${inWindow} of them in the recorded crash window ` +
        `(${interrupted} attempts cut short after the send began), ${unexplained} unexplained ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s, MAIL_CRASH_SEED=${SEED})`,
    );
    const expected = COMMENTS * PEOPLE;
    if (notices !== expected || rows.length !== expected || unsent || missing || strangers || unexplained) {
      console.error('mail-crash: FAILED: a notice was not mailed exactly once');
      process.exitCode = 1;
    }

    // Webhooks: one delivery per (comment, endpoint), each received, a repeat only in its window.
    const hooks = (
      await db.query<{ id: string; status: string; interrupted: number }>(
        'select id::text, status, interrupted from webhook_deliveries',
      )
    ).rows;
    const got = new Map<string, number>();
    for (const r of receiver.received) got.set(r.id, (got.get(r.id) ?? 0) + 1);
    const hookById = new Map(hooks.map((h) => [h.id, h]));
    const hookMissing = hooks.filter((h) => !got.has(h.id)).length;
    const hookStrangers = [...got.keys()].filter((id) => !hookById.has(id)).length;
    const hookTwice = [...got.entries()].filter(([, n]) => n > 1);
    const hookInWindow = hookTwice.filter(([id]) => (hookById.get(id)?.interrupted ?? 0) > 0).length;
    const badSignatures = receiver.received.filter((r) => r.error !== null).length;
    const hookUnsent = hooks.filter((h) => h.status !== 'sent').length;
    say(
      `webhooks: ${ENDPOINTS} endpoints, ${hooks.length} deliveries, ${hookUnsent} not sent; ` +
        `${receiver.received.length} requests received, ${got.size} distinct webhook-ids, ${hookMissing} never received, ` +
        `${hookStrangers} unknown, ${badSignatures} failing verification; ${hookTwice.length} webhook-ids received twice, ` +
        `${hookInWindow} of them in the recorded crash window, ${hookTwice.length - hookInWindow} unexplained`,
    );
    if (
      hooks.length !== COMMENTS * ENDPOINTS ||
      hookUnsent ||
      hookMissing ||
      hookStrangers ||
      badSignatures ||
      hookTwice.length !== hookInWindow
    ) {
      console.error('mail-crash: FAILED: a webhook was not delivered exactly once');
      process.exitCode = 1;
    }
  } finally {
    for (const s of servers) await s.kill();
    await db.end().catch(() => undefined);
    await smtp.close();
    await receiver.close();
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
