import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InsightSharing, SharedAllocation } from '#contracts/insight-allocation.ts';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import { BAND_COLOURS, segmentTargetLines, UNASSIGNED_COLOUR } from './allocation-api.ts';
import { type Column, StackedBars } from './stacked-bars.tsx';
import '#web/features/sprints/sprint-charts.css';
import './allocation.css';

const sharingKey = (productId: string) => ['products', productId, 'insight', 'sharing'] as const;
const useSharing = (productId: string) =>
  useQuery({
    queryKey: sharingKey(productId),
    queryFn: () => api.get(apiPath('products', productId, 'insight-sharing'), InsightSharing),
  });

/** The PO's switch in Insight › Allocation: stakeholders see the shares on their portal, never an item. */
export function SharingToggle({ productId }: { productId: string }) {
  const qc = useQueryClient();
  const q = useSharing(productId);
  const [error, setError] = useState<string | null>(null);
  // Shown at once, while the PUT runs (the box is disabled meanwhile: one version at a time).
  const [pending, setPending] = useState<boolean | null>(null);
  if (!q.data) return null;
  const s = q.data;
  const flip = async (allocation: boolean) => {
    setError(null);
    setPending(allocation);
    try {
      const next = await api.put(
        apiPath('products', productId, 'insight-sharing'),
        { allocation },
        InsightSharing,
        {
          ifMatch: s.version,
        },
      );
      qc.setQueryData(sharingKey(productId), next);
    } catch (err) {
      setError(isApiError(err) ? err.message : 'That did not work. Try again.');
      void q.refetch();
    } finally {
      setPending(null);
    }
  };
  return (
    <div className="card alloc-sharing">
      <label>
        <input
          type="checkbox"
          checked={pending ?? s.allocation}
          disabled={pending !== null}
          onChange={(e) => void flip(e.target.checked)}
        />{' '}
        Share this view with stakeholders
      </label>
      <p className="muted">
        They see points and shares per segment and category against the targets, and your justifications — on
        their portal, without any item.
      </p>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

/** On a stakeholder's portal, when the PO shares it: where the effort went, per segment. */
export function SharedAllocationSection({ productId }: { productId: string }) {
  const sharing = useSharing(productId);
  const on = sharing.data?.allocation === true;
  const q = useQuery({
    queryKey: [...sharingKey(productId), 'allocation'],
    enabled: on,
    queryFn: () => api.get(apiPath('products', productId, 'shared-allocation'), SharedAllocation),
  });
  if (!on || !q.data) return null;
  const a = q.data;
  const bands = a.overall.bySegment.map((s, i) => ({
    key: s.segmentId ?? 'none',
    label: s.name,
    colour: s.segmentId ? (BAND_COLOURS[i % BAND_COLOURS.length] ?? 'var(--accent)') : UNASSIGNED_COLOUR,
  }));
  const values = (split: SharedAllocation['overall']): Column['values'] =>
    Object.fromEntries(
      split.bySegment.map((s) => [
        s.segmentId ?? 'none',
        {
          share: s.share,
          points: s.points,
          target: s.target !== null ? `${s.target} %` : null,
          offTarget: s.offTarget,
        },
      ]),
    );
  const columns: Column[] = [
    ...a.sprints.map((s) => ({
      id: s.sprintId,
      label: s.name,
      values: values(s),
      total: s.points,
      flagged: s.bySegment.some((x) => x.offTarget),
      note: s.justification,
    })),
    { id: 'overall', label: 'Overall', values: values(a.overall), total: a.overall.points, flagged: false },
  ];
  const justified = a.sprints.filter((s) => s.justification);
  return (
    <section className="pt-section" aria-labelledby="pt-effort">
      <h2 id="pt-effort">Where the effort went</h2>
      <p className="muted">
        Points completed per customer segment in the last sprints, against each segment’s target.
      </p>
      <StackedBars
        title="Effort per segment per sprint"
        bands={bands}
        columns={columns}
        targetLines={segmentTargetLines(a.overall.bySegment)}
        onSelect={() => {}}
      />
      {justified.length > 0 && (
        <ul className="pt-justifications">
          {justified.map((s) => (
            <li key={s.sprintId}>
              <strong>{s.name}:</strong> {s.justification}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
