import { z } from 'zod';
import { minutesOf, PAUSE_STATUSES, SEVERITIES } from '#domain/sla/policy.ts';
import { Id, IsoDateTime, text } from './common.ts';
import { TimeZoneName } from './time-zone.ts';

/** Defects: severity and SLA clocks (issue 13). */
export const Severity = z.enum(SEVERITIES);
export const PauseStatus = z.enum(PAUSE_STATUSES);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const clockTime = text({ max: 5 }).regex(HHMM, { message: 'Use HH:MM, e.g. 09:00' });
const hours = z
  .number()
  .positive({ message: 'More than 0 hours' })
  .max(10_000, { message: 'At most 10,000 hours' })
  .multipleOf(0.25, { message: 'In quarter hours' });

export const SeverityTargets = z.object({
  responseHours: hours.describe('Time to the first response'),
  resolutionHours: hours.describe('Time to resolution'),
  calendar: z.enum(['business', 'calendar']).describe('Business hours of the calendar, or every hour'),
});

export const SlaPolicyBody = z
  .object({
    timeZone: TimeZoneName.describe('IANA time zone of the business calendar'),
    workingDays: z
      .array(z.number().int().min(1).max(7))
      .min(1, { message: 'At least one working day' })
      .max(7)
      .refine((d) => new Set(d).size === d.length, { message: 'Each day once' })
      .describe('ISO weekdays: 1 = Monday … 7 = Sunday'),
    workingHours: z
      .object({ start: clockTime, end: clockTime })
      .refine((h) => minutesOf(h.start) < minutesOf(h.end), {
        message: 'The working day ends after it starts',
        path: ['end'],
      }),
    holidays: z
      .array(text({ max: 10 }).regex(DATE, { message: 'Use YYYY-MM-DD' }))
      .max(400, { message: 'At most 400 holidays' }),
    pauseStatuses: z
      .array(PauseStatus)
      .max(PAUSE_STATUSES.length)
      .describe('Statuses the clocks pause in; "waiting" = waiting for the customer'),
    severities: z.object({
      S1: SeverityTargets,
      S2: SeverityTargets,
      S3: SeverityTargets,
      S4: SeverityTargets,
    }),
  })
  .refine((p) => Object.values(p.severities).every((s) => s.responseHours <= s.resolutionHours), {
    message: 'A response target cannot be longer than its resolution target',
    path: ['severities'],
  });
export type SlaPolicyBody = z.infer<typeof SlaPolicyBody>;

export const SlaPolicyDoc = z.object({
  productId: Id,
  /** False while the product has no policy: the defaults are shown, no clock runs. */
  active: z.boolean(),
  policy: z.object({
    timeZone: z.string(),
    workingDays: z.array(z.number().int()),
    workingHours: z.object({ start: z.string(), end: z.string() }),
    holidays: z.array(z.string()),
    pauseStatuses: z.array(PauseStatus),
    severities: z.record(Severity, SeverityTargets),
  }),
  version: z.number().int().describe('0 while only the defaults exist'),
  updatedAt: IsoDateTime.nullable(),
});
export type SlaPolicyDoc = z.infer<typeof SlaPolicyDoc>;

/** The `sla` block of an item: its clocks now; null when no policy applies (not a defect, no severity). */
export const ItemSla = z
  .object({
    responseDueAt: IsoDateTime.nullable().describe(
      'While the response clock runs; null once responded or paused',
    ),
    resolutionDueAt: IsoDateTime.nullable().describe(
      'While the resolution clock runs; null when resolved or paused',
    ),
    paused: z.boolean(),
    breached: z.boolean(),
  })
  .nullable();
export type ItemSla = z.infer<typeof ItemSla>;

export const SlaReportRow = z.object({
  month: z.string().describe('YYYY-MM: when the clock ended (responded, resolved) or ran out'),
  severity: Severity,
  clock: z.enum(['response', 'resolution']),
  met: z.number().int(),
  missed: z.number().int(),
  /** met ÷ (met + missed), 0–1. */
  attainment: z.number(),
  missedItemIds: z.array(Id),
});
export const SlaReport = z.object({
  productId: Id,
  active: z.boolean(),
  rows: z.array(SlaReportRow),
  /** Open defects whose clock runs out soonest first, with what is left. */
  open: z.array(
    z.object({
      itemId: Id,
      key: z.string(),
      title: z.string(),
      severity: Severity,
      paused: z.boolean(),
      breached: z.boolean(),
      dueAt: IsoDateTime.nullable(),
    }),
  ),
});
export type SlaReport = z.infer<typeof SlaReport>;
