import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { type LinkKind, MANUAL_LINK_KINDS } from '#domain/backlog/item-rules.ts';
import { isApiError } from '#web/lib/api.ts';
import { backlogKeys, createLink, deleteLink, fetchLinks } from './items-api.ts';
import { LINK_LABELS, STATUS_LABELS } from './labels.ts';
import { withItem } from './view-state.ts';

/** Links to other items (blocks, relates, duplicates), and a way to add one by item key. */
export function LinksSection({
  itemId,
  canEdit,
  findByKey,
}: {
  itemId: string;
  canEdit: boolean;
  findByKey: (key: string) => Promise<string | null>;
}) {
  const qc = useQueryClient();
  const location = useLocation();
  const q = useQuery({ queryKey: backlogKeys.links(itemId), queryFn: () => fetchLinks(itemId) });
  const [kind, setKind] = useState<LinkKind>('blocks');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: backlogKeys.links(itemId) });
  const hrefFor = (id: string) => {
    return `${location.pathname}?${withItem(id)(new URLSearchParams(location.search))}`;
  };
  const add = async () => {
    setError(null);
    const toId = await findByKey(target.trim());
    if (!toId) return setError(`No item ${target.trim()} in this product.`);
    try {
      await createLink(itemId, kind, toId);
      setTarget('');
      await refresh();
    } catch (err) {
      setError(isApiError(err) ? err.message : 'The link could not be added.');
    }
  };
  return (
    <section className="b-section" aria-labelledby="b-links-h">
      <h3 id="b-links-h">Links</h3>
      {q.data?.links.length === 0 && <p className="muted">Not linked to other items.</p>}
      <ul className="b-links">
        {q.data?.links.map((l) => (
          <li key={l.id}>
            <span className="muted">{LINK_LABELS[l.kind][l.direction]}</span>{' '}
            <RouterLink to={hrefFor(l.other.id)}>
              <span className="mono">{l.other.key}</span> {l.other.title}
            </RouterLink>{' '}
            <span className="faint">({STATUS_LABELS[l.other.status]})</span>
            {canEdit && (
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                aria-label={`Remove link to ${l.other.key}`}
                onClick={() => void deleteLink(itemId, l.id).then(refresh)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <select
            className="select select-sm"
            aria-label="Link kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as LinkKind)}
          >
            {MANUAL_LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {LINK_LABELS[k].outgoing}
              </option>
            ))}
          </select>
          <input
            className="input input-sm"
            aria-label="Item key to link to"
            placeholder="e.g. VIP-12"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
          <button type="submit" className="btn btn-sm" disabled={!target.trim()}>
            Link
          </button>
        </form>
      )}
      {error && <span className="field-error">{error}</span>}
    </section>
  );
}
