import type { ReleaseRecord, ReleasesRepo } from '#app/releases/ports.ts';
import type { Queryable } from '#db/pool.ts';

const COLS = `r.id, r.product_id as "productId", r.name, r.target_date::text as "targetDate",
  r.shipped_at as "shippedAt", r.vote_budget as "voteBudget", r.vote_opened_at as "voteOpenedAt",
  r.vote_closes_at as "voteClosesAt", r.version, r.created_at as "createdAt",
  (select count(*)::int from release_candidates c where c.release_id = r.id) as candidates`;

/** Finished work has no place in the order to compare with (as in domain/backlog/wsjf.ts). */
const OPEN = `i.deleted_at is null and i.status not in ('done', 'accepted', 'rejected')`;

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export function releasesRepo(db: Queryable): ReleasesRepo {
  const one = async (sql: string, values: unknown[]) =>
    (await db.query<ReleaseRecord>(sql, values)).rows[0] ?? null;
  const byId = (id: string) => one(`select ${COLS} from releases r where r.id = $1`, [id]);

  return {
    async productOf(releaseId) {
      const r = await db.query<{ p: string }>('select product_id as p from releases where id = $1', [
        releaseId,
      ]);
      return r.rows[0]?.p ?? null;
    },
    get(releaseId, lock) {
      const suffix = lock === 'update' ? ' for update of r' : '';
      return one(`select ${COLS} from releases r where r.id = $1${suffix}`, [releaseId]);
    },
    async forBallot(releaseId) {
      // The release row under a key-share lock (what the voter row's foreign key takes anyway):
      // ballots run side by side, and the PO's re-open (for update) waits for them.
      const r = await db.query<ReleaseRecord & { candidateIds: string[] }>(
        `select ${COLS}, coalesce((select array_agg(c.item_id order by c.position) from release_candidates c
                  join items i on i.id = c.item_id and i.deleted_at is null where c.release_id = r.id),
                  '{}') as "candidateIds"
           from releases r where r.id = $1 for key share of r`,
        [releaseId],
      );
      return r.rows[0] ?? null;
    },
    async list(productId) {
      const r = await db.query<ReleaseRecord>(
        `select ${COLS} from releases r where r.product_id = $1
          order by r.shipped_at is not null, r.target_date nulls last, r.created_at`,
        [productId],
      );
      return r.rows;
    },
    async insert(rel) {
      try {
        const r = await db.query<{ id: string }>(
          `insert into releases (product_id, name, target_date) values ($1, $2, $3) returning id`,
          [rel.productId, rel.name, rel.targetDate],
        );
        return byId(r.rows[0]!.id);
      } catch (e) {
        if (isUniqueViolation(e)) return null;
        throw e;
      }
    },
    async update(releaseId, patch) {
      try {
        await db.query(
          `update releases set
             name = case when $2::boolean then $3 else name end,
             target_date = case when $4::boolean then $5::date else target_date end,
             version = version + 1
           where id = $1`,
          [
            releaseId,
            patch.name !== undefined,
            patch.name ?? null,
            patch.targetDate !== undefined,
            patch.targetDate ?? null,
          ],
        );
      } catch (e) {
        if (isUniqueViolation(e)) return null;
        throw e;
      }
      return byId(releaseId);
    },
    async ship(releaseId) {
      await db.query('update releases set shipped_at = now(), version = version + 1 where id = $1', [
        releaseId,
      ]);
      return (await byId(releaseId))!;
    },
    async items(releaseId) {
      const r = await db.query<{ id: string; key: string; title: string; status: string }>(
        `select i.id, p.key || '-' || i.number as key, i.title, i.status
           from items i join item_order ord on ord.item_id = i.id join products p on p.id = i.product_id
          where i.release_id = $1 and i.deleted_at is null order by ord.rank`,
        [releaseId],
      );
      return r.rows;
    },
    async candidateIds(releaseId) {
      const r = await db.query<{ id: string }>(
        `select c.item_id as id from release_candidates c join items i on i.id = c.item_id
          where c.release_id = $1 and i.deleted_at is null order by c.position`,
        [releaseId],
      );
      return r.rows.map((x) => x.id);
    },
    async candidates(releaseId) {
      const r = await db.query<{ itemId: string; key: string; title: string; problem: string }>(
        `select i.id as "itemId", p.key || '-' || i.number as key, i.title, i.problem
           from release_candidates c join items i on i.id = c.item_id join products p on p.id = i.product_id
          where c.release_id = $1 and i.deleted_at is null order by c.position`,
        [releaseId],
      );
      return r.rows;
    },
    async liveItems(productId, itemIds) {
      const r = await db.query<{ id: string }>(
        `select id from items where product_id = $1 and id = any($2::uuid[]) and deleted_at is null`,
        [productId, itemIds],
      );
      return new Set(r.rows.map((x) => x.id));
    },
    async openVote(releaseId, v) {
      await db.query(
        `update releases set vote_budget = $2, vote_closes_at = $3,
           vote_opened_at = coalesce(vote_opened_at, now()), version = version + 1 where id = $1`,
        [releaseId, v.budget, v.closesAt],
      );
      await db.query(`delete from release_candidates where release_id = $1 and item_id <> all($2::uuid[])`, [
        releaseId,
        v.itemIds,
      ]);
      await db.query(
        `insert into release_candidates (release_id, item_id, position)
         select $1, id, ord from unnest($2::uuid[]) with ordinality as x(id, ord)
         on conflict (release_id, item_id) do update set position = excluded.position`,
        [releaseId, v.itemIds],
      );
      // Points on dropped candidates go back to their voters.
      await db.query(`delete from release_votes where release_id = $1 and item_id <> all($2::uuid[])`, [
        releaseId,
        v.itemIds,
      ]);
      await db.query(
        `update release_voters rv set total = coalesce(
           (select sum(points) from release_votes v where v.release_id = rv.release_id and v.user_id = rv.user_id), 0)
          where rv.release_id = $1`,
        [releaseId],
      );
      return (await byId(releaseId))!;
    },
    async maxSpent(releaseId) {
      const r = await db.query<{ m: number }>(
        'select coalesce(max(total), 0)::int as m from release_voters where release_id = $1',
        [releaseId],
      );
      return r.rows[0]!.m;
    },
    async lockVoters(releaseId, voters) {
      // The upsert takes each row's lock in the given order (a second allocation by the same
      // person, in another batch or on another instance, waits here).
      await db.query(
        `insert into release_voters (release_id, user_id, total)
         select $1, x.user_id, x.total from unnest($2::uuid[], $3::int[]) with ordinality as x(user_id, total, n)
          order by x.n
         on conflict (release_id, user_id) do update set total = excluded.total, updated_at = now()`,
        [releaseId, voters.map((v) => v.userId), voters.map((v) => v.total)],
      );
    },
    async replaceVotes(releaseId, userIds, votes) {
      // Runs after lockVoters, in a statement of its own, so it sees the allocations committed
      // before in full: upsert the new points, drop the candidates no longer in each allocation.
      await db.query(
        `with wanted as (
           select x.user_id, x.item_id, x.points
             from unnest($3::uuid[], $4::uuid[], $5::int[]) as x(user_id, item_id, points)),
         upserted as (
           insert into release_votes (release_id, user_id, item_id, points)
           select $1, user_id, item_id, points from wanted
           on conflict (release_id, user_id, item_id) do update set points = excluded.points
           returning item_id)
         delete from release_votes v
          where v.release_id = $1 and v.user_id = any($2::uuid[])
            and not exists (select 1 from wanted w where w.user_id = v.user_id and w.item_id = v.item_id)`,
        [
          releaseId,
          userIds,
          votes.map((v) => v.userId),
          votes.map((v) => v.itemId),
          votes.map((v) => v.points),
        ],
      );
    },
    async myVotes(releaseId, userId) {
      const r = await db.query<{ itemId: string; points: number }>(
        `select v.item_id as "itemId", v.points from release_votes v
           join release_candidates c on c.release_id = v.release_id and c.item_id = v.item_id
          where v.release_id = $1 and v.user_id = $2 order by c.position`,
        [releaseId, userId],
      );
      return r.rows;
    },
    async tallies(releaseId, productId) {
      // One statement: ranks of the open backlog (manual and WSJF order, ties by the manual
      // order as wsjfOrder does; an item without an estimate has no WSJF rank), totals per
      // candidate, and per segment of the voters.
      const r = await db.query(
        `with open_items as (
           select i.id,
                  row_number() over (order by ord.rank)::int as backlog_rank,
                  case when i.wsjf is not null then
                    row_number() over (order by (i.wsjf is null), i.wsjf desc, ord.rank)::int end as wsjf_rank
             from items i join item_order ord on ord.item_id = i.id
            where i.product_id = $2 and ${OPEN}
         ),
         totals as (
           select item_id, sum(points)::int as points, count(*)::int as voters
             from release_votes where release_id = $1 group by item_id
         ),
         by_segment as (
           select x.item_id, json_agg(json_build_object('segmentId', x.segment_id, 'name', s.name,
                    'points', x.points, 'voters', x.voters) order by lower(s.name)) as segs
             from (select v.item_id, ms.segment_id, sum(v.points)::int as points, count(*)::int as voters
                     from release_votes v
                     join member_segments ms on ms.product_id = $2 and ms.user_id = v.user_id
                    where v.release_id = $1 group by v.item_id, ms.segment_id) x
             join segments s on s.id = x.segment_id
            group by x.item_id
         )
         select c.item_id as "itemId", p.key || '-' || i.number as key, i.title, c.position,
                coalesce(t.points, 0) as points, coalesce(t.voters, 0) as voters,
                coalesce(b.segs, '[]'::json) as "bySegment",
                o.backlog_rank as "backlogRank", o.wsjf_rank as "wsjfRank",
                (select count(*)::int from release_voters rv where rv.release_id = $1 and rv.total > 0) as "allVoters"
           from release_candidates c
           join items i on i.id = c.item_id and i.deleted_at is null
           join products p on p.id = i.product_id
           left join open_items o on o.id = c.item_id
           left join totals t on t.item_id = c.item_id
           left join by_segment b on b.item_id = c.item_id
          where c.release_id = $1
          order by c.position`,
        [releaseId, productId],
      );
      const voters = (r.rows[0]?.allVoters as number | undefined) ?? 0;
      const candidates = r.rows.map(({ allVoters: _a, ...c }) => c) as Awaited<
        ReturnType<ReleasesRepo['tallies']>
      >['candidates'];
      return { voters, candidates };
    },
    async segments(productId) {
      const r = await db.query<{ segmentId: string; name: string }>(
        `select id as "segmentId", name from segments where product_id = $1 order by lower(name)`,
        [productId],
      );
      return r.rows;
    },
  };
}
