import { performance } from 'node:perf_hooks';
import type { MailSetup } from '#app/mail/ports.ts';
import type { ProductContext } from '#app/products.ts';
import { allJobs, createServices } from '#capabilities/index.ts';
import { startReactions } from '#jobs/reactions.ts';
import { smtpTransport } from '#jobs/smtp-transport.ts';
import { createLogger } from '#server/logger.ts';
import { startSmtpCatcher } from '#testing/smtp-catcher.ts';
import { quantile } from './bench-kit.ts';
import { startBenchServer, verdict } from './sprints-harness.ts';

/**
 * Mail (issue 12). Figures:
 *  - a review invitation to 200 customers writes its outbox batch (the 200 fresh links, one row)
 *    in the request's own transaction, and its event queues the reaction that writes the mails:
 *    what both add to the request, p99 of the call with mail on (and the reaction subscribed)
 *    minus p99 with mail off (and nothing subscribed to the invitation), ≤ 5 ms;
 *  - a comment @mentioning 200 people: its mails are written by the reaction, so the request
 *    only enqueues one job: added p99 against the same words without the @s, ≤ 5 ms;
 *  - 1,000 mails queued at once, delivered to a local SMTP server (smtp-server) by the worker
 *    through nodemailer: ≤ 10 s.
 */
const RUNS = Number(process.env.BENCH_MAIL_RUNS ?? 600);
/** A p99 is its tail: 600 calls a side, so a few stalls of the shared machine do not make it; three rounds, their median quoted. */
const ROUNDS = 3;
const server = await startBenchServer('mail');
// The SMTP server only counts: parsing what it receives is not Tandem's time.
const smtp = await startSmtpCatcher({ parse: false });
const setup: MailSetup = {
  enabled: true,
  from: 'Tandem <tandem@example.test>',
  smtpUrl: smtp.url,
  publicUrl: 'https://tandem.example.test',
};
let ok = true;
try {
  const { store, pool } = server;
  const on = createServices(store, { session: { idleMs: 3600_000, maxMs: 86_400_000 }, mail: setup });
  const off = server.services;
  const owner = await server.user('Olive Owner');
  const actor = (await store.read.users.byId(owner.id))!;
  const po = {
    actor: { userId: actor.id, name: actor.name, email: actor.email, workspaceRole: actor.workspaceRole },
  };
  const product = await off.products.create(po.actor, { name: 'League', key: 'LG', description: '' });
  const ctx: ProductContext = { ...po, productId: product.id, role: 'owner' };
  // 200 customers and 200 team members, in SQL.
  const people = async (role: string, prefix: string) =>
    (
      await pool.query<{ id: string }>(
        `with u as (insert into users (email, name, workspace_role)
                    select $2 || n || '@bench.test', $2 || ' ' || n, 'member' from generate_series(1, 200) n
                    returning id)
         insert into product_members (product_id, user_id, role) select $1, id, $3 from u returning user_id as id`,
        [product.id, prefix, role],
      )
    ).rows.map((r) => r.id);
  await people('stakeholder', 'vip');
  await people('team', 'dev');
  const item = await off.items.create(ctx, {
    type: 'story',
    title: 'Export',
    problem: 'Clubs retype fixtures.',
  });
  const sprint = await off.sprints.create(ctx, {
    name: 'Sprint 7',
    goal: 'Ship',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    capacity: null,
  });
  await pool.query(
    `insert into sprint_items (sprint_id, item_id, product_id, review) values ($1, $2, $3, 'accepted')`,
    [sprint.id, item.id, product.id],
  );
  const review = await off.reviews.open(ctx, sprint.id, {
    closesAt: null,
    increments: [{ itemId: item.id, whatChanged: '' }],
  });

  // Delivery first, on an empty outbox: 1,000 rows at once, then the worker sends them.
  const worker = await startReactions({
    store,
    databaseUrl: pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs.filter(() => false),
    concurrency: 8,
    pollInterval: 200,
    mail: { setup, transport: smtpTransport(smtp.url, { maxConnections: 8 }) },
  });
  try {
    const recipients = (await store.read.members.list(product.id)).map((m) => m.userId);
    const before = smtp.mails.length;
    const t0 = performance.now();
    await store.transaction((r) =>
      r.mail.insertMany(
        Array.from({ length: 1000 }, (_, n) => ({
          key: `bench:${n}`,
          recipientId: recipients[n % recipients.length]!,
          kind: 'mention' as const,
          subject: `[Tandem · League] Bench mail ${n}`,
          text: `Mail ${n}`,
          html: `<p>Mail ${n}</p>`,
          messageId: `<bench-${n}@tandem.example.test>`,
          unsubscribeUrl: null,
          status: 'pending' as const,
          secret: false,
        })),
      ),
    );
    while (smtp.mails.length - before < 1000 && performance.now() - t0 < 60_000)
      await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - t0) / 1000;
    const ids = new Set(smtp.mails.slice(before).map((m) => m.messageId));
    console.log(
      `1,000 mails: ${smtp.mails.length - before} received (${ids.size} distinct Message-IDs) in ${seconds.toFixed(2)} s`,
    );
    ok = verdict('1,000 mails delivered to a local SMTP server', seconds, 10, 's') && ok && ids.size === 1000;
  } finally {
    await worker.stop();
  }
  // From here on no worker runs: the requests' figures are not disturbed by sending.

  // Every subscriber of this Tandem, as in production: events queue their reactions in the request.
  await startReactions({
    store,
    databaseUrl: pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs,
    work: false,
  });
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  /** `a` and `b` in turns, each after its own (untimed) `prep`. */
  const sample = async (
    a: () => Promise<unknown>,
    b: () => Promise<unknown>,
    prep = { a: async () => {}, b: async () => {} },
  ) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 10; i += 1) await Promise.all([a(), b()].map((p) => p.catch(() => undefined)));
    for (let i = 0; i < RUNS; i += 1) {
      await prep.a();
      xs.push(await time(a));
      await prep.b();
      ys.push(await time(b));
    }
    xs.sort((p, q) => p - q);
    ys.sort((p, q) => p - q);
    return { a: xs, b: ys };
  };

  const everyone = {};
  // Off: mail off and no reaction to an invitation, as before invitations were mailed.
  const subscription = `('review.invited', 'review-invitation-mail', 10)`;
  const prep = {
    a: async () => {
      await pool.query(`insert into event_subscriptions values ${subscription} on conflict do nothing`);
    },
    b: async () => {
      await pool.query(`delete from event_subscriptions where subscriber = 'review-invitation-mail'`);
    },
  };
  const added: { p99: number; median: number }[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const inv = await sample(
      () => on.reviews.invite(ctx, review.id, everyone, 'https://tandem.example.test'),
      () => off.reviews.invite(ctx, review.id, everyone, 'https://tandem.example.test'),
      prep,
    );
    added.push({
      p99: quantile(inv.a, 0.99) - quantile(inv.b, 0.99),
      median: quantile(inv.a, 0.5) - quantile(inv.b, 0.5),
    });
    console.log(
      `invite 200 customers, round ${round}: mail on median ${quantile(inv.a, 0.5).toFixed(1)} ms, p99 ${quantile(inv.a, 0.99).toFixed(1)} ms; ` +
        `mail off median ${quantile(inv.b, 0.5).toFixed(1)} ms, p99 ${quantile(inv.b, 0.99).toFixed(1)} ms`,
    );
  }
  await prep.a();
  const rows = Number((await pool.query(`select count(*) as n from invitation_mail_batches`)).rows[0].n);
  const reactions = Number(
    (
      await pool.query(
        `select count(*) as n from graphile_worker.jobs where task_identifier = 'review-invitation-mail'`,
      )
    ).rows[0].n,
  );
  if (rows < RUNS * ROUNDS || reactions < RUNS * ROUNDS)
    throw new Error(
      `the invitations wrote ${rows} batches and ${reactions} reactions, not one each per call`,
    );
  console.log(`(${rows} outbox batches of 200 links and ${reactions} queued reactions written)`);
  const mid = <T>(xs: T[], f: (x: T) => number) =>
    xs.map(f).sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
  ok =
    verdict(
      `outbox for 200 people added to the request (p99 on − p99 off, median of ${ROUNDS} rounds: ${added.map((x) => x.p99.toFixed(1)).join(', ')})`,
      Math.max(
        0,
        mid(added, (x) => x.p99),
      ),
      5,
    ) && ok;
  ok =
    verdict(
      '… and at the median',
      Math.max(
        0,
        mid(added, (x) => x.median),
      ),
      5,
    ) && ok;

  const mentions = (await store.read.members.list(product.id))
    .filter((m) => m.role === 'team')
    .map((m) => `@${m.email.split('@')[0]}`)
    .join(' ');
  const com = await sample(
    () => on.items.comment(ctx, item.id, `Heads up ${mentions}`),
    // The same words without the @s: what a comment this long costs anyway (storing, indexing).
    () => on.items.comment(ctx, item.id, `Heads up ${mentions.replaceAll('@', '')}`),
  );
  console.log(
    `comment @mentioning 200: median ${quantile(com.a, 0.5).toFixed(1)} ms, p99 ${quantile(com.a, 0.99).toFixed(1)} ms; ` +
      `without mentions median ${quantile(com.b, 0.5).toFixed(1)} ms, p99 ${quantile(com.b, 0.99).toFixed(1)} ms`,
  );
  ok =
    verdict(
      'a comment notifying 200 people, added to the request (p99)',
      Math.max(0, quantile(com.a, 0.99) - quantile(com.b, 0.99)),
      5,
    ) && ok;

  await on.close();
} finally {
  await smtp.close();
  await server.stop();
}
process.exit(ok ? 0 : 1);
