import type { Repos } from '#app/store.ts';
import { type InvestFinding, investCheck, readinessGaps } from '#domain/backlog/invest.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import type { ProductRole } from '#domain/roles.ts';
import type { ItemRecord, ItemWritable } from './ports.ts';

/** Shared checks for item writes: ownership of fields, references, the Definition of Ready. */

export async function loadItem(r: Repos, productId: string, itemId: string): Promise<ItemRecord> {
  const item = await r.items.byId(itemId);
  if (!item || item.productId !== productId) throw notFound('That item');
  return item;
}

const VALUE_FIELDS = ['businessValue', 'timeCriticality', 'riskReduction'] as const;

/**
 * Seed 003: only the team estimates; the PO sets the value inputs. A field counts as "set" only
 * when it changes, so a form sent back whole does not trip the rule.
 */
export function checkFieldOwnership(
  role: ProductRole,
  next: Partial<ItemWritable>,
  current: Partial<ItemWritable> | null,
): void {
  const changes = (f: keyof ItemWritable) =>
    next[f] !== undefined && (current ? next[f] !== current[f] : next[f] !== null);
  if (changes('size') && role !== 'team') {
    throw new AppError(
      'estimate_by_team_only',
      'The team estimates: only team members can set the size (story points).',
      { size: 'Only team members can estimate' },
    );
  }
  const value = VALUE_FIELDS.filter(changes);
  if (value.length && role !== 'owner') {
    throw new AppError(
      'forbidden',
      'Only the Product Owner sets business value, time criticality and risk reduction.',
      Object.fromEntries(value.map((f) => [f, 'Set by the Product Owner'])),
    );
  }
  if (
    (next.status === 'accepted' || next.status === 'rejected') &&
    next.status !== current?.status &&
    role !== 'owner'
  ) {
    throw new AppError('forbidden', 'Only the Product Owner accepts or rejects items.', {
      status: 'Accepted or rejected by the Product Owner',
    });
  }
  if (role === 'stakeholder' || role === 'viewer') {
    throw new AppError('forbidden', 'Stakeholders can comment on items but not change them.');
  }
}

/** Segments must be the product's own; the assignee must be a member. Names each bad field. */
export async function checkReferences(
  r: Repos,
  productId: string,
  patch: { segmentIds?: string[] | undefined; assigneeId?: string | null | undefined },
): Promise<void> {
  const fields: Record<string, string> = {};
  if (patch.segmentIds?.length) {
    const found = new Set(await r.items.existingSegments(productId, patch.segmentIds));
    const missing = patch.segmentIds.filter((id) => !found.has(id));
    if (missing.length) fields.segmentIds = `Not a segment of this product: ${missing.join(', ')}`;
  }
  if (patch.assigneeId && !(await r.members.roleOf(productId, patch.assigneeId)))
    fields.assigneeId = 'The assignee must be a member of this product';
  if (Object.keys(fields).length) throw invalid(fields);
}

export async function investFor(
  r: Repos,
  item: Pick<
    ItemRecord,
    | 'id'
    | 'type'
    | 'problem'
    | 'description'
    | 'acceptanceCriteria'
    | 'segmentIds'
    | 'businessValue'
    | 'timeCriticality'
    | 'riskReduction'
    | 'size'
    | 'productId'
  >,
): Promise<{ findings: InvestFinding[]; gaps: InvestFinding[] }> {
  const [links, settings] = await Promise.all([
    item.id ? r.itemLinks.forItem(item.id) : Promise.resolve([]),
    r.backlogSettings.get(item.productId),
  ]);
  const blockers = links
    .filter((l) => l.kind === 'blocks' && l.direction === 'incoming')
    .map((l) => ({ key: l.other.key, type: l.other.type, status: l.other.status }));
  const findings = investCheck(item, { blockers, splitThreshold: settings.splitThreshold });
  return { findings, gaps: readinessGaps(findings, settings.definitionOfReady) };
}

/** The Definition of Ready gates `ready`: 409 not_ready listing what is missing. */
export async function assertReady(r: Repos, item: Parameters<typeof investFor>[1]): Promise<void> {
  const { gaps } = await investFor(r, item);
  if (gaps.length) {
    throw new AppError(
      'not_ready',
      `Not ready yet: ${gaps.map((g) => g.reason).join(' ')}`,
      { status: 'The Definition of Ready is not met' },
      { gaps },
    );
  }
}

/** Field-level before/after of a change, for the event log (and so the item history). */
export function diff<T extends object>(before: T, after: T, fields: readonly (keyof T)[]) {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) {
      b[f] = before[f];
      a[f] = after[f];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
