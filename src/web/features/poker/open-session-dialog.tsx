import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { FIBONACCI_CARDS, TSHIRT_CARDS } from '#domain/poker/scales.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { ActionFoot, Dialog, useDialogAction } from '#web/components/dialog.tsx';
import { pts } from '#web/features/sprints/format.ts';
import { usePlannableItems } from '#web/features/sprints/sprints-api.ts';
import { newIdempotencyKey } from '#web/lib/api.ts';
import { type PokerScale, pokerApi } from './poker-api.ts';

/** Opens a poker session on chosen backlog items, unestimated ones first, with a deck. */
export function OpenSessionDialog({
  productId,
  onClose,
  preselect = [],
}: {
  productId: string;
  onClose: () => void;
  preselect?: string[];
}) {
  const items = usePlannableItems(productId);
  const [picked, setPicked] = useState<string[]>(preselect);
  const [scale, setScale] = useState<PokerScale>('fibonacci');
  const [title, setTitle] = useState('');
  const [custom, setCustom] = useState('1, 2, 4, 8, 16, ?');
  const [filter, setFilter] = useState('');
  const idem = useRef(newIdempotencyKey());
  const navigate = useNavigate();
  const product = useProduct();
  const list = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return [...(items.data ?? [])]
      .filter((i) => !q || `${i.key} ${i.title}`.toLowerCase().includes(q))
      .sort((a, b) => Number(a.size !== null) - Number(b.size !== null));
  }, [items.data, filter]);
  const cards =
    scale === 'custom'
      ? custom.split(/[,\s]+/).filter(Boolean)
      : scale === 'tshirt'
        ? [...TSHIRT_CARDS]
        : [...FIBONACCI_CARDS];

  const action = useDialogAction(
    async () => {
      if (picked.length === 0) throw new Error('Pick at least one item to estimate.');
      return pokerApi.open(
        productId,
        { title: title.trim(), itemIds: picked, scale, ...(scale === 'custom' ? { cards } : {}) },
        { idempotencyKey: idem.current },
      );
    },
    (s) => {
      onClose();
      navigate(`/p/${product.key}/poker/${s.id}`);
    },
    'Not opened. Try again.',
  );

  return (
    <Dialog
      title="Open a poker session"
      onClose={onClose}
      wide
      describe="Only team members vote; the Product Owner and stakeholders watch and answer questions."
    >
      <div className="field">
        <label htmlFor="poker-title">Title</label>
        <input
          id="poker-title"
          className="input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. Refinement, Tuesday"
        />
      </div>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="label" style={{ marginBottom: 6 }}>
          Deck
        </legend>
        <div className="row">
          {(['fibonacci', 'tshirt', 'custom'] as const).map((k) => (
            <label key={k} className="row" style={{ fontWeight: 400 }}>
              <input type="radio" name="scale" checked={scale === k} onChange={() => setScale(k)} />
              {k === 'fibonacci' ? 'Fibonacci' : k === 'tshirt' ? 'T-shirt' : 'Our own'}
            </label>
          ))}
        </div>
        {scale === 'custom' && (
          <div className="field">
            <label htmlFor="poker-cards">Cards (comma separated)</label>
            <input
              id="poker-cards"
              className="input"
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
            />
          </div>
        )}
        <span className="muted">{cards.join('  ')}</span>
      </fieldset>
      <div className="stack">
        <div className="row">
          <span className="label">Items to estimate</span>
          <span className="badge">{picked.length} picked</span>
          <span className="spacer" />
          <input
            className="input"
            style={{ width: 220 }}
            type="search"
            aria-label="Filter items"
            placeholder="Filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
        <ul
          className="checklist card"
          style={{ maxHeight: 280, overflowY: 'auto', padding: 8 }}
          aria-label="Backlog items"
        >
          {items.isPending && <li className="muted">Loading…</li>}
          {list.map((i) => (
            <li key={i.id}>
              <label>
                <input
                  type="checkbox"
                  checked={picked.includes(i.id)}
                  onChange={(e) =>
                    setPicked(e.target.checked ? [...picked, i.id] : picked.filter((x) => x !== i.id))
                  }
                />
                <span className="grow">
                  <span className="mono muted">{i.key}</span> {i.title}
                </span>
                <span className="points">{pts(i.size)}</span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <ActionFoot action={action} label="Open session" busyLabel="Opening…" onCancel={onClose} />
    </Dialog>
  );
}
