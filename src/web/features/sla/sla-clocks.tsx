import { useId } from 'react';
import type { Item } from '#contracts/items.ts';
import { SEVERITIES, SEVERITY_NAMES, type Severity } from '#domain/sla/policy.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { useActivePolicy } from './sla-api.ts';
import { badgeLine, clockLines } from './sla-words.ts';
import './sla.css';

type SlaItem = Pick<Item, 'sla' | 'severity' | 'waiting' | 'type'>;

/** A backlog row's compact SLA badge: severity and the most urgent clock ("S2 6 wh left"; the full words on hover and for screen readers). */
export function SlaBadge({ item }: { item: SlaItem }) {
  const product = useProduct();
  const policy = useActivePolicy(product.id);
  if (item.type !== 'defect' || !item.severity) return null;
  const line = badgeLine(clockLines(item, policy, Date.now()));
  const full = `${item.severity} ${SEVERITY_NAMES[item.severity]}${line ? `: ${line.text}` : ''}`;
  return (
    <span className={`sla-badge sla-${line?.tone ?? 'none'}`} title={full}>
      <b aria-hidden="true">{item.severity}</b>
      {line && (
        <span className="sla-badge-text" aria-hidden="true">
          {line.short}
        </span>
      )}
      <span className="sr-only">{full}</span>
    </span>
  );
}

/** The item panel's clocks: one line per clock, in words. */
export function SlaClocks({ item }: { item: SlaItem }) {
  const product = useProduct();
  const policy = useActivePolicy(product.id);
  if (item.type !== 'defect') return null;
  if (!item.severity)
    return <p className="field-hint">Give this defect a severity to start its SLA clocks.</p>;
  if (!item.sla) return <p className="field-hint">No SLA policy for this product yet (Settings → SLA).</p>;
  const lines = clockLines(item, policy, Date.now());
  return (
    <ul className="sla-clocks" aria-label="SLA clocks">
      {lines.map((l) => (
        <li key={`${l.clock}-${l.text}`} className={`sla-line sla-${l.tone}`}>
          {l.text}
        </li>
      ))}
    </ul>
  );
}

/** Severity (defects only) and the waiting-for-customer flag, for the item form. */
export function SeverityFields(p: {
  severity: Severity | null;
  waiting: boolean;
  onSeverity: (v: Severity | null) => void;
  onWaiting: (v: boolean) => void;
  canEdit: boolean;
  errors: { severity?: string | undefined; waiting?: string | undefined };
}) {
  const id = useId();
  return (
    <div className="sla-fields">
      <div className="field b-value-field">
        <label htmlFor={id}>Severity</label>
        <select
          id={id}
          name="severity"
          className="select"
          value={p.severity ?? ''}
          disabled={!p.canEdit}
          aria-invalid={p.errors.severity ? true : undefined}
          onChange={(e) => p.onSeverity(e.target.value === '' ? null : (e.target.value as Severity))}
        >
          <option value="">Not triaged</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s} {SEVERITY_NAMES[s]}
            </option>
          ))}
        </select>
        {p.errors.severity && <span className="field-error">{p.errors.severity}</span>}
      </div>
      <label className="check sla-waiting">
        <input
          type="checkbox"
          name="waiting"
          checked={p.waiting}
          disabled={!p.canEdit}
          onChange={(e) => p.onWaiting(e.target.checked)}
        />
        <span>Waiting for the customer</span>
      </label>
      {p.errors.waiting && <span className="field-error">{p.errors.waiting}</span>}
    </div>
  );
}
