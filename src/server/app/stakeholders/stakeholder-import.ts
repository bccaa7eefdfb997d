import { type ChangeFeed, rolesTopic } from '#app/change-feed.ts';
import { recordEvent } from '#app/events.ts';
import { setMemberSegments } from '#app/member-segments.ts';
import type { MemberRecord, SegmentRecord, UserRecord } from '#app/ports.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { Email, PersonName } from '#contracts/common.ts';
import type { StakeholderPreview, StakeholderRow } from '#contracts/stakeholders.ts';
import { parseCsv } from '#domain/backlog/csv-mapping.ts';
import { AppError, invalid } from '#domain/errors.ts';
import { ROLE_LABELS } from '#domain/roles.ts';

/** A row of the list as read, with what it names in this workspace. */
interface Planned extends StakeholderRow {
  user: UserRecord | null;
  segmentIds: string[];
}

const HEADER_NAMES = { name: ['name', 'full name', 'person'], email: ['email', 'e-mail', 'mail'] };
const SEGMENT_HEADERS = ['segment', 'segments', 'customer segment', 'group'];

/** Where name, email and segment sit: from a header row when the first row is one, else in that order. */
function columnsOf(first: readonly string[]) {
  const cells = first.map((c) => c.trim().toLowerCase());
  const find = (names: readonly string[]) => cells.findIndex((c) => names.includes(c));
  const email = find(HEADER_NAMES.email);
  if (email < 0) return { header: false, name: 0, email: 1, segment: 2 };
  return { header: true, name: find(HEADER_NAMES.name), email, segment: find(SEGMENT_HEADERS) };
}

const firstMessage = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  r.success ? null : (r.error?.issues[0]?.message ?? 'Not valid');

/**
 * Reads a list of `name, email[, segment]` (CSV through the item import's parser, header
 * optional, several segments separated by `;`) and decides each row against the workspace and
 * the product, without writing: create an account, add an account, already a stakeholder, or the
 * errors by field.
 */
async function plan(r: Repos, productId: string, csv: string): Promise<Planned[]> {
  const parsed = parseCsv(csv);
  if (parsed.error) throw invalid({ csv: parsed.error });
  const rows = parsed.rows;
  if (!rows.length) throw invalid({ csv: 'The list is empty' });
  const cols = columnsOf(rows[0]!);
  const segments = await r.segments.list(productId);
  const byName = new Map<string, SegmentRecord>(segments.map((s) => [s.name.trim().toLowerCase(), s]));
  const cell = (cells: readonly string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');

  const read = rows.slice(cols.header ? 1 : 0).map((cells, i) => {
    const line = i + (cols.header ? 2 : 1);
    const name = cell(cells, cols.name);
    const rawEmail = cell(cells, cols.email);
    const errors: Record<string, string> = {};
    const n = PersonName.safeParse(name);
    if (!n.success) errors.name = name ? (firstMessage(n) ?? 'Not a valid name') : 'Enter a name';
    const e = Email.safeParse(rawEmail);
    if (!e.success) errors.email = rawEmail ? 'Not a valid email address' : 'Enter an email address';
    const segmentNames = cell(cells, cols.segment)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    const found = segmentNames.map((s) => byName.get(s.toLowerCase()));
    const missing = segmentNames.filter((_, k) => !found[k]);
    if (missing.length)
      errors.segment = `No segment called ${missing.map((m) => `“${m}”`).join(', ')} in this product${
        segments.length ? ` (there are ${segments.map((s) => s.name).join(', ')})` : ''
      }`;
    return {
      line,
      name,
      email: e.success ? e.data : rawEmail,
      segments: found.filter((s): s is SegmentRecord => !!s).map((s) => s.name),
      segmentIds: found.filter((s): s is SegmentRecord => !!s).map((s) => s.id),
      errors,
    };
  });

  const emails = read.filter((row) => !row.errors.email).map((row) => row.email);
  const users = new Map((await r.users.byEmails(emails)).map((u) => [u.email, u]));
  const members = new Map<string, MemberRecord>((await r.members.list(productId)).map((m) => [m.userId, m]));
  const seen = new Map<string, number>();
  return read.map((row): Planned => {
    const user = users.get(row.email) ?? null;
    if (!row.errors.email) {
      const earlier = seen.get(row.email);
      if (earlier !== undefined) row.errors.email = `Listed twice: also on line ${earlier}`;
      else seen.set(row.email, row.line);
    }
    const member = user ? members.get(user.id) : undefined;
    if (!row.errors.email && user?.disabled) row.errors.email = 'This account is disabled';
    if (!row.errors.email && member && member.role !== 'stakeholder')
      row.errors.email = `Already a member of this product as ${ROLE_LABELS[member.role]}`;
    const action = Object.keys(row.errors).length ? 'error' : !user ? 'create' : member ? 'member' : 'add';
    return { ...row, action, user };
  });
}

const present = (rows: Planned[]): StakeholderPreview => ({
  rows: rows.map(({ user: _u, segmentIds: _s, ...row }) => row),
  counts: {
    create: rows.filter((r) => r.action === 'create').length,
    add: rows.filter((r) => r.action === 'add').length,
    member: rows.filter((r) => r.action === 'member').length,
    error: rows.filter((r) => r.action === 'error').length,
  },
});

export function stakeholderImportUseCases(store: Store, changes?: ChangeFeed) {
  return {
    previewStakeholders: async (ctx: ProductContext, csv: string) =>
      present(await plan(store.read, ctx.productId, csv)),

    /**
     * Adds the whole list in one transaction, or nothing when any row has an error. New emails get
     * an account without a password (they sign in by a personal link); everyone listed becomes a
     * stakeholder with the segments the list names.
     */
    async importStakeholders(ctx: ProductContext, csv: string) {
      const result = await store.transaction(async (r) => {
        const rows = await plan(r, ctx.productId, csv);
        const bad = rows.filter((row) => row.action === 'error');
        if (bad.length)
          throw new AppError(
            'validation_failed',
            'Some rows have errors; nothing was added.',
            {
              csv: bad
                .slice(0, 5)
                .map((b) => `Line ${b.line}: ${Object.values(b.errors).join('; ')}`)
                .join(' · '),
            },
            present(rows),
          );
        let created = 0;
        let added = 0;
        let alreadyMembers = 0;
        for (const row of rows) {
          let user = row.user;
          if (!user) {
            user = await r.users.insert({
              email: row.email,
              name: row.name,
              passwordHash: null,
              workspaceRole: 'member',
            });
            created++;
            await recordEvent(r, {
              productId: null,
              actorId: ctx.actor.userId,
              entityType: 'user',
              entityId: user.id,
              type: 'user.created',
              after: { email: user.email, name: user.name, workspaceRole: 'member' },
            });
          }
          if (row.action === 'member') {
            alreadyMembers++;
            const member = await r.members.get(ctx.productId, user.id);
            if (member && row.segmentIds.length) await setMemberSegments(r, ctx, member, row.segmentIds);
            continue;
          }
          await r.members.upsert(ctx.productId, user.id, 'stakeholder');
          if (row.segmentIds.length) await r.members.setSegments(ctx.productId, user.id, row.segmentIds);
          added++;
          await recordEvent(r, {
            productId: ctx.productId,
            actorId: ctx.actor.userId,
            entityType: 'member',
            entityId: user.id,
            type: 'member.added',
            after: { role: 'stakeholder', name: user.name },
          });
        }
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'product',
          entityId: ctx.productId,
          type: 'stakeholders.imported',
          after: { added, alreadyMembers, created },
        });
        return { created, added, alreadyMembers };
      });
      // This instance's cached roles go now (the others hear the repository's NOTIFY).
      changes?.touched(rolesTopic(ctx.productId));
      return result;
    },
  };
}
