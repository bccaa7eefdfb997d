import { useState } from 'react';
import { MenuButton } from '#web/components/menu.tsx';
import { useSavedViews } from './saved-views.ts';

/** Saved views (kept on the server, per user): open one (it becomes the URL), save the current one, delete. */
export function ViewsMenu({
  userId,
  productId,
  currentSearch,
  onOpen,
}: {
  userId: string;
  productId: string;
  currentSearch: string;
  onOpen: (search: string) => void;
}) {
  const { views, loading, save, remove, error, clearError } = useSavedViews(userId, productId);
  const [name, setName] = useState('');
  const active = views.find((v) => v.search === currentSearch);
  return (
    <MenuButton
      label="Saved views"
      className="btn btn-sm"
      button={<span>{active ? active.name : 'Views'}</span>}
    >
      {(close) => (
        <div className="b-views-pop">
          {loading && <p className="muted">Loading saved views…</p>}
          {!loading && views.length === 0 && (
            <p className="muted">No saved views yet. Filter and sort the list, then save it here.</p>
          )}
          {views.map((v) => (
            <div key={v.id} className="b-view-row">
              <button
                type="button"
                className="menu-item"
                data-active={v.search === currentSearch || undefined}
                onClick={() => {
                  onOpen(v.search);
                  close();
                }}
              >
                {v.name}
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                aria-label={`Delete view ${v.name}`}
                disabled={v.id.startsWith('pending:')}
                onClick={() => remove(v.id)}
              >
                ×
              </button>
            </div>
          ))}
          <div className="menu-sep" />
          <form
            className="b-view-save"
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              save(name.trim(), currentSearch);
              setName('');
              close();
            }}
          >
            <input
              className="input"
              aria-label="Name for the current view"
              placeholder="Name this view"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                clearError();
              }}
              maxLength={80}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'b-view-error' : undefined}
            />
            <button type="submit" className="btn btn-sm" disabled={!name.trim()}>
              Save
            </button>
          </form>
          {error && (
            <p id="b-view-error" className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </MenuButton>
  );
}
