import { type RefObject, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Member, Product, Segment } from '#contracts/products.ts';
import { Icon } from '#web/components/icons.tsx';
import type { DialogName } from './backlog-dialogs.tsx';
import { ColumnsMenu } from './columns-menu.tsx';
import { ExportMenu } from './export-menu.tsx';
import { FilterMenu } from './filter-menu.tsx';
import { SORT_LABELS } from './labels.ts';
import { type BacklogView, shownStatuses, writeView } from './view-state.ts';
import { ViewsMenu } from './views-menu.tsx';

/** Title, primary actions, search, filter, columns, saved views and export. */
export function BacklogToolbar(p: {
  product: Product;
  userId: string;
  view: BacklogView;
  setView: (patch: Partial<BacklogView>) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  segments: readonly Segment[];
  members: readonly Member[];
  canEdit: boolean;
  count: number;
  more: boolean;
  onDialog: (d: DialogName) => void;
  onOpenView: (search: string) => void;
}) {
  const [text, setText] = useState(p.view.q);
  const { setView } = p;
  useEffect(() => setText(p.view.q), [p.view.q]);
  // Search as you type, a moment after the last key, so each keystroke is not a request.
  useEffect(() => {
    if (text === p.view.q) return;
    const t = setTimeout(() => setView({ q: text }), 250);
    return () => clearTimeout(t);
  }, [text, p.view.q, setView]);
  const currentSearch = writeView(p.view).toString();
  return (
    <div className="b-toolbar">
      <div className="b-titlebar">
        <h1>Backlog</h1>
        <span className="muted b-count" aria-live="polite">
          {p.count}
          {p.more ? '+' : ''}{' '}
          {/* "4 open" while finished work is hidden (the default), so the number says what it counts. */}
          {shownStatuses(p.view).length && !p.view.statuses.length
            ? 'open'
            : p.count === 1 && !p.more
              ? 'item'
              : 'items'}
        </span>
        <nav className="b-tabs" aria-label="Backlog views">
          <Link className="b-tab" aria-current="page" to={`/p/${p.product.key}/backlog`}>
            List
          </Link>
          <Link className="b-tab" to={`/p/${p.product.key}/backlog/board`}>
            Board
          </Link>
        </nav>
        <span className="grow" />
        {p.canEdit && (
          <>
            <button type="button" className="btn btn-sm hide-phone" onClick={() => p.onDialog('import')}>
              Import
            </button>
            <button type="button" className="btn btn-sm hide-phone" onClick={() => p.onDialog('wsjf')}>
              Suggest order
            </button>
            <button type="button" className="btn btn-primary btn-sm" onClick={() => p.onDialog('create')}>
              <Icon name="plus" size={14} /> New item <kbd>C</kbd>
            </button>
          </>
        )}
      </div>
      <div className="b-filters">
        <label className="b-search">
          <Icon name="search" size={14} />
          <span className="sr-only">Search items</span>
          <input
            ref={p.searchRef}
            type="search"
            placeholder="Search title, problem, description…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setView({ q: text });
            }}
          />
          {!text && (
            <span className="b-search-key hide-phone" aria-hidden="true">
              /
            </span>
          )}
        </label>
        <FilterMenu view={p.view} setView={setView} segments={p.segments} members={p.members} />
        <label className="b-sort-select">
          <span className="sr-only">Sort by</span>
          <select
            className="select select-sm"
            value={`${p.view.sort}:${p.view.dir}`}
            onChange={(e) => {
              const [sort, dir] = e.target.value.split(':') as [BacklogView['sort'], BacklogView['dir']];
              setView({ sort, dir });
            }}
          >
            <option value="rank:asc">Backlog order</option>
            <option value="wsjf:desc">WSJF, highest first</option>
            <option value="wsjf:asc">WSJF, lowest first</option>
            <option value="businessValue:desc">Business value</option>
            <option value="segment:asc">Segment</option>
            <option value="status:asc">Status</option>
            <option value="size:asc">Size</option>
            <option value="releaseCritical:desc">Release-critical first</option>
            <option value="updatedAt:desc">Recently updated</option>
            <option value="key:asc">Key</option>
            <option value="title:asc">Title</option>
            <option value="resolutionDueAt:asc">Resolution due, soonest first</option>
            <option value="responseDueAt:asc">Response due, soonest first</option>
            {![
              'rank:asc',
              'wsjf:desc',
              'wsjf:asc',
              'businessValue:desc',
              'segment:asc',
              'status:asc',
              'size:asc',
              'releaseCritical:desc',
              'updatedAt:desc',
              'key:asc',
              'title:asc',
              'resolutionDueAt:asc',
              'responseDueAt:asc',
            ].includes(`${p.view.sort}:${p.view.dir}`) && (
              <option value={`${p.view.sort}:${p.view.dir}`}>
                {SORT_LABELS[p.view.sort]} ({p.view.dir === 'asc' ? 'ascending' : 'descending'})
              </option>
            )}
          </select>
        </label>
        <ColumnsMenu columns={p.view.columns} onChange={(columns) => setView({ columns })} />
        <ViewsMenu
          userId={p.userId}
          productId={p.product.id}
          currentSearch={currentSearch}
          onOpen={p.onOpenView}
        />
        <ExportMenu productId={p.product.id} />
      </div>
    </div>
  );
}
