import { recordEvents } from '#app/events.ts';
import type { NewEvent } from '#app/ports.ts';
import { refreshSla, touchesSla } from '#app/sla/refresh.ts';
import type { Repos } from '#app/store.ts';
import { checkReadiness, type DefinitionOfReady } from '#domain/backlog/definition-of-ready.ts';
import { type Blocker, type InvestFinding, investFacts } from '#domain/backlog/invest.ts';
import {
  decided,
  decideItem,
  type ItemChange,
  type ItemContext,
  type ItemState,
  needs,
} from '#domain/backlog/item-aggregate.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import type { ItemRecord, ItemWritable } from './ports.ts';

/**
 * The app side of the item aggregate (domain/backlog/item-aggregate.ts): load what the rule
 * needs, let the domain decide, write the decision and its events. Every item write goes through
 * `decideFor` and `applyDecision`.
 */

export async function loadItem(
  r: Repos,
  productId: string,
  itemId: string,
  lock = false,
): Promise<ItemRecord> {
  const item = await r.items.byId(itemId, lock);
  if (!item || item.productId !== productId) throw notFound('That item');
  return item;
}

/** Segments must be the product's own; the assignee must be a member. Names each bad field. */
export async function checkReferences(
  r: Repos,
  productId: string,
  patch: {
    segmentIds?: readonly string[] | undefined;
    assigneeId?: string | null | undefined;
    releaseId?: string | null | undefined;
  },
): Promise<void> {
  const fields: Record<string, string> = {};
  if (patch.segmentIds?.length) {
    const found = new Set(await r.items.existingSegments(productId, [...patch.segmentIds]));
    const missing = patch.segmentIds.filter((id) => !found.has(id));
    if (missing.length) fields.segmentIds = `Not a segment of this product: ${missing.join(', ')}`;
  }
  if (patch.assigneeId && !(await r.members.roleOf(productId, patch.assigneeId)))
    fields.assigneeId = 'The assignee must be a member of this product';
  if (patch.releaseId) {
    const release = await r.releases.get(patch.releaseId);
    if (!release || release.productId !== productId) fields.releaseId = 'Not a release of this product';
    else if (release.shippedAt) fields.releaseId = `${release.name} has already shipped`;
  }
  if (Object.keys(fields).length) throw invalid(fields);
}

/** Items that block this one ("X blocks this item"), with their type and status. */
export async function blockersOf(r: Repos, itemId: string | null): Promise<Blocker[]> {
  if (!itemId) return [];
  const links = await r.itemLinks.forItem(itemId);
  return links
    .filter((l) => l.kind === 'blocks' && l.direction === 'incoming')
    .map((l) => ({ key: l.other.key, type: l.other.type, status: l.other.status }));
}

/** INVEST findings and the Definition of Ready gaps of an item, by its product's settings. */
export async function investFor(
  r: Repos,
  item: Pick<ItemRecord, 'id' | 'productId'> & ItemState,
): Promise<{ findings: InvestFinding[]; gaps: InvestFinding[] }> {
  const blockers = await blockersOf(r, item.id);
  const { findings, gaps } = checkReadiness(
    investFacts(item, blockers),
    await definitionOfReady(r, item.productId),
  );
  return { findings, gaps };
}

export async function definitionOfReady(r: Repos, productId: string): Promise<DefinitionOfReady> {
  const settings = await r.backlogSettings.get(productId);
  return { checks: settings.definitionOfReady, splitThreshold: settings.splitThreshold };
}

export type DecideOptions = Omit<ItemContext, 'readiness' | 'activeSprint' | 'key'>;

/**
 * Loads what the rule reads for this change (the Definition of Ready when the item becomes
 * ready, the active sprint when its size changes) and decides; throws the refusal.
 */
export async function decideFor(
  r: Repos,
  productId: string,
  current: ItemRecord | null,
  change: ItemChange,
  opts: DecideOptions,
  /** Settings already loaded (an import decides many rows of one product). */
  loaded?: { definitionOfReady?: DefinitionOfReady },
) {
  const need = needs(current, change, opts);
  const ctx: ItemContext = { ...opts, key: current?.key };
  if (need.readiness) {
    ctx.readiness = {
      definitionOfReady: loaded?.definitionOfReady ?? (await definitionOfReady(r, productId)),
      blockers: await blockersOf(r, current?.id ?? null),
    };
  }
  if (need.activeSprint && current) {
    const sprintId = await r.sprints.openSprintOf(current.id);
    const sprint = sprintId ? await r.sprints.get(sprintId) : null;
    ctx.activeSprint = sprint?.state === 'active' ? { id: sprint.id, name: sprint.name } : null;
  }
  return decided(decideItem(current, change, ctx));
}

export type Decision = Awaited<ReturnType<typeof decideFor>>;

const COLUMNS: ReadonlyArray<keyof ItemWritable> = [
  'type',
  'title',
  'problem',
  'description',
  'acceptanceCriteria',
  'category',
  'labels',
  'assigneeId',
  'status',
  'businessValue',
  'timeCriticality',
  'riskReduction',
  'size',
  'releaseCritical',
  'published',
  'releaseId',
  'severity',
  'waiting',
];

/** The columns a decided change writes (segments are written on their own). */
export function columnsOf(d: Decision): Partial<ItemWritable> {
  const out: Record<string, unknown> = {};
  for (const f of d.changed) if ((COLUMNS as readonly string[]).includes(f)) out[f] = d.next[f];
  return out as Partial<ItemWritable>;
}

export const versionConflict = (current: ItemRecord | null, by: { id: string; name: string } | null = null) =>
  new AppError('version_conflict', 'Someone changed this item since you loaded it.', undefined, {
    current,
    by,
  });

/** The 412 for a stale version, naming who saved last (the actor of the item's latest event). */
export async function staleItem(r: Repos, productId: string, current: ItemRecord | null) {
  const [last] = current
    ? await r.events.list({ productId, entityType: 'item', entityId: current.id, limit: 1 })
    : [];
  const by = last?.actorId ? { id: last.actorId, name: last.actorName ?? 'Someone' } : null;
  return versionConflict(current, by);
}

/**
 * Writes a decided change of an existing item at `version` (412 when someone saved first) and
 * appends its events; returns the item as saved.
 */
export async function applyDecision(
  r: Repos,
  actor: { productId: string; actorId: string },
  current: ItemRecord,
  version: number,
  d: Decision,
): Promise<ItemRecord> {
  let after: ItemRecord | null = current;
  const columns = columnsOf(d);
  const segments = d.changed.includes('segmentIds');
  if (Object.keys(columns).length || segments) {
    after = await r.items.update(current.id, version, columns);
    if (!after) throw await staleItem(r, actor.productId, await r.items.byId(current.id));
    if (segments) {
      await r.items.setSegments(current.id, [...d.next.segmentIds]);
      after = (await r.items.byId(current.id))!;
    }
  }
  await recordEvents(r, itemEvents(actor, current.id, d));
  // A defect's SLA clocks move with its status, waiting flag and severity (issue 13).
  if ((current.type === 'defect' || after.type === 'defect') && touchesSla(d.changed)) {
    await refreshSla(r, actor.productId, [current.id], Date.now());
    after = (await r.items.byId(current.id))!;
  }
  return after;
}

export function itemEvents(
  actor: { productId: string; actorId: string },
  itemId: string,
  d: Pick<Decision, 'events'>,
  extra: Record<string, unknown> = {},
): NewEvent[] {
  // The aggregate (domain/) names the changed fields without knowing the catalog (contracts/);
  // recordEvent holds every payload to the catalog at runtime.
  return d.events.map(
    (e) =>
      ({
        productId: actor.productId,
        actorId: actor.actorId,
        entityType: 'item',
        entityId: itemId,
        type: e.type,
        ...(e.before ? { before: e.before } : {}),
        after: { ...extra, ...e.after },
      }) as NewEvent,
  );
}

/**
 * A change another capability makes to an item (sprint done/review/close/resize, poker's agreed
 * size): through the same aggregate and the same writer as the form, at the version just read.
 */
export async function changeItem(
  r: Repos,
  ctx: { productId: string; actorId: string; role: ItemContext['role'] },
  itemId: string,
  change: ItemChange,
  opts: Pick<ItemContext, 'path' | 'note'>,
): Promise<ItemRecord> {
  // Locked: no edit slips in between this read and the write (the path has no If-Match).
  const current = await loadItem(r, ctx.productId, itemId, true);
  const d = await decideFor(r, ctx.productId, current, change, { role: ctx.role, ...opts });
  return applyDecision(r, ctx, current, current.version, d);
}
