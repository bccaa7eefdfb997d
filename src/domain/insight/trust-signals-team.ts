import { mean } from '#domain/sprints/stats.ts';
import { velocityCv } from '#domain/sprints/velocity.ts';
import {
  clamp,
  closedIn,
  DAY,
  type Definition,
  inside,
  itemEvidence,
  nothing,
  pct,
  plural,
  sayDoSeries,
  shareScore,
  sprintEvidence,
  TRUST,
  type TrustSprintItemFact,
  t,
} from './trust-model.ts';

/** Team → PO: how reliably the team's "done" and forecasts hold (seed 003). */
export const TEAM_SIGNALS: Definition[] = [
  {
    key: 'carry_over',
    side: 'team',
    label: 'Carry-over at close',
    compute(f, w) {
      const rows = closedIn(f, w).flatMap((s) => (f.itemsBySprint.get(s.id) ?? []).map((si) => ({ s, si })));
      if (!rows.length) return nothing('percent', 'No sprint closed in this window.');
      const carried = rows.filter(({ si }) => si.outcome !== 'completed');
      const share = carried.length / rows.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.carryOver),
        explanation: `${carried.length} of ${plural(rows.length, 'item')} in closed sprints were not done at close and carried over. Partially done work counts as not done; smaller slices finish.`,
        evidence: carried.map(({ s, si }) =>
          itemEvidence(
            si,
            s.closedAt!,
            `not done when ${s.name} closed (${si.outcome === 'next_sprint' ? 'to the next sprint' : 'back to the backlog'})`,
          ),
        ),
      };
    },
  },
  {
    key: 'reopened_or_rejected',
    side: 'team',
    label: 'Done, then reopened or rejected',
    compute(f, w) {
      const rows = closedIn(f, w).flatMap((s) => (f.itemsBySprint.get(s.id) ?? []).map((si) => ({ s, si })));
      const reviewed = rows.filter(({ si }) => si.review !== null || si.reopened > 0);
      if (!reviewed.length)
        return nothing('percent', 'No item was reviewed in a sprint closed in this window.');
      const back = reviewed.filter(({ si }) => si.reopened > 0 || si.review === 'rejected');
      const share = back.length / reviewed.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.reopened),
        explanation: `${back.length} of ${plural(reviewed.length, 'reviewed item')} were marked done and then reopened or rejected. Work reported done that is not done hides effort; the Definition of Done is the shared bar.`,
        evidence: back.map(({ s, si }) =>
          itemEvidence(
            si,
            si.reviewedAt ?? s.closedAt!,
            `${s.name}: ${si.review === 'rejected' ? 'rejected' : `reopened ${plural(si.reopened, 'time')}`}`,
          ),
        ),
      };
    },
  },
  {
    key: 'escaped_defects',
    side: 'team',
    label: 'Escaped defects',
    compute(f, w) {
      const accepted = new Map<string, TrustSprintItemFact & { acceptedAt: number }>();
      for (const si of f.sprintItems) {
        if (si.review !== 'accepted') continue;
        const s = f.sprintById.get(si.sprintId);
        const at = t(si.reviewedAt ?? s?.closedAt ?? null);
        if (!Number.isNaN(at)) accepted.set(si.itemId, { ...si, acceptedAt: at });
      }
      const defects = f.defects.filter((d) => inside(d.createdAt, w));
      const escaped = defects.flatMap((d) => {
        const linked = f.links
          .flatMap((l) => (l.fromItemId === d.id ? [l.toItemId] : l.toItemId === d.id ? [l.fromItemId] : []))
          .map((id) => accepted.get(id))
          .filter(
            (a): a is NonNullable<typeof a> =>
              !!a &&
              a.acceptedAt <= t(d.createdAt) &&
              t(d.createdAt) - a.acceptedAt <= TRUST.escapeDays * DAY,
          );
        return linked.length ? [{ d, of: linked[0]! }] : [];
      });
      return {
        value: escaped.length,
        unit: 'count',
        score: clamp(100 - escaped.length * TRUST.escapedDefectPenalty),
        explanation: escaped.length
          ? `${plural(escaped.length, 'defect')} filed within ${TRUST.escapeDays} days of accepting the work they are linked to. Escaped defects point at checks worth adding to the Definition of Done.`
          : `No defect was linked to work accepted in the ${TRUST.escapeDays} days before it.`,
        evidence: escaped.map(({ d, of }) =>
          itemEvidence(
            { itemId: d.id, key: d.key, title: d.title },
            d.createdAt,
            `defect linked to ${of.key} ${of.title}, accepted shortly before`,
          ),
        ),
      };
    },
  },
  {
    key: 'velocity_instability',
    side: 'team',
    label: 'Velocity instability',
    compute(f, w) {
      const closed = closedIn(f, w);
      const cv = velocityCv(
        closed.map((s) => s.completedPoints ?? 0),
        Number.POSITIVE_INFINITY,
      );
      if (cv === null) return nothing('ratio', 'Fewer than two sprints closed in this window.');
      return {
        value: cv,
        unit: 'ratio',
        score: shareScore(cv, TRUST.zeroScoreAt.velocityCv),
        explanation: `Completed points vary by ${pct(cv)} % of their mean (coefficient of variation over ${plural(closed.length, 'sprint')}). Above about 30 % a forecast is hard to trust; steady slices steady it.`,
        evidence: closed.map((s) =>
          sprintEvidence(s, s.closedAt!, `${s.completedPoints ?? 0} points completed`),
        ),
      };
    },
  },
  {
    key: 'say_do',
    side: 'team',
    label: 'Say/do',
    compute(f, w) {
      const series = sayDoSeries(f, w);
      const avg = mean(series.map((x) => x.ratio));
      if (avg === null) return nothing('percent', 'No sprint with a commitment closed in this window.');
      const full =
        series.length >= TRUST.underCommitSprints && series.every((x) => x.ratio >= TRUST.sayDoFull);
      const falling =
        full &&
        series.every(
          (x, i) => i === 0 || (x.s.committedPoints ?? 0) < (series[i - 1]!.s.committedPoints ?? 0),
        );
      const value = pct(avg);
      const score = falling
        ? TRUST.underCommitScore
        : avg >= TRUST.sayDoFloor
          ? 100
          : clamp((100 * avg) / TRUST.sayDoFloor);
      const explanation = falling
        ? `Every sprint delivered 100 % while the commitment kept falling (${series.map((x) => x.s.committedPoints ?? 0).join(' → ')} points). That can be committing low for safety; talk about what a stretch would need.`
        : avg < TRUST.sayDoFloor
          ? `On average ${value} % of the committed points were completed (below ${pct(TRUST.sayDoFloor)} %). Commitments that do not hold make planning guesswork.`
          : `On average ${value} % of the committed points were completed.`;
      return {
        value,
        unit: 'percent',
        score,
        explanation,
        evidence: series
          .filter((x) => falling || x.ratio < TRUST.sayDoFloor)
          .map(({ s, ratio }) =>
            sprintEvidence(
              s,
              s.closedAt!,
              `${s.completedPoints ?? 0} of ${s.committedPoints ?? 0} committed points (${pct(ratio)} %)`,
            ),
          ),
      };
    },
  },
];
