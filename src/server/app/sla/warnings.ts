import { insertNotices } from '#app/mail/notice-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import { wakeBells } from '#app/notifications/notifications.ts';
import type { NewNotice } from '#app/reactions/ports.ts';
import type { Repos } from '#app/store.ts';
import { SEVERITY_NAMES } from '#domain/sla/policy.ts';
import { dueNow, nextWake, type Threshold, thresholdKey } from '#domain/sla/thresholds.ts';
import { clocksOf } from './refresh.ts';

/**
 * SLA warnings (issue 13), a reaction: after an item or policy change the item's timer (one
 * graphile-worker job per item, job key `sla:<item>`, replaced on every re-plan) is set to the
 * next threshold; when it fires it writes the notices due by then — once per (item, clock,
 * threshold, due time) and person — and sets itself to the next one.
 */
export async function planWarnings(
  r: Repos,
  productId: string,
  itemIds: readonly string[] | null,
  eventId: number,
  now: number,
): Promise<void> {
  const policy = (await r.sla.policy(productId))?.policy ?? null;
  const rows = await r.sla.histories(productId, itemIds);
  const timers: Array<{ itemId: string; runAt: Date; eventId: number; productId: string }> = [];
  const none: string[] = [];
  for (const h of rows) {
    const { clocks } = clocksOf(policy, h, now);
    const wake = clocks ? (dueNow(clocks, now).length ? now : nextWake(clocks, now)) : null;
    if (wake === null) none.push(h.itemId);
    else timers.push({ itemId: h.itemId, runAt: new Date(wake), eventId, productId });
  }
  await r.sla.schedule(timers);
  await r.sla.unschedule(none);
}

export interface TimerPayload {
  itemId: string;
  productId: string;
  eventId: number;
}

function words(t: Threshold, timeZone: string): { headline: string; line: string } {
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(t.dueAt);
  const clock = t.clock === 'response' ? 'first response' : 'resolution';
  return t.kind === 'warning'
    ? { headline: `75 % of the ${clock} time used`, line: `The ${clock} is due ${when}.` }
    : { headline: `${clock[0]!.toUpperCase()}${clock.slice(1)} SLA breached`, line: `It was due ${when}.` };
}

export async function fireWarnings(
  r: Repos,
  p: TimerPayload,
  now: number,
  mail: MailSetup = MAIL_OFF,
): Promise<number> {
  const policy = (await r.sla.policy(p.productId))?.policy ?? null;
  const [h] = await r.sla.histories(p.productId, [p.itemId]);
  if (!h || !policy) return 0;
  const { clocks } = clocksOf(policy, h, now);
  if (!clocks) return 0;
  const due = dueNow(clocks, now);
  let written = 0;
  if (due.length) {
    const recipients = await r.sla.recipients(p.productId);
    const notices: NewNotice[] = due.flatMap((t) => {
      const w = words(t, policy.timeZone);
      return recipients.map((recipientId) => ({
        recipientId,
        causeEventId: p.eventId,
        causeKey: thresholdKey(h.itemId, t),
        kind: 'sla' as const,
        productId: p.productId,
        actorId: null,
        itemId: h.itemId,
        commentId: null,
        title: `${h.key} ${h.title}: ${w.headline}`,
        body: `${clocks.severity} ${SEVERITY_NAMES[clocks.severity]}. ${w.line}`,
      }));
    });
    written = await insertNotices(r, mail, notices);
    if (written) await wakeBells(r, recipients);
  }
  const next = nextWake(clocks, now);
  if (next !== null)
    await r.sla.schedule([
      { itemId: h.itemId, productId: p.productId, runAt: new Date(next), eventId: p.eventId },
    ]);
  return written;
}
