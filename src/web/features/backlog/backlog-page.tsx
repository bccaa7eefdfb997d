import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Item } from '#contracts/items.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useReleaseLine } from '#web/features/insight/forecast/forecast-api.ts';
import { useMe, useMembers, useSegments } from '#web/lib/queries.ts';
import { BacklogDialogs, type DialogName } from './backlog-dialogs.tsx';
import { BacklogEmpty } from './backlog-empty.tsx';
import { BacklogList } from './backlog-list.tsx';
import { BacklogToolbar } from './backlog-toolbar.tsx';
import { BulkBar } from './bulk-bar.tsx';
import type { ColumnContext } from './columns.tsx';
import { FilterChips } from './filter-chips.tsx';
import { ItemPanel } from './item-panel.tsx';
import { fetchItemPage, updateItem } from './items-api.ts';
import { SORT_LABELS } from './labels.ts';
import { useBacklogCommands } from './use-backlog-commands.ts';
import { useBacklogList, useMoveItem, usePatchCachedItem } from './use-backlog-list.ts';
import { useBacklogShortcuts } from './use-backlog-shortcuts.ts';
import {
  ALL_ITEMS_VIEW,
  type BacklogView,
  hasFilters,
  isRankOrder,
  parseView,
  withItem,
  writeView,
} from './view-state.ts';

/** The backlog screen: toolbar, virtualised list, detail panel, dialogs, shortcuts and commands. */
export function BacklogPage() {
  const product = useProduct();
  const me = useMe().data;
  const navigate = useNavigate();
  const canEdit = useCan(ROLES.contributors);
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  const setView = useCallback(
    (patch: Partial<BacklogView>) =>
      setParams((p) => writeView({ ...parseView(p), ...patch }, p), { replace: true }),
    [setParams],
  );
  const { query, key, items } = useBacklogList(product.id, view);
  // Insight's forecast line (issue 11): after the open items the next release's date likely holds.
  const canForecast = useCan(ROLES.readers);
  const [forecastOn, setForecastOn] = useState(() => params.get('forecastLine') === '1');
  const releaseLine = useReleaseLine(product.id, canForecast && forecastOn);
  const line = releaseLine.data;
  const forecastLine =
    forecastOn && isRankOrder(view) && line?.afterItemId && line.release
      ? {
          afterId: line.afterItemId,
          label: `85 % likely done by ${line.release.targetDate} (${line.release.name}) above this line`,
        }
      : null;
  // An empty open list may hide finished work: ask once whether there is any, to say so.
  const hidesFinished = query.isSuccess && items.length === 0 && !view.finished && !hasFilters(view);
  const anyItem = useQuery({
    queryKey: ['products', product.id, 'any-item'],
    queryFn: () => fetchItemPage(product.id, ALL_ITEMS_VIEW, null),
    enabled: hidesFinished,
  });
  const onlyFinished = hidesFinished && (anyItem.data?.items.length ?? 0) > 0;
  const segmentsQ = useSegments(product.id);
  const membersQ = useMembers(product.id);
  const segments = segmentsQ.data ?? [];
  const members = membersQ.data ?? [];
  const ctx = useMemo<ColumnContext>(
    () => ({
      segments: new Map(segments.map((s) => [s.id, s])),
      people: new Map(members.map((m) => [m.userId, m.name])),
    }),
    [segments, members],
  );
  const { move, moveBy, failure, clearFailure } = useMoveItem(product.id, key);
  const patchCached = usePatchCachedItem(product.id);
  const [focusedIndex, setFocusedIndex] = useState(-1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const lastToggled = useRef<number | null>(null);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const openId = params.get('item');
  // Ordering the backlog is the Product Owner's (the API refuses anyone else's move).
  const canOrder = useCan(ROLES.owner);
  const canReorder = canOrder && isRankOrder(view);

  const openItem = useCallback((item: Item) => setParams(withItem(item.id)), [setParams]);
  const closeItem = useCallback(() => setParams(withItem(null)), [setParams]);
  const onToggle = useCallback(
    (item: Item, range: boolean) => {
      const index = items.findIndex((x) => x.id === item.id);
      setSelected((prev) => {
        const next = new Set(prev);
        const from = lastToggled.current;
        if (range && from !== null) {
          const [a, b] = from < index ? [from, index] : [index, from];
          for (const x of items.slice(a, b + 1)) next.add(x.id);
        } else if (next.has(item.id)) next.delete(item.id);
        else next.add(item.id);
        return next;
      });
      lastToggled.current = index;
    },
    [items],
  );
  const onSort = useCallback(
    (sort: BacklogView['sort']) =>
      // Same column flips direction; WSJF and value columns start highest first, as people read them.
      setView(
        view.sort === sort
          ? { dir: view.dir === 'asc' ? 'desc' : 'asc' }
          : {
              sort,
              dir: ['wsjf', 'businessValue', 'timeCriticality', 'riskReduction', 'updatedAt'].includes(sort)
                ? 'desc'
                : 'asc',
            },
      ),
    [setView, view.sort, view.dir],
  );
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  const focusRow = (i: number) => {
    const clamped = Math.max(0, Math.min(items.length - 1, i));
    setFocusedIndex(clamped);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`.b-row[data-index="${clamped}"]`)?.focus(),
    );
  };
  const create = useCallback(() => setDialog('create'), []);
  useBacklogShortcuts({
    create: canEdit ? create : undefined,
    search: focusSearch,
    next: () => focusRow(focusedIndex + 1),
    previous: () => focusRow(focusedIndex - 1),
    escape: () => (openId ? closeItem() : setSelected(new Set())),
  });
  const focused = items[focusedIndex] ?? (openId ? items.find((x) => x.id === openId) : undefined);
  const assign = useCallback(
    async (item: Item, userId: string | null) =>
      patchCached(await updateItem(item.id, { assigneeId: userId }, item.version)),
    [patchCached],
  );
  const first = items[0];
  const lastItem = query.hasNextPage ? undefined : items.at(-1);
  useBacklogCommands({
    canEdit,
    canReorder,
    focused,
    members,
    create,
    search: focusSearch,
    moveToTop: useCallback((item: Item) => first && void move(item, first, 'before'), [first, move]),
    moveToBottom: useCallback(
      (item: Item) => lastItem && void move(item, lastItem, 'after'),
      [lastItem, move],
    ),
    assign: useCallback((item: Item, userId: string | null) => void assign(item, userId), [assign]),
    suggestOrder: useCallback(() => setDialog('wsjf'), []),
    importCsv: useCallback(() => setDialog('import'), []),
    board: useCallback(() => navigate(`/p/${product.key}/backlog/board`), [navigate, product.key]),
  });
  const onMove = useCallback(
    (item: Item, anchor: Item, side: 'before' | 'after') => void move(item, anchor, side),
    [move],
  );
  const selectedItems = items.filter((x) => selected.has(x.id));
  const loadMore = useCallback(() => {
    if (!query.isFetchingNextPage) void query.fetchNextPage();
  }, [query.isFetchingNextPage, query.fetchNextPage]);

  return (
    <div className="b-page" data-panel={openId ? 'open' : 'closed'}>
      <section className="b-main" aria-label="Backlog">
        <BacklogToolbar
          product={product}
          userId={me?.user.id ?? ''}
          view={view}
          setView={setView}
          searchRef={searchRef}
          segments={segments}
          members={members}
          canEdit={canEdit}
          count={items.length}
          more={Boolean(query.hasNextPage)}
          onDialog={setDialog}
          onOpenView={(search) => setParams(new URLSearchParams(search), { replace: true })}
        />
        <FilterChips view={view} setView={setView} segments={segments} members={members} />
        {canForecast && (
          <div className="b-forecast-toggle">
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              aria-pressed={forecastOn}
              onClick={() => setForecastOn((on) => !on)}
            >
              {forecastOn ? 'Hide forecast line' : 'Forecast line'}
            </button>
            {forecastOn && line && (
              <span className="muted">
                {isRankOrder(view) || line.count === null
                  ? [line.summary, ...line.notes].join(' ')
                  : 'The line shows in backlog order.'}
              </span>
            )}
          </div>
        )}
        {!isRankOrder(view) && canOrder && (
          <p className="b-note">
            Sorted by {SORT_LABELS[view.sort]}: drag and drop is off. Sort by order (click Key twice or clear
            the sort) to reorder.
          </p>
        )}
        {failure && (
          <div className="alert alert-error b-alert" role="alert">
            {failure.message}
            <button type="button" className="btn btn-ghost btn-sm" onClick={clearFailure}>
              Dismiss
            </button>
          </div>
        )}
        {selectedItems.length > 0 && canEdit && (
          <BulkBar
            items={selectedItems}
            segments={segments}
            members={members}
            onSaved={patchCached}
            onClear={() => setSelected(new Set())}
          />
        )}
        {query.isPending && <Loading label="Loading the backlog…" />}
        {query.isError && <ErrorState error={query.error} />}
        {query.isSuccess && items.length === 0 && (
          <BacklogEmpty
            allFinished={onlyFinished}
            onShowFinished={() => setView({ finished: true })}
            filtered={hasFilters(view)}
            canEdit={canEdit}
            onCreate={create}
            onImport={() => setDialog('import')}
            onClear={() => setParams(new URLSearchParams(), { replace: true })}
          />
        )}
        {items.length > 0 && (
          <BacklogList
            items={items}
            view={view}
            ctx={ctx}
            hasMore={Boolean(query.hasNextPage)}
            loadMore={loadMore}
            canReorder={canReorder}
            focusedIndex={focusedIndex}
            setFocusedIndex={setFocusedIndex}
            selected={selected}
            selectable={canEdit}
            onToggle={onToggle}
            openId={openId}
            onOpen={openItem}
            onMove={onMove}
            onMoveBy={moveBy}
            onSort={onSort}
            forecastLine={forecastLine}
            onToggleAll={() =>
              setSelected((s) => (s.size === items.length ? new Set() : new Set(items.map((x) => x.id))))
            }
          />
        )}
      </section>
      {openId && <ItemPanel key={openId} itemId={openId} onClose={closeItem} onSaved={patchCached} />}
      <BacklogDialogs name={dialog} onClose={() => setDialog(null)} onCreated={openItem} listKey={key} />
    </div>
  );
}
