import { recordEvent, recordEvents } from '#app/events.ts';
import { changeItem, decideFor, itemEvents, loadItem, staleItem } from '#app/items/item-rules.ts';
import type { ProductContext } from '#app/products.ts';
import type { Repos, Store } from '#app/store.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { type DebtCost, debtLedger } from '#domain/insight/debt.ts';
import {
  capacityUntil,
  chooseScope,
  type ScopeCandidate,
  type ScopeObjective,
} from '#domain/insight/release-scope.ts';
import { FORECAST_MAX_SPRINTS, forecastPoints } from '#domain/sprints/forecast.ts';
import { median } from '#domain/sprints/stats.ts';

/** How far `blocks` links are followed to pull in what blocks a candidate. */
const BLOCKER_DEPTH = 10;

/**
 * Release scope by value per effort and the debt ledger (issue 11): load the candidates and the
 * history, let the domain (domain/insight/) compute, apply the PO's choice through the item write
 * path.
 */
export function scopeUseCases(store: Store, now: () => Date) {
  async function loadRelease(r: Repos, ctx: ProductContext, releaseId: string) {
    const release = await r.releases.get(releaseId);
    if (!release || release.productId !== ctx.productId) throw notFound('That release');
    return release;
  }

  async function compute(
    r: Repos,
    ctx: ProductContext,
    releaseId: string,
    body: { capacity?: number | undefined; objective: ScopeObjective; itemIds?: string[] | undefined },
  ) {
    const release = await loadRelease(r, ctx, releaseId);
    const notes: string[] = [];
    let source: 'given' | 'release' | 'open';
    let ids: string[];
    if (body.itemIds) {
      source = 'given';
      ids = [...new Set(body.itemIds)];
    } else {
      ids = await r.scope.releaseCandidates(releaseId);
      source = 'release';
      if (!ids.length) {
        source = 'open';
        ids = await r.scope.openItems(ctx.productId);
        notes.push('This release has no vote candidates: every open item of the backlog is a candidate.');
      }
    }
    const found = await r.scope.candidates(ctx.productId, releaseId, ids);
    if (source === 'given' && found.length < ids.length) {
      const have = new Set(found.map((c) => c.id));
      throw invalid({
        itemIds: `Not items of this product: ${ids.filter((id) => !have.has(id)).join(', ')}`,
      });
    }
    const candidates = found.filter(
      (c) => c.status !== 'done' && c.status !== 'accepted' && c.status !== 'rejected',
    );
    if (candidates.length < found.length)
      notes.push(
        `${found.length - candidates.length} finished item(s) left out: done work needs no capacity.`,
      );

    // Pull in what blocks the candidates (an item comes only with what blocks it), transitively.
    const pool = new Map(candidates.map((c) => [c.id, c]));
    const links: Array<{ fromItemId: string; toItemId: string }> = [];
    const pulled = new Set<string>();
    let frontier = [...pool.keys()];
    for (let depth = 0; depth < BLOCKER_DEPTH && frontier.length; depth++) {
      const found = await r.scope.blockersOf(frontier);
      links.push(...found);
      const missing = [...new Set(found.map((l) => l.fromItemId))].filter((id) => !pool.has(id));
      const more = await r.scope.candidates(ctx.productId, releaseId, missing);
      frontier = [];
      for (const m of more) {
        if (m.status === 'done' || m.status === 'accepted' || m.status === 'rejected') continue;
        pool.set(m.id, m);
        pulled.add(m.id);
        frontier.push(m.id);
      }
    }
    if (pulled.size)
      notes.push(
        `Pulled in because they block candidates: ${[...pulled].map((id) => pool.get(id)!.key).join(', ')}.`,
      );
    const blockedBy = new Map<string, string[]>();
    for (const l of links)
      if (pool.has(l.fromItemId))
        blockedBy.set(l.toItemId, [...(blockedBy.get(l.toItemId) ?? []), l.fromItemId]);
    const scopeCandidates: ScopeCandidate[] = [...pool.values()].map((c) => ({
      id: c.id,
      key: c.key,
      title: c.title,
      size: c.size,
      costOfDelay: c.costOfDelay,
      votes: c.votes,
      releaseCritical: c.releaseCritical,
      blockedBy: blockedBy.get(c.id) ?? [],
    }));

    let capacity: number | null = body.capacity ?? null;
    let capacitySource: 'stated' | 'forecast' | 'none' = capacity === null ? 'none' : 'stated';
    if (capacity === null) {
      const history = await r.scope.closedSprints(ctx.productId, FORECAST_MAX_SPRINTS);
      const forecast = forecastPoints(
        history.map((h) => ({ completedPoints: h.completedPoints, capacity: null })),
        null,
      );
      const today = now().toISOString().slice(0, 10);
      const c = capacityUntil(forecast.points, median(history.map((h) => h.days)), today, release.targetDate);
      if (c.capacity !== null) {
        capacity = c.capacity;
        capacitySource = 'forecast';
      }
      if (c.note)
        notes.unshift(forecast.note && c.capacity === null ? `${c.note} (${forecast.note})` : c.note);
    }
    const result = chooseScope(scopeCandidates, capacity ?? 0, body.objective);
    const inRelease = new Set([...pool.values()].filter((c) => c.releaseId === releaseId).map((c) => c.id));
    return {
      releaseId,
      release,
      objective: body.objective,
      ...result,
      capacity,
      capacitySource,
      candidateSource: source,
      items: result.items.map((i) => ({
        ...i,
        pulledIn: pulled.has(i.itemId),
        inRelease: inRelease.has(i.itemId),
      })),
      notes: [...notes, ...result.notes],
    };
  }

  return {
    async scope(ctx: ProductContext, releaseId: string, body: Parameters<typeof compute>[3]) {
      const { release: _, ...out } = await compute(store.read, ctx, releaseId, body);
      return out;
    },

    /** Puts the chosen items in the release, each through the item write path, in one transaction. */
    async apply(ctx: ProductContext, releaseId: string, itemIds: string[]) {
      return store.transaction(async (r) => {
        const release = await loadRelease(r, ctx, releaseId);
        if (release.shippedAt) throw new AppError('conflict', `${release.name} has already shipped.`);
        const added: string[] = [];
        const unchanged: string[] = [];
        const bad: string[] = [];
        for (const id of [...new Set(itemIds)]) {
          const item = await r.items.byId(id);
          if (!item || item.productId !== ctx.productId) {
            bad.push(id);
            continue;
          }
          if (item.releaseId === releaseId) {
            unchanged.push(id);
            continue;
          }
          await changeItem(r, { ...ctx, actorId: ctx.actor.userId }, id, { releaseId }, { path: 'form' });
          added.push(id);
        }
        if (bad.length) throw invalid({ itemIds: `Not items of this product: ${bad.join(', ')}` });
        if (added.length)
          await recordEvent(r, {
            productId: ctx.productId,
            actorId: ctx.actor.userId,
            entityType: 'release',
            entityId: releaseId,
            type: 'release.scope_applied',
            after: { name: release.name, itemIds: [...new Set(itemIds)], added },
          });
        return { releaseId, added, unchanged };
      });
    },

    async ledger(ctx: ProductContext) {
      return debtLedger(await store.read.debt.openDebt(ctx.productId), now());
    },

    async getDebt(ctx: ProductContext, itemId: string) {
      const item = await loadItem(store.read, ctx.productId, itemId);
      return { itemId, version: item.version, debt: await store.read.debt.cost(itemId) };
    },

    /** Sets a debt item's cost through the item aggregate (If-Match on the item version). */
    async setDebt(ctx: ProductContext, itemId: string, version: number, debt: DebtCost | null) {
      return store.transaction(async (r) => {
        const record = await loadItem(r, ctx.productId, itemId, true);
        if (record.version !== version) throw await staleItem(r, ctx.productId, record);
        const state = { ...record, debt: await r.debt.cost(itemId) };
        const d = await decideFor(r, ctx.productId, state, { debt }, { role: ctx.role, path: 'form' });
        let v = record.version;
        if (d.changed.length) {
          const saved = await r.debt.setCost(itemId, version, debt);
          if (saved === null) throw await staleItem(r, ctx.productId, record);
          v = saved;
          await recordEvents(
            r,
            itemEvents({ productId: ctx.productId, actorId: ctx.actor.userId }, itemId, d),
          );
        }
        return { itemId, version: v, debt: await r.debt.cost(itemId) };
      });
    },
  };
}
export type ScopeUseCases = ReturnType<typeof scopeUseCases>;
