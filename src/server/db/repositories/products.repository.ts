import { CHANGES_CHANNEL, rolesTopic } from '#app/change-feed.ts';
import type {
  MemberRecord,
  MembersRepo,
  ProductRecord,
  ProductsRepo,
  SegmentRecord,
  SegmentsRepo,
} from '#app/ports.ts';
import type { Queryable } from '#db/pool.ts';
import type { ProductRole } from '#domain/roles.ts';
import { eventsRepo } from './events.repository.ts';

/** Membership changed: every instance drops its cached roles on this product when this commits. */
const notifyRoles = (db: Queryable, productId: string) =>
  eventsRepo(db).notify(CHANGES_CHANNEL, rolesTopic(productId));

const PRODUCT_COLS = 'p.id, p.name, p.key, p.description, p.version, p.created_at as "createdAt"';

export function productsRepo(db: Queryable): ProductsRepo {
  return {
    async insert(p) {
      const r = await db.query<ProductRecord>(
        `insert into products as p (name, key, description) values ($1, $2, $3) returning ${PRODUCT_COLS}`,
        [p.name, p.key, p.description],
      );
      return r.rows[0]!;
    },
    async byId(id) {
      const r = await db.query<ProductRecord>(
        `select ${PRODUCT_COLS} from products p where p.id = $1 and p.deleted_at is null`,
        [id],
      );
      return r.rows[0] ?? null;
    },
    async keyTaken(key, exceptId) {
      const r = await db.query(
        'select 1 from products where key = $1 and deleted_at is null and id is distinct from $2',
        [key, exceptId ?? null],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async listForUser(userId) {
      const r = await db.query<ProductRecord & { role: ProductRole }>(
        `select ${PRODUCT_COLS}, m.role from products p join product_members m on m.product_id = p.id
          where m.user_id = $1 and p.deleted_at is null order by lower(p.name)`,
        [userId],
      );
      return r.rows;
    },
    async update(id, version, patch) {
      const r = await db.query<ProductRecord>(
        `update products p set name = coalesce($3, name), key = coalesce($4, key),
           description = coalesce($5, description), version = version + 1
         where id = $1 and version = $2 and deleted_at is null returning ${PRODUCT_COLS}`,
        [id, version, patch.name ?? null, patch.key ?? null, patch.description ?? null],
      );
      return r.rows[0] ?? null;
    },
    async softDelete(id) {
      await db.query('update products set deleted_at = now() where id = $1', [id]);
      await notifyRoles(db, id);
    },
    async nextItemNumbers(id, count) {
      const r = await db.query<{ last: number }>(
        'update products set item_seq = item_seq + $2 where id = $1 returning item_seq as last',
        [id, count],
      );
      return r.rows[0]!.last - count + 1;
    },
  };
}

const MEMBER_COLS = `m.product_id as "productId", m.user_id as "userId", u.name, u.email, m.role,
  m.added_at as "addedAt", u.password_hash is not null as "hasPassword", array(select ms.segment_id from member_segments ms
    where ms.product_id = m.product_id and ms.user_id = m.user_id order by ms.segment_id) as "segmentIds"`;

export function membersRepo(db: Queryable): MembersRepo {
  return {
    async roleOf(productId, userId) {
      const r = await db.query<{ role: ProductRole }>(
        `select m.role from product_members m join products p on p.id = m.product_id
          where m.product_id = $1 and m.user_id = $2 and p.deleted_at is null`,
        [productId, userId],
      );
      return r.rows[0]?.role ?? null;
    },
    async list(productId) {
      const r = await db.query<MemberRecord>(
        `select ${MEMBER_COLS} from product_members m join users u on u.id = m.user_id
          where m.product_id = $1 order by array_position(array['owner','facilitator','team','stakeholder','viewer'], m.role), lower(u.name)`,
        [productId],
      );
      return r.rows;
    },
    async get(productId, userId) {
      const r = await db.query<MemberRecord>(
        `select ${MEMBER_COLS} from product_members m join users u on u.id = m.user_id
          where m.product_id = $1 and m.user_id = $2`,
        [productId, userId],
      );
      return r.rows[0] ?? null;
    },
    async upsert(productId, userId, role) {
      await db.query(
        `insert into product_members (product_id, user_id, role) values ($1, $2, $3)
         on conflict (product_id, user_id) do update set role = excluded.role`,
        [productId, userId, role],
      );
      await notifyRoles(db, productId);
      return (await this.get(productId, userId))!;
    },
    async remove(productId, userId) {
      const r = await db.query('delete from product_members where product_id = $1 and user_id = $2', [
        productId,
        userId,
      ]);
      await notifyRoles(db, productId);
      return (r.rowCount ?? 0) > 0;
    },
    async countOwners(productId) {
      const r = await db.query<{ n: number }>(
        "select count(*)::int as n from product_members where product_id = $1 and role = 'owner'",
        [productId],
      );
      return r.rows[0]!.n;
    },
    async setSegments(productId, userId, segmentIds) {
      await db.query('delete from member_segments where product_id = $1 and user_id = $2', [
        productId,
        userId,
      ]);
      await db.query(
        `insert into member_segments (product_id, user_id, segment_id)
         select $1, $2, s from unnest($3::uuid[]) s on conflict do nothing`,
        [productId, userId, [...segmentIds]],
      );
    },
  };
}

const SEGMENT_COLS = 'id, product_id as "productId", name, description, target_share as "targetShare"';

export function segmentsRepo(db: Queryable): SegmentsRepo {
  return {
    async list(productId) {
      const r = await db.query<SegmentRecord>(
        `select ${SEGMENT_COLS} from segments where product_id = $1 order by created_at, name`,
        [productId],
      );
      return r.rows;
    },
    async get(productId, id) {
      const r = await db.query<SegmentRecord>(
        `select ${SEGMENT_COLS} from segments where product_id = $1 and id = $2`,
        [productId, id],
      );
      return r.rows[0] ?? null;
    },
    async nameTaken(productId, name, exceptId) {
      const r = await db.query(
        'select 1 from segments where product_id = $1 and lower(name) = lower($2) and id is distinct from $3',
        [productId, name, exceptId ?? null],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async insert(s) {
      const r = await db.query<SegmentRecord>(
        `insert into segments (product_id, name, description, target_share) values ($1, $2, $3, $4) returning ${SEGMENT_COLS}`,
        [s.productId, s.name, s.description, s.targetShare],
      );
      return r.rows[0]!;
    },
    async update(productId, id, patch) {
      const r = await db.query<SegmentRecord>(
        `update segments set name = coalesce($3, name), description = coalesce($4, description),
           target_share = case when $5::boolean then $6::numeric else target_share end
         where product_id = $1 and id = $2 returning ${SEGMENT_COLS}`,
        [
          productId,
          id,
          patch.name ?? null,
          patch.description ?? null,
          'targetShare' in patch,
          patch.targetShare ?? null,
        ],
      );
      return r.rows[0] ?? null;
    },
    async remove(productId, id) {
      const r = await db.query('delete from segments where product_id = $1 and id = $2', [productId, id]);
      return (r.rowCount ?? 0) > 0;
    },
  };
}
