import {
  addWorkingDays,
  afterStart,
  clamp,
  closedIn,
  type Definition,
  inside,
  itemEvidence,
  nothing,
  pct,
  plural,
  shareScore,
  sprintEvidence,
  startedIn,
  TRUST,
  t,
  unaddressedSad,
} from './trust-model.ts';

/** PO → team: how the backlog and the sprints are steered (seed 003). */
export const PO_SIGNALS: Definition[] = [
  {
    key: 'commitment_over_forecast',
    side: 'po',
    label: 'Commitment above forecast',
    compute(f, w) {
      const started = startedIn(f, w).filter((s) => s.overForecast !== null);
      if (!started.length) return nothing('percent', 'No sprint started in this window.');
      const over = started.filter((s) => s.overForecast);
      const share = over.length / started.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.overForecast),
        explanation: `${over.length} of ${plural(started.length, 'sprint')} started with more committed than the forecast. Planning above the forecast makes carry-over likely; agree the plan on the forecast.`,
        evidence: over.map((s) =>
          s.startEventId !== null
            ? {
                kind: 'event' as const,
                id: String(s.startEventId),
                summary: `${s.name} started: ${s.committedPoints ?? 0} points committed, forecast ${s.forecastPoints ?? '—'}`,
                at: s.startedAt!,
                sprintId: s.id,
              }
            : sprintEvidence(
                s,
                s.startedAt!,
                `${s.committedPoints ?? 0} points committed, forecast ${s.forecastPoints ?? '—'}`,
              ),
        ),
      };
    },
  },
  {
    key: 'mid_sprint_changes',
    side: 'po',
    label: 'Changes inside active sprints',
    compute(f, w) {
      const changes = f.scopeChanges.filter((c) => afterStart(f, c) && inside(c.at, w));
      const started = startedIn(f, w);
      const touched = new Set(changes.map((c) => c.sprintId));
      const scope = [...new Set([...started.map((s) => s.id), ...touched])].reduce(
        (n, id) => n + (f.sprintById.get(id)?.startItems ?? 0),
        0,
      );
      if (!changes.length && !started.length) return nothing('count', 'No sprint ran in this window.');
      const share = scope > 0 ? changes.length / scope : changes.length ? 1 : 0;
      return {
        value: changes.length,
        unit: 'count',
        score: shareScore(share, TRUST.zeroScoreAt.scopeChange),
        explanation: `${plural(changes.length, 'scope change')} after sprint start (${pct(share)} % of the ${plural(scope, 'item')} committed at start). Changes mid-sprint move the goal; each one deserves a conversation with the team.`,
        evidence: changes.map((c) => ({
          kind: 'event',
          id: String(c.id),
          summary: `${f.sprintById.get(c.sprintId)?.name ?? 'Sprint'}: ${c.itemKey} ${c.change}${c.reason ? ` — ${c.reason}` : ''}`,
          at: c.at,
          sprintId: c.sprintId,
        })),
      };
    },
  },
  {
    key: 'size_by_non_team',
    side: 'po',
    label: 'Sizes set outside the team',
    compute(f, w) {
      const tries = f.sizeRefusals.filter((r) => inside(r.at, w));
      return {
        value: tries.length,
        unit: 'count',
        score: clamp(100 - tries.length * TRUST.refusalPenalty),
        explanation: tries.length
          ? `${plural(tries.length, 'attempt')} to set a size from outside the team (refused). Estimates belong to the people who do the work.`
          : 'Nobody outside the team tried to set a size.',
        evidence: tries.map((r) => ({
          kind: 'event',
          id: String(r.id),
          summary: `${r.itemKey}: a size was tried by a ${r.role} and refused`,
          at: r.at,
          itemId: r.itemId,
        })),
      };
    },
  },
  {
    key: 'unstated_value',
    side: 'po',
    label: 'Pulled in without problem or value',
    compute(f, w) {
      const pulled = startedIn(f, w).flatMap((s) =>
        (f.itemsBySprint.get(s.id) ?? []).map((si) => ({ s, si })),
      );
      if (!pulled.length) return nothing('percent', 'No items were pulled into a sprint in this window.');
      const missing = pulled.filter(({ si }) => !si.problem.trim() || si.businessValue === null);
      const share = missing.length / pulled.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.unstatedValue),
        explanation: `${missing.length} of ${plural(pulled.length, 'item')} went into a sprint without a problem statement or a business value. The team builds better when it knows why.`,
        evidence: missing.map(({ s, si }) =>
          itemEvidence(
            si,
            s.startedAt!,
            `${s.name}: ${[!si.problem.trim() && 'no problem', si.businessValue === null && 'no value'].filter(Boolean).join(', ')}`,
          ),
        ),
      };
    },
  },
  {
    key: 'no_customer_feedback',
    side: 'po',
    label: 'Accepted without customer feedback',
    compute(f, w) {
      const heard = f.heard;
      const accepted = closedIn(f, w).flatMap((s) =>
        (f.itemsBySprint.get(s.id) ?? []).filter((si) => si.review === 'accepted').map((si) => ({ s, si })),
      );
      if (!accepted.length) return nothing('percent', 'No item was accepted in this window.');
      const silent = accepted.filter(({ si }) => !heard.has(si.itemId));
      const share = silent.length / accepted.length;
      return {
        value: pct(share),
        unit: 'percent',
        score: shareScore(share, TRUST.zeroScoreAt.noFeedback),
        explanation: `${silent.length} of ${plural(accepted.length, 'accepted item')} got no customer answer in a review. Without feedback nobody knows whether the work helped.`,
        evidence: silent.map(({ s, si }) =>
          itemEvidence(si, si.reviewedAt ?? s.closedAt!, `accepted in ${s.name}, no customer answers`),
        ),
      };
    },
  },
  {
    key: 'unanswered_questions',
    side: 'po',
    label: 'Team questions left unanswered',
    compute(f, w, now) {
      const owners = new Set(f.ownerIds);
      const team = new Set(f.teamIds);
      const questions = f.comments.filter(
        (c) =>
          inside(c.at, w) &&
          c.authorId !== null &&
          team.has(c.authorId) &&
          c.mentions.some((m) => owners.has(m)) &&
          addWorkingDays(new Date(c.at), TRUST.answerWorkingDays) <= now,
      );
      if (!questions.length) return nothing('count', 'No team question to the PO is old enough to judge.');
      const late = questions.filter((q) => {
        const asked = t(q.at);
        const due = addWorkingDays(new Date(asked), TRUST.answerWorkingDays).getTime();
        return !(f.commentsByItem.get(q.itemId) ?? []).some((c) => c.byOwner && c.at > asked && c.at <= due);
      });
      const share = late.length / questions.length;
      return {
        value: late.length,
        unit: 'count',
        score: shareScore(share, TRUST.zeroScoreAt.unanswered),
        explanation: `${late.length} of ${plural(questions.length, 'question')} from the team to the PO waited more than ${TRUST.answerWorkingDays} working days for an answer on the item. Quick answers keep the sprint moving.`,
        evidence: late.map((q) => ({
          kind: 'item',
          id: q.itemId,
          summary: `${q.itemKey}: a question to the PO without an answer within ${TRUST.answerWorkingDays} working days`,
          at: q.at,
        })),
      };
    },
  },
  {
    key: 'sad_faces_left_out',
    side: 'po',
    label: 'Sad faces without follow-up',
    compute(f, w) {
      const closed = f.reviewsClosed.filter((r) => inside(r.at, w));
      const withSad = closed.filter((r) => f.sadByReview.has(r.reviewId));
      if (!withSad.length)
        return closed.length
          ? {
              ...nothing('count', 'No customer answered sad in the reviews closed in this window.'),
              value: 0,
              score: 100,
            }
          : nothing('count', 'No customer review closed in this window.');
      const left = withSad
        .map((r) => ({ r, sad: unaddressedSad(f, r.reviewId) }))
        .filter((x) => x.sad.length > 0);
      const share = left.length / withSad.length;
      return {
        value: left.length,
        unit: 'count',
        score: shareScore(share, TRUST.zeroScoreAt.sadLeftOut),
        explanation: `${left.length} of ${plural(withSad.length, 'review')} with sad answers closed while a sad-faced increment got no follow-up (no comment or new linked item after the answer). Sad faces are the most useful answers; follow them up.`,
        evidence: left.flatMap(({ r, sad }) => [
          {
            kind: 'event' as const,
            id: String(r.id),
            summary: `Review of ${f.sprintById.get(r.sprintId)?.name ?? 'a sprint'} closed with ${plural(sad.length, 'sad answer')} not followed up`,
            at: r.at,
            sprintId: r.sprintId,
          },
          ...[...new Map(sad.map((a) => [a.itemId, a])).values()].map((a) => ({
            kind: 'item' as const,
            id: a.itemId,
            summary: `${a.itemKey}: sad answer, no follow-up`,
            at: a.at,
          })),
        ]),
      };
    },
  },
];
