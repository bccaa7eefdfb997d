import { ITEM_STATUSES, type ItemStatus } from '#domain/backlog/item-rules.ts';

/**
 * A product's service levels for defects (issue 13, seed 002): per severity, the time to the first
 * response and to resolution, counted in the product's business hours or in calendar hours.
 */
export const SEVERITIES = ['S1', 'S2', 'S3', 'S4'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = {
  S1: 'Critical',
  S2: 'High',
  S3: 'Medium',
  S4: 'Low',
};

/** "Waiting for customer": a flag on the item beside its status, named like a status in pauseStatuses. */
export const WAITING = 'waiting' as const;
export const PAUSE_STATUSES = [WAITING, ...ITEM_STATUSES] as const;
export type PauseStatus = (typeof PAUSE_STATUSES)[number];

export type ClockKind = 'business' | 'calendar';
export interface SeverityTargets {
  responseHours: number;
  resolutionHours: number;
  calendar: ClockKind;
}

export interface SlaPolicy {
  /** IANA zone of the product's calendar, e.g. Europe/Berlin. */
  timeZone: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Local wall-clock times, "HH:MM", start before end. */
  workingHours: { start: string; end: string };
  /** Local dates "YYYY-MM-DD" without working hours. */
  holidays: string[];
  pauseStatuses: PauseStatus[];
  severities: Record<Severity, SeverityTargets>;
}

/** What a product starts from: S1 round the clock, the others in business hours. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  timeZone: 'UTC',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '17:00' },
  holidays: [],
  pauseStatuses: [WAITING],
  severities: {
    S1: { responseHours: 1, resolutionHours: 8, calendar: 'calendar' },
    S2: { responseHours: 4, resolutionHours: 24, calendar: 'business' },
    S3: { responseHours: 8, resolutionHours: 80, calendar: 'business' },
    S4: { responseHours: 24, resolutionHours: 160, calendar: 'business' },
  },
};

/** Minutes after local midnight of "HH:MM". */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const isPauseStatus = (s: string): s is PauseStatus =>
  (PAUSE_STATUSES as readonly string[]).includes(s);
export const isSeverity = (s: unknown): s is Severity => (SEVERITIES as readonly unknown[]).includes(s);
export type { ItemStatus };
