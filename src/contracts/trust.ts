import { z } from 'zod';
import { IsoDateTime, text } from './common.ts';

/** The trust radar (issue 11, seed 003): GET /api/v1/products/:productId/trust?from=&to= */
const IsoDate = z.iso.date({ message: 'Use a date like 2026-03-02' });
export const TrustQuery = z.object({
  /** First day of the window (inclusive). Default: twelve weeks before `to`. */
  from: IsoDate.optional(),
  /** The day after the window (exclusive). Default: tomorrow (UTC), so today is in. */
  to: IsoDate.optional(),
  /** A signal key: list all its evidence (the others list their 10 most recent pieces). */
  signal: text({ max: 60, trim: false }).optional(),
});

export const TrustEvidence = z.object({
  kind: z.enum(['event', 'item', 'sprint']),
  id: z.string(),
  summary: z.string(),
  at: IsoDateTime,
  /** For an event: the item and/or sprint it is about (to link to). */
  itemId: z.string().optional(),
  sprintId: z.string().optional(),
});

export const TrustSignal = z.object({
  key: z.string(),
  side: z.enum(['po', 'team']),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.enum(['count', 'percent', 'ratio']),
  score: z.number().nullable(),
  trend: z.number().nullable(),
  explanation: z.string(),
  evidence: z.array(TrustEvidence),
  /** All the evidence there is; `evidence` lists the most recent 10 unless `signal` asked for all. */
  evidenceTotal: z.number(),
});

export const TrustSprintRow = z.object({
  sprintId: z.string(),
  name: z.string(),
  state: z.enum(['planned', 'active', 'closed']),
  startedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
  committedPoints: z.number().nullable(),
  forecastPoints: z.number().nullable(),
  overForecast: z.boolean().nullable(),
  scopeChanges: z.number(),
  completedPoints: z.number().nullable(),
  sayDo: z.number().nullable(),
  carryOverPercent: z.number().nullable(),
  reopenedOrRejected: z.number(),
  unstatedValue: z.number(),
  acceptedWithoutFeedback: z.number(),
});

export const TrustView = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  previous: z.object({ from: IsoDateTime, to: IsoDateTime }),
  signals: z.array(TrustSignal),
  sprints: z.array(TrustSprintRow),
});
export type TrustView = z.infer<typeof TrustView>;
export type TrustSignalView = z.infer<typeof TrustSignal>;
export type TrustSprintRowView = z.infer<typeof TrustSprintRow>;
