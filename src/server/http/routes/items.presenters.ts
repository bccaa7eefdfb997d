import type { z } from 'zod';
import type { CommentRecord, ItemRecord, ItemSlaRecord, LinkRecord } from '#app/items/ports.ts';
import type { EventRecord } from '#app/ports.ts';
import type { Comment, HistoryEntry, Link } from '#contracts/backlog-order.ts';
import type { Item, ItemConflictDetails } from '#contracts/items.ts';
import { costOfDelay, wsjfRounded } from '#domain/backlog/wsjf.ts';
import { AppError } from '#domain/errors.ts';

const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

/** The maintained SLA columns → the item's `sla` block (breached: the breach instant has passed). */
export const presentSla = (s: ItemSlaRecord | null): Item['sla'] =>
  s && {
    responseDueAt: iso(s.responseDueAt),
    resolutionDueAt: iso(s.resolutionDueAt),
    paused: s.paused,
    breached: s.breachAt !== null && Date.parse(s.breachAt) <= Date.now(),
  };

/** Backlog records → API shapes (never rows). */
export const presentItem = (i: ItemRecord): Item => ({
  id: i.id,
  key: i.key,
  number: i.number,
  productId: i.productId,
  type: i.type,
  title: i.title,
  problem: i.problem,
  description: i.description,
  acceptanceCriteria: i.acceptanceCriteria,
  segmentIds: i.segmentIds,
  category: i.category,
  labels: i.labels,
  assigneeId: i.assigneeId,
  status: i.status,
  businessValue: i.businessValue,
  timeCriticality: i.timeCriticality,
  riskReduction: i.riskReduction,
  size: i.size,
  releaseCritical: i.releaseCritical,
  published: i.published,
  releaseId: i.releaseId,
  severity: i.severity,
  waiting: i.waiting,
  sla: presentSla(i.sla),
  costOfDelay: costOfDelay(i),
  wsjf: wsjfRounded(i),
  rank: i.rank,
  externalId: i.externalId,
  version: i.version,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

export const presentComment = (c: CommentRecord): z.infer<typeof Comment> => ({
  id: c.id,
  itemId: c.itemId,
  author: c.authorId ? { id: c.authorId, name: c.authorName ?? 'Someone' } : null,
  body: c.body,
  mentions: c.mentions,
  createdAt: new Date(c.createdAt).toISOString(),
});

export const presentLink = (l: LinkRecord): z.infer<typeof Link> => ({
  id: l.id,
  kind: l.kind,
  fromItemId: l.fromItemId,
  toItemId: l.toItemId,
  other: { id: l.other.id, key: l.other.key, title: l.other.title, status: l.other.status },
  direction: l.direction,
  createdAt: new Date(l.createdAt).toISOString(),
});

export const presentHistory = (
  e: EventRecord & { changes: Array<{ field: string; before: unknown; after: unknown }> },
): z.infer<typeof HistoryEntry> => ({
  id: String(e.id),
  at: e.at.toISOString(),
  actor: e.actorId ? { id: e.actorId, name: e.actorName ?? 'Someone' } : null,
  type: e.type,
  changes: e.changes,
});

/** A 412 carries the server's current item in API shape, so the UI can show both values. */
export async function presentingConflicts<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'version_conflict') {
      const details = err.details as
        | { current?: ItemRecord | null; by?: ItemConflictDetails['by'] }
        | undefined;
      const body: ItemConflictDetails = {
        current: details?.current ? presentItem(details.current) : null,
        by: details?.by ?? null,
      };
      throw new AppError(err.code, err.message, err.fields, body);
    }
    throw err;
  }
}
