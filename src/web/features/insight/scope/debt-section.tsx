import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ItemDebt } from '#contracts/insight-scope.ts';
import { breakEven } from '#domain/insight/debt.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { backlogKeys } from '#web/features/backlog/items-api.ts';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import { scopeKeys, useItemDebt } from './scope-api.ts';
import './scope.css';

const EMPTY = { min: '', max: '', weekly: '' };

/** "Cost of this debt" in the item panel of a debt item: hours to fix (a range), hours lost per week, break-even. */
export function DebtSection({ itemId, onSaved }: { itemId: string; onSaved?: () => void }) {
  const qc = useQueryClient();
  const product = useProduct();
  const canEdit = useCan(ROLES.contributors);
  const q = useItemDebt(itemId);
  const [draft, setDraft] = useState(EMPTY);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const view = q.data;
  useEffect(() => {
    if (view && !editing)
      setDraft(
        view.debt
          ? {
              min: String(view.debt.fixHours.min),
              max: String(view.debt.fixHours.max),
              weekly: String(view.debt.weeklyHours),
            }
          : EMPTY,
      );
  }, [view, editing]);
  if (!view) return null;
  const d = view.debt;
  const be = d ? breakEven(d) : null;
  const save = async (debt: ItemDebt['debt']) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.put(apiPath('items', itemId, 'debt'), { debt }, ItemDebt, {
        ifMatch: view.version,
      });
      qc.setQueryData(scopeKeys.itemDebt(itemId), next);
      // The item's version moved with the cost: the form must edit the new one.
      await qc.invalidateQueries({ queryKey: backlogKeys.item(itemId), exact: true });
      await qc.invalidateQueries({ queryKey: scopeKeys.debt(product.id) });
      onSaved?.();
      setEditing(false);
    } catch (err) {
      setError(
        isApiError(err)
          ? { message: err.message, fields: err.fields }
          : { message: 'That did not work. Try again.', fields: {} },
      );
    } finally {
      setBusy(false);
    }
  };
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  const f = (k: string) => error?.fields[`debt.${k}`];
  return (
    <section className="b-section sc-debt" aria-labelledby="sc-debt-h">
      <h3 id="sc-debt-h">Cost of this debt</h3>
      {editing ? (
        <form
          className="sc-debt-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save({
              fixHours: { min: num(draft.min), max: num(draft.max) },
              weeklyHours: num(draft.weekly),
            });
          }}
        >
          {(
            [
              ['min', 'Fix: at least (h)', 'fixHours.min'],
              ['max', 'Fix: at most (h)', 'fixHours.max'],
              ['weekly', 'Lost per week (h)', 'weeklyHours'],
            ] as const
          ).map(([k, label, field]) => (
            <label key={k} className="field">
              <span className="field-label">{label}</span>
              <input
                className="input"
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                value={draft[k]}
                aria-invalid={f(field) ? true : undefined}
                onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
              />
              {f(field) && <span className="field-error">{f(field)}</span>}
            </label>
          ))}
          <div className="form-row">
            <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
              Save cost
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : d ? (
        <p>
          <strong>
            {d.fixHours.min}–{d.fixHours.max} h
          </strong>{' '}
          to fix, <strong>{d.weeklyHours} h</strong> lost every week it stays
          {be && (
            <>
              : pays for itself in{' '}
              <strong data-testid="break-even">
                {be.min === be.max ? be.min : `${be.min}–${be.max}`} weeks
              </strong>
            </>
          )}
          .
        </p>
      ) : (
        <p className="muted">
          No cost stated: how many hours would the fix take, and how many does the workaround cost per week?
        </p>
      )}
      {error && !Object.keys(error.fields).length && <p className="field-error">{error.message}</p>}
      {canEdit && !editing && (
        <div className="form-row">
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            {d ? 'Edit cost' : 'State the cost'}
          </button>
          {d && (
            <button type="button" className="btn btn-sm btn-ghost" disabled={busy} onClick={() => save(null)}>
              Clear
            </button>
          )}
        </div>
      )}
    </section>
  );
}
