import { useQuery } from '@tanstack/react-query';
import { backlogKeys, fetchInvest } from './items-api.ts';

/** INVEST findings for the item, each with its reason, and whether the Definition of Ready is met. */
const CHECK_LABELS: Record<string, string> = {
  independent: 'Independent',
  negotiable: 'Negotiable',
  valuable: 'Valuable',
  estimable: 'Estimable',
  small: 'Small',
  testable: 'Testable',
};

export function InvestPanel({ itemId, version }: { itemId: string; version: number }) {
  const q = useQuery({
    queryKey: [...backlogKeys.invest(itemId), version],
    queryFn: () => fetchInvest(itemId),
  });
  if (q.isPending) return <p className="muted">Checking INVEST…</p>;
  if (q.isError) return <p className="field-error">{q.error.message}</p>;
  const r = q.data;
  return (
    <section className="b-section" aria-labelledby="b-invest-h">
      <h3 id="b-invest-h">
        INVEST{' '}
        <span className={`chip ${r.ready ? 'chip-ok' : 'chip-warn'}`}>
          {r.ready
            ? 'meets the Definition of Ready'
            : `not ready yet: ${r.readinessGaps.map((g) => CHECK_LABELS[g] ?? g).join(', ')}`}
        </span>
      </h3>
      <ul className="b-invest">
        {r.findings.map((f) => (
          <li key={f.check} data-ok={f.ok}>
            <span className="b-invest-mark" aria-hidden="true">
              {f.ok ? '✓' : '!'}
            </span>
            <strong>{CHECK_LABELS[f.check] ?? f.check}</strong>
            <span className="sr-only">{f.ok ? 'passes' : 'fails'}</span>
            <span className="muted">{f.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
