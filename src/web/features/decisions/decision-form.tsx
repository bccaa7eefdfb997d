import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DecisionRuleBody } from '#contracts/decisions.ts';
import type { RuleKind } from '#domain/decisions/rules.ts';
import { hasRole, ROLES } from '#domain/roles.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { useSprints } from '#web/features/sprints/sprints-api.ts';
import { isApiError, newIdempotencyKey } from '#web/lib/api.ts';
import { useMe, useMembers } from '#web/lib/queries.ts';
import { decisionKeys, decisionsApi, findItemByKey } from './decisions-api.ts';
import { RULE_KIND_LABELS } from './labels.ts';

interface RuleDraft {
  kind: RuleKind;
  itemKey: string;
  beforeKey: string;
  sprintId: string;
}
const blankRule = (kind: RuleKind = 'no_workaround'): RuleDraft => ({
  kind,
  itemKey: '',
  beforeKey: '',
  sprintId: '',
});

/** Propose a decision record: context, decision, consequences, items, who took part, its rules. */
export function DecisionForm() {
  const product = useProduct();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const members = useMembers(product.id);
  const sprints = useSprints(product.id);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const readers = (members.data ?? []).filter((m) => hasRole(m.role, ROLES.readers));
  const chosen = picked ?? new Set(me.data ? [me.data.user.id] : []);
  const openSprints = (sprints.data ?? []).filter((s) => s.state !== 'closed');

  const submit = async (form: HTMLFormElement) => {
    const v = new FormData(form);
    setBusy(true);
    setFields({});
    setMessage(null);
    try {
      const bad: Record<string, string> = {};
      const itemIds: string[] = [];
      for (const k of String(v.get('items') ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)) {
        const hit = await findItemByKey(product.id, k);
        if (hit) itemIds.push(hit.id);
        else bad.itemIds = `No item ${k.toUpperCase()} in this backlog`;
      }
      const body: DecisionRuleBody[] = [];
      for (const [i, r] of rules.entries()) {
        const item = r.kind === 'no_scope_change' ? null : await findItemByKey(product.id, r.itemKey);
        if (r.kind !== 'no_scope_change' && !item)
          bad[`rules.${i}.itemId`] = 'Name an item of this backlog by its key';
        if (r.kind === 'stays_in_sprint' || r.kind === 'no_scope_change') {
          if (!r.sprintId) bad[`rules.${i}.sprintId`] = 'Choose a sprint';
        }
        const before = r.kind === 'done_before' ? await findItemByKey(product.id, r.beforeKey) : null;
        if (r.kind === 'done_before' && !before)
          bad[`rules.${i}.beforeItemId`] = 'Name the item that comes after';
        if (Object.keys(bad).some((k) => k.startsWith(`rules.${i}.`))) continue;
        if (r.kind === 'no_workaround') body.push({ kind: r.kind, itemId: item!.id });
        else if (r.kind === 'stays_in_sprint')
          body.push({ kind: r.kind, itemId: item!.id, sprintId: r.sprintId });
        else if (r.kind === 'done_before')
          body.push({ kind: r.kind, itemId: item!.id, beforeItemId: before!.id });
        else body.push({ kind: r.kind, sprintId: r.sprintId });
      }
      if (Object.keys(bad).length) {
        setFields(bad);
        return;
      }
      const d = await decisionsApi.create(
        product.id,
        {
          title: String(v.get('title') ?? ''),
          context: String(v.get('context') ?? ''),
          decision: String(v.get('decision') ?? ''),
          consequences: String(v.get('consequences') ?? ''),
          technical: v.get('technical') === 'on',
          itemIds,
          participants: [...chosen],
          rules: body,
        },
        key.current,
      );
      await qc.invalidateQueries({ queryKey: decisionKeys.list(product.id) });
      navigate(`../${d.id}`);
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setFields(err.fields);
      else setMessage(isApiError(err) ? err.message : 'Not saved. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const err = (name: string) => fields[name] && <span className="field-error">{fields[name]}</span>;
  const setRule = (i: number, patch: Partial<RuleDraft>) =>
    setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="page d-page">
      <p className="faint">
        <Link to="..">Decisions</Link> / new
      </p>
      <h1>New decision</h1>
      <form
        className="d-form card"
        aria-label="New decision"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        <div className="field">
          <label htmlFor="d-title">Title</label>
          <input
            id="d-title"
            name="title"
            className="input"
            placeholder="Fix the root cause in sprint 12, no workaround"
          />
          {err('title')}
        </div>
        {(
          [
            ['context', 'Context', 'What is going on, and the forces at play'],
            ['decision', 'Decision', 'What we will do'],
            ['consequences', 'Consequences', 'What becomes easier or harder because of it'],
          ] as const
        ).map(([name, label, hint]) => (
          <div className="field" key={name}>
            <label htmlFor={`d-${name}`}>{label}</label>
            <textarea id={`d-${name}`} name={name} className="textarea" rows={3} placeholder={hint} />
            {err(name)}
          </div>
        ))}
        <div className="field">
          <label htmlFor="d-items">Items it governs (keys)</label>
          <input
            id="d-items"
            name="items"
            className="input"
            placeholder={`${product.key}-14, ${product.key}-15`}
          />
          {err('itemIds')}
        </div>
        <fieldset className="field d-people">
          <legend>Who took part</legend>
          {readers.map((m) => (
            <label key={m.userId} className="d-check">
              <input
                type="checkbox"
                checked={chosen.has(m.userId)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(m.userId);
                  else next.delete(m.userId);
                  setPicked(next);
                }}
              />
              {m.name}
            </label>
          ))}
          {err('participants')}
        </fieldset>
        <label className="d-check">
          <input type="checkbox" name="technical" /> Technical decision: the team accepts it
        </label>
        <fieldset className="field">
          <legend>What it rules out (checked on every later change once accepted)</legend>
          {rules.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rule rows have no id until saved
            <div className="d-rule" key={i}>
              <select
                className="select"
                aria-label={`Rule ${i + 1} kind`}
                value={r.kind}
                onChange={(e) => setRule(i, { kind: e.target.value as RuleKind })}
              >
                {Object.entries(RULE_KIND_LABELS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
              {r.kind !== 'no_scope_change' && (
                <input
                  className="input"
                  aria-label={`Rule ${i + 1} item`}
                  placeholder="Item key"
                  value={r.itemKey}
                  onChange={(e) => setRule(i, { itemKey: e.target.value })}
                />
              )}
              {r.kind === 'done_before' && (
                <input
                  className="input"
                  aria-label={`Rule ${i + 1} comes before`}
                  placeholder="before item key"
                  value={r.beforeKey}
                  onChange={(e) => setRule(i, { beforeKey: e.target.value })}
                />
              )}
              {(r.kind === 'stays_in_sprint' || r.kind === 'no_scope_change') && (
                <select
                  className="select"
                  aria-label={`Rule ${i + 1} sprint`}
                  value={r.sprintId}
                  onChange={(e) => setRule(i, { sprintId: e.target.value })}
                >
                  <option value="">Sprint…</option>
                  {openSprints.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}
              >
                Remove
              </button>
              {err(`rules.${i}.itemId`)}
              {err(`rules.${i}.beforeItemId`)}
              {err(`rules.${i}.sprintId`)}
            </div>
          ))}
          <button type="button" className="btn btn-sm" onClick={() => setRules((rs) => [...rs, blankRule()])}>
            Add a rule
          </button>
        </fieldset>
        {message && (
          <div className="alert alert-error" role="alert">
            {message}
          </div>
        )}
        <div className="form-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Proposing…' : 'Propose decision'}
          </button>
          <Link className="btn" to="..">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
