import type { PokerItemRecord, PokerRepo, PokerSessionRecord } from '#app/poker/ports.ts';
import type { Queryable } from '#db/pool.ts';

const COLS = `id, product_id as "productId", title, scale, cards, item_ids as "itemIds",
  current_item_id as "currentItemId", round, status, created_at as "createdAt"`;

export function pokerRepo(db: Queryable): PokerRepo {
  return {
    async productOf(sessionId) {
      const r = await db.query<{ p: string }>('select product_id as p from poker_sessions where id = $1', [
        sessionId,
      ]);
      return r.rows[0]?.p ?? null;
    },
    async get(sessionId, lock) {
      const suffix = lock === 'share' ? ' for share' : lock === 'update' ? ' for update' : '';
      const r = await db.query<PokerSessionRecord>(
        `select ${COLS} from poker_sessions where id = $1${suffix}`,
        [sessionId],
      );
      return r.rows[0] ?? null;
    },
    async list(productId, limit) {
      const r = await db.query<PokerSessionRecord>(
        `select ${COLS} from poker_sessions where product_id = $1 order by created_at desc limit $2`,
        [productId, limit],
      );
      return r.rows;
    },
    async insert(s) {
      const r = await db.query<PokerSessionRecord>(
        `insert into poker_sessions (product_id, title, scale, cards, item_ids, current_item_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7) returning ${COLS}`,
        [s.productId, s.title, s.scale, s.cards, s.itemIds, s.currentItemId, s.createdBy],
      );
      return r.rows[0]!;
    },
    async update(sessionId, s) {
      await db.query(
        `update poker_sessions set status = $2, current_item_id = $3, round = $4,
           closed_at = case when $2 = 'closed' then now() else null end where id = $1`,
        [sessionId, s.status, s.currentItemId, s.round],
      );
    },
    async votes(sessionId, itemId, round) {
      const r = await db.query<{ userId: string; value: string }>(
        `select user_id as "userId", value from poker_votes
          where session_id = $1 and item_id = $2 and round = $3 order by at`,
        [sessionId, itemId, round],
      );
      return r.rows;
    },
    async rounds(sessionId) {
      const r = await db.query<{ itemId: string; round: number }>(
        `select item_id as "itemId", max(round)::int as round from poker_votes
          where session_id = $1 group by item_id`,
        [sessionId],
      );
      return Object.fromEntries(r.rows.map((x) => [x.itemId, x.round]));
    },
    async upsertVote(sessionId, itemId, round, userId, value) {
      await db.query(
        `insert into poker_votes (session_id, item_id, round, user_id, value) values ($1, $2, $3, $4, $5)
         on conflict (session_id, item_id, round, user_id) do update set value = excluded.value, at = now()`,
        [sessionId, itemId, round, userId, value],
      );
    },
    async results(sessionId) {
      const r = await db.query<{ itemId: string; value: string; points: number }>(
        `select item_id as "itemId", value, points from poker_results where session_id = $1 order by at`,
        [sessionId],
      );
      return r.rows;
    },
    async insertResult(sessionId, x) {
      await db.query(
        `insert into poker_results (session_id, item_id, value, points, voters, agreed_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (session_id, item_id) do update set value = excluded.value, points = excluded.points,
           voters = excluded.voters, agreed_by = excluded.agreed_by, at = now()`,
        [sessionId, x.itemId, x.value, x.points, JSON.stringify(x.voters), x.actorId],
      );
    },
    async items(productId, itemIds) {
      const r = await db.query<PokerItemRecord>(
        `select i.id as "itemId", p.key || '-' || i.number as key, i.title, i.size, i.type,
                i.problem, i.description, i.acceptance_criteria as "acceptanceCriteria"
           from unnest($2::uuid[]) with ordinality as x(id, n)
           join items i on i.id = x.id and i.product_id = $1 and i.deleted_at is null
           join products p on p.id = i.product_id
          order by x.n`,
        [productId, itemIds],
      );
      return r.rows;
    },
  };
}
