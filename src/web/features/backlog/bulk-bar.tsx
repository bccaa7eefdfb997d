import { useState } from 'react';
import type { Item, UpdateItemBody } from '#contracts/items.ts';
import type { Member, Segment } from '#contracts/products.ts';
import { ITEM_STATUSES } from '#domain/backlog/item-rules.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { bulkStatusRefusal, describeSaveError } from './bulk-checks.ts';
import { updateItem } from './items-api.ts';
import { STATUS_LABELS } from './labels.ts';

/**
 * Bulk edit of the selected items: status, assignee, add a segment, add a label. A status change
 * is checked for every item first (workflow, role, Definition of Ready), so one refused item means
 * none is changed. Each item is saved with its own version (If-Match), so an item someone else
 * changed meanwhile is reported, not overwritten.
 */
export function BulkBar({
  items,
  segments,
  members,
  onSaved,
  onClear,
}: {
  items: readonly Item[];
  segments: readonly Segment[];
  members: readonly Member[];
  onSaved: (item: Item) => void;
  onClear: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [label, setLabel] = useState('');
  const { role } = useProduct();

  /** Saves `patchFor` on each selected item; a `refusal` found first saves nothing. */
  async function apply(
    describe: string,
    patchFor: (item: Item) => UpdateItemBody | null,
    refusal?: () => Promise<string | null>,
  ) {
    setBusy(true);
    setMessage(null);
    let refused: string | null;
    try {
      refused = (await refusal?.()) ?? null;
    } catch (err) {
      refused = `${describe}: could not check the selected items (${describeSaveError(err)}). Nothing was changed.`;
    }
    if (refused) {
      setBusy(false);
      setMessage({ text: refused, error: true });
      return;
    }
    const results = await Promise.allSettled(
      items.map(async (item) => {
        const patch = patchFor(item);
        if (!patch) return;
        onSaved(await updateItem(item.id, patch, item.version));
      }),
    );
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ item: items[i], err: r.reason }] : [],
    );
    setBusy(false);
    if (failed.length === 0)
      setMessage({ text: `${describe}: ${items.length} item(s) updated.`, error: false });
    else {
      // Someone else's change (or a rule) refused some items after the checks passed: say which.
      setMessage({
        text: `${describe}: ${items.length - failed.length} updated; ${failed.length} not (${failed.map((f) => f.item?.key).join(', ')}). ${describeSaveError(failed[0]?.err)}`,
        error: true,
      });
    }
  }

  return (
    <section className="b-bulk" aria-label="Bulk edit">
      <strong>{items.length} selected</strong>
      <select
        className="select select-sm"
        aria-label="Set status of selected"
        disabled={busy}
        value=""
        onChange={(e) => {
          const status = e.target.value as Item['status'];
          if (status)
            void apply(
              `Status ${STATUS_LABELS[status]}`,
              (item) => (item.status === status ? null : { status }),
              () => bulkStatusRefusal(items, status, role),
            );
        }}
      >
        <option value="">Status…</option>
        {ITEM_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <select
        className="select select-sm"
        aria-label="Assign selected to"
        disabled={busy}
        value=""
        onChange={(e) => {
          const v = e.target.value;
          if (v) void apply('Assignee', () => ({ assigneeId: v === 'none' ? null : v }));
        }}
      >
        <option value="">Assignee…</option>
        <option value="none">Unassigned</option>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </select>
      <select
        className="select select-sm"
        aria-label="Add a segment to selected"
        disabled={busy}
        value=""
        onChange={(e) => {
          const id = e.target.value;
          if (id)
            void apply('Segment added', (item) =>
              item.segmentIds.includes(id) ? null : { segmentIds: [...item.segmentIds, id] },
            );
        }}
      >
        <option value="">Add segment…</option>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <form
        className="b-bulk-label"
        onSubmit={(e) => {
          e.preventDefault();
          const l = label.trim();
          if (!l) return;
          setLabel('');
          void apply(`Label ${l}`, (item) =>
            item.labels.includes(l) ? null : { labels: [...item.labels, l] },
          );
        }}
      >
        <input
          className="input input-sm"
          aria-label="Add a label to selected"
          placeholder="Add label…"
          value={label}
          disabled={busy}
          onChange={(e) => setLabel(e.target.value)}
        />
      </form>
      <button type="button" className="btn btn-ghost btn-sm" onClick={onClear}>
        Clear selection
      </button>
      {busy && (
        <span className="muted" role="status">
          Saving…
        </span>
      )}
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'muted'}>
          {message.text}
        </span>
      )}
    </section>
  );
}
