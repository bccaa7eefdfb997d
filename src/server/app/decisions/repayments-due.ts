import { recordEvent } from '#app/events.ts';
import { insertNotices } from '#app/mail/notice-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import { wakeBells } from '#app/notifications/notifications.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos } from '#app/store.ts';

/** Repayments marked per sweep; more wait for the next tick. */
const SWEEP_LIMIT = 500;

/**
 * Workarounds left unpaid (issue 13): the hourly sweep marks each open repayment whose due day
 * ended (its date, or its due sprint's end, in UTC) and records `item.repayment_overdue` for it —
 * once, ever: the mark is the key. Returns how many were marked.
 */
export async function markOverdueRepayments(r: Repos, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const late = await r.repayments.markOverdue(today, SWEEP_LIMIT);
  for (const rep of late)
    await recordEvent(r, {
      productId: rep.productId,
      actorId: null,
      entityType: 'item',
      entityId: rep.itemId,
      type: 'item.repayment_overdue',
      after: {
        key: rep.key,
        title: rep.title,
        workaroundItemId: rep.workaroundItemId,
        workaroundKey: rep.workaroundKey,
        dueDate: rep.dueDate ?? rep.dueSprint?.endDate ?? today,
      },
    });
  return late.length;
}

/** The PO and the team hear of an unpaid repayment once each (cause key per repayment item). */
export async function overdueNotices(
  r: Repos,
  e: StoredEvent<'item.repayment_overdue'>,
  mail: MailSetup = MAIL_OFF,
): Promise<number> {
  if (!e.productId) return 0;
  const productId = e.productId;
  const recipients = (await r.members.list(productId))
    .filter((m) => m.role === 'owner' || m.role === 'team')
    .map((m) => m.userId);
  const written = await insertNotices(
    r,
    mail,
    recipients.map((recipientId) => ({
      recipientId,
      causeEventId: e.id,
      causeKey: `repayment-overdue:${e.entityId}`,
      kind: 'repayment_overdue' as const,
      productId,
      actorId: null,
      itemId: e.entityId,
      commentId: null,
      title: `A workaround is still not repaid: ${e.after.key} ${e.after.title}`,
      body: `${e.after.key} was due ${e.after.dueDate} to replace the ${e.after.workaroundKey} workaround with the agreed fix.`,
    })),
  );
  if (written > 0) await wakeBells(r, recipients);
  return written;
}
