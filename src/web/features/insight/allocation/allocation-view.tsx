import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { AllocationReport, AllocationSplit, SprintAllocation } from '#contracts/insight-allocation.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import {
  allocationKeys,
  BAND_COLOURS,
  downloadCsv,
  segmentTargetLines,
  UNASSIGNED_COLOUR,
  useAllocation,
  useAllocationEvidence,
} from './allocation-api.ts';
import { CategoryTargetsForm } from './category-targets-form.tsx';
import { JustificationEditor } from './justification-editor.tsx';
import { SharingToggle } from './sharing.tsx';
import { type Band, type Column, StackedBars } from './stacked-bars.tsx';
import '#web/features/sprints/sprint-charts.css';
import './allocation.css';

type Mode = 'segment' | 'category';
const CATEGORY_LABELS: Record<string, string> = {
  feature: 'Feature',
  enabler: 'Enabler',
  defect: 'Defect',
  debt: 'Debt',
};
const OVERALL = 'overall';
const NEXT = 'next';

function bandsOf(a: AllocationReport, mode: Mode): Band[] {
  if (mode === 'category')
    return a.overall.byCategory.map((c, i) => ({
      key: c.category,
      label: CATEGORY_LABELS[c.category] ?? c.category,
      colour: BAND_COLOURS[i % BAND_COLOURS.length] ?? 'var(--accent)',
    }));
  return a.overall.bySegment.map((s, i) => ({
    key: s.segmentId ?? 'none',
    label: s.name,
    colour: s.segmentId ? (BAND_COLOURS[i % BAND_COLOURS.length] ?? 'var(--accent)') : UNASSIGNED_COLOUR,
  }));
}

function valuesOf(split: AllocationSplit, mode: Mode): Column['values'] {
  const out: Column['values'] = {};
  if (mode === 'category')
    for (const c of split.byCategory)
      out[c.category] = {
        share: c.share,
        points: c.points,
        target: c.min !== null && c.max !== null ? `${c.min}–${c.max} %` : null,
        offTarget: c.offTarget,
      };
  else
    for (const s of split.bySegment)
      out[s.segmentId ?? 'none'] = {
        share: s.share,
        points: s.points,
        target: s.target !== null ? `${s.target} %` : null,
        offTarget: s.offTarget,
      };
  return out;
}

const flagged = (s: AllocationSplit, mode: Mode) =>
  mode === 'segment' ? s.bySegment.some((x) => x.offTarget) : s.byCategory.some((x) => x.offTarget);

/** Insight › Allocation: where the effort goes, per segment and per category, against targets. */
export default function AllocationView() {
  const product = useProduct();
  const isPo = useCan(ROLES.owner);
  const qc = useQueryClient();
  const [count, setCount] = useState(6);
  const [mode, setMode] = useState<Mode>('segment');
  const [table, setTable] = useState(false);
  const [picked, setPicked] = useState<{ column: string; band: string } | null>(null);
  const q = useAllocation(product.id, count);
  const evidence = useAllocationEvidence(
    product.id,
    count,
    picked
      ? {
          column: picked.column === NEXT ? 'backlog' : picked.column,
          ...(mode === 'category' ? { category: picked.band } : { segment: picked.band }),
        }
      : null,
  );
  if (q.isPending) return <p className="muted">Counting the points…</p>;
  if (q.isError) return <div className="alert alert-error">{q.error.message}</div>;
  const a = q.data;
  const bands = bandsOf(a, mode);
  const splitOf = (id: string): AllocationSplit | undefined =>
    id === OVERALL ? a.overall : id === NEXT ? a.planned : a.sprints.find((s) => s.sprintId === id);
  const columns: Column[] = [
    ...a.sprints.map((s) => ({
      id: s.sprintId,
      label: s.name,
      values: valuesOf(s, mode),
      total: s.points,
      flagged: flagged(s, mode),
      note: s.justification,
    })),
    {
      id: OVERALL,
      label: 'Overall',
      values: valuesOf(a.overall, mode),
      total: a.overall.points,
      flagged: false,
    },
    {
      id: NEXT,
      label: 'Backlog',
      values: valuesOf(a.planned, mode),
      total: a.planned.points,
      flagged: false,
    },
  ];
  const targetLines = mode === 'segment' ? segmentTargetLines(a.overall.bySegment) : [];
  const offTarget = a.sprints.filter((s) => flagged(s, 'segment') || flagged(s, 'category'));
  const refresh = () => qc.invalidateQueries({ queryKey: allocationKeys.all(product.id) });
  const base = `/p/${product.key}/backlog`;

  const pickedSplit = picked ? splitOf(picked.column) : undefined;
  const pickedCount =
    picked && pickedSplit
      ? mode === 'category'
        ? (pickedSplit.byCategory.find((c) => c.category === picked.band)?.itemCount ?? 0)
        : (pickedSplit.bySegment.find((s) => (s.segmentId ?? 'none') === picked.band)?.itemCount ?? 0)
      : 0;
  const pickedLabel = picked
    ? `${columns.find((c) => c.id === picked.column)?.label} · ${bands.find((b) => b.key === picked.band)?.label}`
    : '';
  const bandLink = (key: string) =>
    mode === 'category' ? `${base}?category=${key}` : key === 'none' ? base : `${base}?segment=${key}`;

  const csv = () =>
    downloadCsv(`${product.key}-allocation-by-${mode}.csv`, [
      [
        'Sprint',
        ...bands.flatMap((b) => [`${b.label} points`, `${b.label} %`]),
        'Total points',
        'Justification',
      ],
      ...columns.map((c) => [
        c.label,
        ...bands.flatMap((b) => [c.values[b.key]?.points ?? 0, c.values[b.key]?.share ?? 0]),
        c.total,
        c.note ?? '',
      ]),
    ]);

  return (
    <section className="alloc" aria-label="Allocation">
      <div className="alloc-controls">
        <fieldset className="segmented" aria-label="Split by">
          <button
            type="button"
            aria-pressed={mode === 'segment'}
            onClick={() => {
              setMode('segment');
              setPicked(null);
            }}
          >
            By segment
          </button>
          <button
            type="button"
            aria-pressed={mode === 'category'}
            onClick={() => {
              setMode('category');
              setPicked(null);
            }}
          >
            By category
          </button>
        </fieldset>
        <label>
          Sprints{' '}
          <select value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {[3, 6, 12, 24].map((n) => (
              <option key={n} value={n}>
                last {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => setTable((t) => !t)}>
          {table ? 'Show chart' : 'Show table'}
        </button>
        <button type="button" className="btn" onClick={csv}>
          Export CSV
        </button>
      </div>
      <p className="muted alloc-note">
        Points completed (accepted) per sprint; an item serving several segments splits its points evenly.
        {mode === 'segment'
          ? ` A segment is off target more than ${a.tolerance} points from its target share.`
          : ' A category is off target outside the range the Product Owner set.'}{' '}
        “Backlog” (“Next” on a phone) is the open backlog: where the next sprint would land.
      </p>
      {table ? (
        <div className="alloc-table-wrap">
          <table className="alloc-table">
            <caption className="sr-only">Allocation by {mode}</caption>
            <thead>
              <tr>
                <th scope="col">Sprint</th>
                {bands.map((b) => (
                  <th key={b.key} scope="col">
                    <Link to={bandLink(b.key)}>{b.label}</Link>
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c.id} className={c.flagged ? 'off' : undefined}>
                  <th scope="row">{c.label}</th>
                  {bands.map((b) => {
                    const v = c.values[b.key];
                    return (
                      <td key={b.key} className={v?.offTarget ? 'off' : undefined}>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setPicked({ column: c.id, band: b.key })}
                        >
                          {v?.points ?? 0} pts · {v?.share ?? 0} %
                        </button>
                        {v?.target && <span className="muted"> / {v.target}</span>}
                      </td>
                    );
                  })}
                  <td>{c.total} pts</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <StackedBars
          title={`Allocation by ${mode} per sprint`}
          bands={bands}
          columns={columns}
          targetLines={targetLines}
          onSelect={(column, band) => setPicked({ column, band })}
        />
      )}
      {picked && (
        <section className="card alloc-evidence" aria-label="Items behind the number">
          <div className="alloc-evidence-head">
            <strong>{pickedLabel}</strong>
            <span className="muted">
              {pickedCount} {pickedCount === 1 ? 'item' : 'items'}
            </span>
            <Link to={bandLink(picked.band)}>Open in the backlog</Link>
            <button type="button" className="btn btn-small" onClick={() => setPicked(null)}>
              Close
            </button>
          </div>
          {evidence.isPending ? (
            <p className="muted">Finding the items…</p>
          ) : evidence.isError ? (
            <div className="alert alert-error">{evidence.error.message}</div>
          ) : (
            <ul>
              {evidence.data.items.map((i) => (
                <li key={i.id}>
                  <Link to={`${base}?item=${i.id}`}>
                    {i.key} {i.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <OffTarget sprints={offTarget} isPo={isPo} onSaved={refresh} />
      {isPo && <CategoryTargetsForm productId={product.id} onSaved={refresh} />}
      {isPo && <SharingToggle productId={product.id} />}
    </section>
  );
}

function OffTarget({
  sprints,
  isPo,
  onSaved,
}: {
  sprints: SprintAllocation[];
  isPo: boolean;
  onSaved: () => void;
}) {
  if (!sprints.length) return <p className="muted">No sprint in this range is off target.</p>;
  return (
    <section className="alloc-off" aria-label="Off-target sprints">
      <h2>Off target</h2>
      <ul>
        {sprints.map((s) => (
          <li key={s.sprintId} className="card">
            <div>
              <strong>{s.name}</strong>{' '}
              <span className="muted">
                {[
                  ...s.bySegment
                    .filter((x) => x.offTarget)
                    .map((x) => `${x.name} ${x.share} % (target ${x.target} %)`),
                  ...s.byCategory
                    .filter((x) => x.offTarget)
                    .map((x) => `${CATEGORY_LABELS[x.category]} ${x.share} % (range ${x.min}–${x.max} %)`),
                ].join(' · ')}
              </span>
            </div>
            <JustificationEditor sprint={s} canEdit={isPo} onSaved={onSaved} />
          </li>
        ))}
      </ul>
    </section>
  );
}
