import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Item } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useMembers, useSegments } from '#web/lib/queries.ts';
import { CommentsSection } from './comments-section.tsx';
import type { NameLookup } from './format-value.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { InvestPanel } from './invest-panel.tsx';
import { TypeIcon } from './item-badges.tsx';
import { ItemFields } from './item-fields.tsx';
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
  return (
    <aside className="b-panel" aria-label="Item details">
      {q.isPending && <Loading label="Loading the item…" />}
      {q.isError && (
        <div className="b-panel-pad">
          <ErrorState error={q.error} />
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      )}
      {q.data && <PanelBody item={q.data} onClose={onClose} onSaved={onSaved} />}
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
  const segments = useSegments(product.id).data ?? [];
  const members = useMembers(product.id).data ?? [];
  const editor = useItemEditor(item, onSaved);
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
        <span className="grow" />
        <span className="faint">v{base.version}</span>
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
      <div className="b-panel-scroll">
        {editor.message && (
          <div className={`alert ${editor.conflict ? 'alert-warn' : 'alert-error'}`} role="alert">
            {editor.message}
          </div>
        )}
        <ItemFields
          editor={editor}
          segments={segments}
          members={members}
          names={names}
          canEdit={canEdit}
          isOwner={isOwner}
          isTeam={isTeam}
        />
        <InvestPanel itemId={base.id} version={base.version} />
        <LinksSection itemId={base.id} canEdit={canEdit} findByKey={findByKey} />
        <CommentsSection itemId={base.id} members={members} canComment={canComment} />
        <HistoryTimeline itemId={base.id} version={base.version} names={names} />
      </div>
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
