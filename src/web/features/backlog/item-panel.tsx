import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Item } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { timeAgo } from '#web/features/activity/describe-event.ts';
import { ItemDecisionBanner, ItemDecisionsSection } from '#web/features/decisions/item-decisions-section.tsx';
import { SegmentWeightsSection } from '#web/features/insight/allocation/segment-weights-section.tsx';
import { DebtSection } from '#web/features/insight/scope/debt-section.tsx';
import { ItemFeedbackSection } from '#web/features/reviews/item-feedback-section.tsx';
import { useMe, useMembers, useSegments } from '#web/lib/queries.ts';
import { CommentsSection } from './comments-section.tsx';
import type { NameLookup } from './format-value.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { HypothesisSection } from './hypothesis-section.tsx';
import { InvestPanel } from './invest-panel.tsx';
import { TypeIcon } from './item-badges.tsx';
import { browserStore, loadDraft } from './item-drafts.ts';
import { ItemFields } from './item-fields.tsx';
import { ItemReading } from './item-reading.tsx';
import { ItemRequestsSection } from './item-requests-section.tsx';
import { backlogKeys, fetchItem, fetchItemPage } from './items-api.ts';
import { LinksSection } from './links-section.tsx';
import { flatItems, type ListData } from './list-cache.ts';
import { useItemEditor } from './use-item-editor.ts';
import { ALL_ITEMS_VIEW } from './view-state.ts';

/** The item detail panel beside the list (full screen on a phone). Esc or × closes it. */
export function ItemPanel({
  itemId,
  onClose,
  onSaved,
}: {
  itemId: string;
  onClose: () => void;
  onSaved: (item: Item) => void;
}) {
  const q = useQuery({ queryKey: backlogKeys.item(itemId), queryFn: () => fetchItem(itemId) });
  const userId = useMe().data?.user.id ?? '';
  // A kept draft is restored over the item as the server has it now, not a cached copy, so a
  // change someone saved meanwhile shows as a conflict at once (the cached copy may predate it).
  const [hasDraft] = useState(() => loadDraft(browserStore(), userId, itemId) !== null);
  const fresh = !hasDraft || q.isFetchedAfterMount || !q.isFetching;
  return (
    <aside className="b-panel" aria-label="Item details">
      {(q.isPending || !fresh) && <Loading label="Loading the item…" />}
      {q.isError && (
        <div className="b-panel-pad">
          <ErrorState error={q.error} />
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      )}
      {q.data && fresh && <PanelBody item={q.data} onClose={onClose} onSaved={onSaved} />}
    </aside>
  );
}

function PanelBody({
  item,
  onClose,
  onSaved,
}: {
  item: Item;
  onClose: () => void;
  onSaved: (item: Item) => void;
}) {
  const product = useProduct();
  const qc = useQueryClient();
  const canEdit = useCan(ROLES.contributors);
  const isOwner = useCan(['owner']);
  const isTeam = useCan(ROLES.estimators);
  const canComment = useCan(ROLES.participants);
  const canRead = useCan(ROLES.readers);
  const segments = useSegments(product.id).data ?? [];
  const members = useMembers(product.id).data ?? [];
  const userId = useMe().data?.user.id ?? '';
  const editor = useItemEditor(item, onSaved, userId);
  const names = useMemo<NameLookup>(
    () => ({
      segments: new Map(segments.map((s) => [s.id, s])),
      people: new Map(members.map((m) => [m.userId, m.name])),
    }),
    [segments, members],
  );
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus({ preventScroll: true }), []);
  const save = editor.save;
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && (e.target as HTMLElement).id !== 'b-comment') {
      e.preventDefault();
      void save();
    }
  };
  const findByKey = useCallback(
    async (key: string) => {
      const upper = key.toUpperCase();
      for (const [, data] of qc.getQueriesData<ListData>({ queryKey: backlogKeys.all(product.id) })) {
        const hit = flatItems(data).find((x) => x.key === upper);
        if (hit) return hit.id;
      }
      const page = await fetchItemPage(product.id, { ...ALL_ITEMS_VIEW, q: key }, null);
      return page.items.find((x) => x.key === upper)?.id ?? null;
    },
    [qc, product.id],
  );
  const base = editor.base;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl/Cmd+Enter saves from any field inside
    <div className="b-panel-inner" onKeyDown={onKeyDown}>
      <header className="b-panel-head">
        <TypeIcon type={base.type} />
        <span className="mono">{base.key}</span>
        {base.releaseCritical && <span className="chip chip-danger">release-critical</span>}
        {base.published && <span className="chip chip-published">published</span>}
        <span className="grow" />
        {/* Not the version number (people do not think in versions): when it last changed. */}
        <time
          className="faint b-panel-updated"
          dateTime={base.updatedAt}
          title={new Date(base.updatedAt).toLocaleString()}
        >
          Updated {timeAgo(base.updatedAt, new Date())}
        </time>
        <button
          ref={closeRef}
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label="Close details (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {/* Focusable so a reader with no field to tab to (a viewer) can still scroll it by keyboard. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
      <section className="b-panel-scroll" tabIndex={0} aria-label="Item fields">
        <ItemDecisionBanner itemId={base.id} />
        {editor.draftRestored && (
          <div className="b-draft-note" role="status">
            <span>Unsaved draft restored: your earlier changes are below, not saved yet.</span>
            <button type="button" className="btn btn-ghost btn-sm" onClick={editor.discard}>
              Discard
            </button>
          </div>
        )}
        {editor.message && (
          <div className={`alert ${editor.conflict ? 'alert-warn' : 'alert-error'}`} role="alert">
            {editor.message}
          </div>
        )}
        {canEdit ? (
          <ItemFields
            editor={editor}
            segments={segments}
            members={members}
            names={names}
            canEdit={canEdit}
            isOwner={isOwner}
            isTeam={isTeam}
          />
        ) : (
          <ItemReading item={base} segments={segments} names={names} />
        )}
        {base.segmentIds.length >= 2 && (
          <SegmentWeightsSection itemId={base.id} version={base.version} segments={segments} />
        )}
        {canRead && <ItemRequestsSection itemId={base.id} />}
        <InvestPanel itemId={base.id} version={base.version} />
        <ItemDecisionsSection item={base} />
        <HypothesisSection itemId={base.id} />
        {base.type === 'debt' && <DebtSection itemId={base.id} />}
        <LinksSection itemId={base.id} canEdit={canEdit} findByKey={findByKey} />
        <ItemFeedbackSection itemId={base.id} />
        <CommentsSection itemId={base.id} members={members} canComment={canComment} />
        <HistoryTimeline itemId={base.id} version={base.version} names={names} />
      </section>
      {editor.dirty && (
        <footer className="b-savebar">
          <span className="muted">
            {Object.keys(editor.draft).length} unsaved change{Object.keys(editor.draft).length > 1 ? 's' : ''}
          </span>
          <span className="grow" />
          <button type="button" className="btn btn-ghost btn-sm" onClick={editor.discard}>
            Discard
          </button>
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={editor.saving}
            onClick={() => void save()}
          >
            {editor.saving ? 'Saving…' : 'Save changes'} <kbd>Ctrl ↵</kbd>
          </button>
        </footer>
      )}
    </div>
  );
}
