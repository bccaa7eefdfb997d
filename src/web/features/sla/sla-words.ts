import type { Item } from '#contracts/items.ts';
import { calendarFor } from '#domain/sla/calendar.ts';
import type { Severity, SlaPolicy } from '#domain/sla/policy.ts';

/**
 * An item's SLA clocks in words (issue 13): "Resolution due in 6 working hours", "Response
 * breached 2 h ago", "Paused: waiting for the customer". Time left counts the severity's calendar
 * (working hours of the product's calendar, or every hour); time since a breach is real time.
 */
export type Tone = 'ok' | 'warn' | 'danger' | 'paused';
export interface ClockLine {
  clock: 'response' | 'resolution' | 'sla';
  text: string;
  /** Two or three words for a backlog row ("breached", "6 wh left", "paused"). */
  short: string;
  tone: Tone;
  /** Working (or calendar) milliseconds left; negative once breached; null when not running. */
  leftMs: number | null;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

export function duration(ms: number, working: boolean): string {
  const unit = working ? ' working' : '';
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MIN))} min`;
  if (!working && ms >= 48 * HOUR) return `${Math.round(ms / (24 * HOUR))} days`;
  const h = Math.round(ms / HOUR);
  return `${h}${unit} ${h === 1 ? 'hour' : 'hours'}`;
}
/** "45 min", "6 wh" (working hours), "30 h", "3 d". */
function shortDuration(ms: number, working: boolean): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MIN))} min`;
  if (!working && ms >= 48 * HOUR) return `${Math.round(ms / (24 * HOUR))} d`;
  return `${Math.round(ms / HOUR)} ${working ? 'wh' : 'h'}`;
}
const ago = (ms: number) =>
  ms < HOUR
    ? `${Math.max(1, Math.round(ms / MIN))} min`
    : ms < 48 * HOUR
      ? `${Math.round(ms / HOUR)} h`
      : `${Math.round(ms / (24 * HOUR))} days`;

const NAMES = { response: 'Response', resolution: 'Resolution' } as const;

export function clockLines(
  item: Pick<Item, 'sla' | 'severity' | 'waiting'>,
  policy: SlaPolicy | null,
  now: number,
): ClockLine[] {
  const sla = item.sla;
  if (!sla || !item.severity) return [];
  const targets = policy?.severities[item.severity as Severity];
  const working = targets?.calendar === 'business';
  const cal = policy && targets ? calendarFor(policy, targets.calendar) : null;
  const lines: ClockLine[] = [];
  for (const clock of ['response', 'resolution'] as const) {
    const due = sla[clock === 'response' ? 'responseDueAt' : 'resolutionDueAt'];
    if (!due) continue;
    const at = Date.parse(due);
    if (at <= now) {
      lines.push({
        clock,
        text: `${NAMES[clock]} breached ${ago(now - at)} ago`,
        short: 'breached',
        tone: 'danger',
        leftMs: at - now,
      });
      continue;
    }
    const left = cal ? cal.workingMs(now, at) : at - now;
    const budget = targets
      ? (clock === 'response' ? targets.responseHours : targets.resolutionHours) * HOUR
      : 0;
    const tone: Tone = budget && left <= budget * 0.25 ? 'warn' : 'ok';
    lines.push({
      clock,
      text: `${NAMES[clock]} due in ${duration(left, working)}`,
      short: `${shortDuration(left, working)} left`,
      tone,
      leftMs: left,
    });
  }
  if (sla.paused)
    lines.unshift({
      clock: 'sla',
      text: item.waiting ? 'Paused: waiting for the customer' : 'Paused in this status',
      short: 'paused',
      tone: 'paused',
      leftMs: null,
    });
  if (sla.breached && !lines.some((l) => l.tone === 'danger'))
    lines.push({ clock: 'sla', text: 'SLA breached', short: 'breached', tone: 'danger', leftMs: null });
  if (!lines.length) lines.push({ clock: 'sla', text: 'Within SLA', short: 'met', tone: 'ok', leftMs: null });
  return lines;
}

/** The one line a backlog row shows: a breach first, then the soonest running clock, then a pause. */
export function badgeLine(lines: readonly ClockLine[]): ClockLine | null {
  const running = lines.filter((l) => l.leftMs !== null).sort((a, b) => a.leftMs! - b.leftMs!);
  return (
    lines.find((l) => l.tone === 'danger') ??
    lines.find((l) => l.tone === 'paused') ??
    running[0] ??
    lines[0] ??
    null
  );
}
