import { recordEvent } from '#app/events.ts';
import type { MemberRecord } from '#app/ports.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos } from '#app/store.ts';
import { invalid } from '#domain/errors.ts';

/**
 * Puts a member in the product's segments ("VIP members", "Secretariat"), so their answers and
 * votes read per segment. Every id must be one of this product's segments; the event records the
 * change (none when nothing changes).
 */
export async function setMemberSegments(
  r: Repos,
  ctx: ProductContext,
  member: MemberRecord,
  segmentIds: readonly string[],
): Promise<MemberRecord> {
  const known = new Set((await r.segments.list(ctx.productId)).map((s) => s.id));
  const unknown = segmentIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw invalid({
      segmentIds: `${unknown.length === 1 ? 'This is not a segment' : 'These are not segments'} of this product: ${unknown.join(', ')}`,
    });
  const next = [...new Set(segmentIds)].sort();
  const before = [...member.segmentIds].sort();
  if (next.join() === before.join()) return member;
  await r.members.setSegments(ctx.productId, member.userId, next);
  await recordEvent(r, {
    productId: ctx.productId,
    actorId: ctx.actor.userId,
    entityType: 'member',
    entityId: member.userId,
    type: 'member.segments_changed',
    before: { segmentIds: before },
    after: { segmentIds: next, name: member.name },
  });
  return { ...member, segmentIds: next };
}
