import {
  CONTRADICTION_CAUSES,
  type ContradictionCause,
  flagContradictions,
} from '#app/decisions/contradictions.ts';
import type { ProductContext } from '#app/products.ts';
import { type StoredEvent, toStoredEvent } from '#app/reactions/stored-event.ts';
import { allJobs } from '#capabilities/index.ts';
import { startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { quantile, report } from './bench-kit.ts';
import { startBenchServer } from './sprints-harness.ts';

/**
 * Contradiction checks (issue 13): "add ≤ 2 ms p99 to an item change". The check is a reaction
 * (jobs/decisions.job.ts), so an item change pays for it twice, both measured here on a product
 * with 5,000 items and 1,000 accepted decisions (2,000 rules: order of work and no workaround):
 *  - in the change's own transaction: the outbox trigger enqueuing the decision job — the item
 *    change's latency with the decision subscribers listed minus without them (p99 ≤ 2 ms);
 *  - the check itself, as the worker runs it for each change (one transaction: the indexed
 *    lookup of governing decisions, the facts, the pure checkers): p99 ≤ 2 ms when nothing is
 *    contradicted (nearly every change); the changes that are flagged also write the flag and
 *    its event, reported beside it. Both run in the worker, after the change has answered.
 */
const CHANGES = Number(process.env.BENCH_CHANGES ?? 600);
const server = await startBenchServer('decisions');
let failed = false;
try {
  const owner = await server.user('Olive Owner');
  const dev = await server.user('Tina Team');
  const db = server.pool;
  const { id: pid } = await server.store.read.products.insert({
    name: 'Notification Service',
    key: 'NOTIF',
    description: '',
  });
  await db.query(
    `insert into product_members (product_id, user_id, role) values ($1, $2, 'owner'), ($1, $3, 'team')`,
    [pid, owner.id, dev.id],
  );
  await db.query(
    `with i as (
       insert into items (product_id, number, type, title, problem, category, status, acceptance_criteria)
       select $1::uuid, n, case when n % 10 = 0 then 'defect' else 'story' end, 'Item ' || n, 'A customer waits',
              'feature', 'in_progress', '[]'
         from generate_series(1, 5000) n
       returning id, product_id, number)
     insert into item_order (item_id, product_id, rank) select id, product_id, 'r' || lpad(number::text, 6, '0') from i`,
    [pid],
  );
  // Decision k: item 2k is done before item 2k+1, and item 2k gets no workaround.
  await db.query(
    `with d as (
       insert into decisions (product_id, number, title, context, decision, rules, status, accepted_by, accepted_at)
       select $1::uuid, k, 'Decision ' || k, 'c', 'd',
              jsonb_build_array(
                jsonb_build_object('kind', 'done_before', 'itemId', a.id, 'beforeItemId', b.id),
                jsonb_build_object('kind', 'no_workaround', 'itemId', a.id)),
              'accepted', $2::uuid, now() - interval '1 day'
         from generate_series(1, 1000) k
         join items a on a.product_id = $1 and a.number = 2 * k
         join items b on b.product_id = $1 and b.number = 2 * k + 1
       returning id, rules)
     insert into decision_rule_targets (decision_id, product_id, item_id)
     select d.id, $1, t.item_id from d,
       lateral (select (d.rules -> 0 ->> 'itemId')::uuid union all select (d.rules -> 0 ->> 'beforeItemId')::uuid) t(item_id)`,
    [pid, owner.id],
  );
  await db.query('analyze');
  const ctx: ProductContext = {
    actor: { userId: dev.id, name: 'Tina Team', email: 'bench2@example.test', workspaceRole: 'member' },
    productId: pid,
    role: 'team',
  };
  const items = (
    await db.query<{ id: string }>(
      `select id from items where product_id = $1 and number between 2 and 2001 order by number`,
      [pid],
    )
  ).rows.map((r) => r.id);

  /** Item changes (in_progress ↔ done) one after another; their latencies in ms, and their event ids. */
  async function changes(n: number, offset: number) {
    const times: number[] = [];
    for (let i = 0; i < n; i += 1) {
      // From the end of the list: the later item of each pair is finished first, so half the
      // changes go around their decision's order of work and get flagged.
      const id = items[items.length - 1 - ((offset + i) % items.length)]!;
      const cur = (await server.store.read.items.byId(id))!;
      const started = performance.now();
      await server.services.items.update(ctx, id, cur.version, {
        status: cur.status === 'done' ? 'in_progress' : 'done',
      });
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b);
  }
  const subscribe = (withDecisions: boolean) =>
    startReactions({
      store: server.store,
      databaseUrl: (db as unknown as { options: { connectionString: string } }).options.connectionString,
      log: createLogger('silent'),
      subscribers: allJobs.filter((s) => withDecisions || !s.name.startsWith('decision-')),
      work: false,
    });

  // Alternating rounds with and without the decision subscribers, so drift on a shared machine
  // lands on both sides alike.
  const ROUNDS = 6;
  const per = Math.ceil(CHANGES / ROUNDS);
  await subscribe(false);
  await changes(100, 0); // warm-up
  const without: number[] = [];
  const withChecks: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    await subscribe(false);
    without.push(...(await changes(per, 100 + round * 2 * per)));
    await subscribe(true);
    withChecks.push(...(await changes(per, 100 + (round * 2 + 1) * per)));
  }
  without.sort((a, b) => a - b);
  withChecks.sort((a, b) => a - b);

  // The check as the worker runs it, over the changes just made (each one's own transaction).
  const causes = (
    await db.query(
      `select * from events where product_id = $1 and type = any($2) order by id desc limit $3`,
      [pid, [...CONTRADICTION_CAUSES], per * ROUNDS],
    )
  ).rows.map((row) => ({
    ...row,
    id: Number(row.id),
    productId: row.product_id,
    actorId: row.actor_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
  }));
  const checks: number[] = [];
  const flagging: number[] = [];
  for (const row of causes) {
    const event = toStoredEvent(row) as StoredEvent<ContradictionCause>;
    const started = performance.now();
    const n = await server.store.transaction((r) => flagContradictions(r, event));
    (n ? flagging : checks).push(performance.now() - started);
  }
  checks.sort((a, b) => a - b);
  flagging.sort((a, b) => a - b);
  const flagged = flagging.length;
  const p = (xs: number[], q: number) => quantile(xs, q).toFixed(2);
  const added99 = quantile(withChecks, 0.99) - quantile(without, 0.99);
  const added50 = quantile(withChecks, 0.5) - quantile(without, 0.5);
  report(
    `Contradiction checks per item change (${CHANGES} changes, 1,000 accepted decisions, ${flagged} flagged)`,
    [
      [
        'item change without decision subscribers',
        `median ${p(without, 0.5)} ms, p99 ${p(without, 0.99)} ms`,
        '(baseline)',
        true,
      ],
      [
        'item change with them (outbox enqueue)',
        `median ${p(withChecks, 0.5)} ms, p99 ${p(withChecks, 0.99)} ms`,
        '(compare)',
        true,
      ],
      [
        'added to the change by the check',
        `median ${added50.toFixed(2)} ms, p99 ${added99.toFixed(2)} ms`,
        'p99 ≤ 2 ms',
        added99 <= 2,
      ],
      [
        'the check itself (reaction, per change)',
        `median ${p(checks, 0.5)} ms, p99 ${p(checks, 0.99)} ms`,
        'p99 ≤ 2 ms',
        quantile(checks, 0.99) <= 2,
      ],
    ],
  );
  failed = process.exitCode === 1;
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
