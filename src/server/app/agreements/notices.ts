import { insertNotices } from '#app/mail/notice-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import { wakeBells } from '#app/notifications/notifications.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos } from '#app/store.ts';
import { asked } from '#domain/agreements/acknowledgements.ts';

const when = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(iso))} UTC`;

/**
 * The reactions of working agreements, as notices to the members the agreement names, once per
 * person and cause (`agreement-comment:<agreement>:<version>`, `agreement-ack:<agreement>:<version>`):
 *  - a proposal with a comment period asks them for comments (not the person who proposed it);
 *  - a version taking effect asks each of them to acknowledge it, the proposer included.
 */
export async function noticeAgreement(
  r: Repos,
  event: StoredEvent<'agreement.proposed' | 'agreement.effective'>,
  mail: MailSetup = MAIL_OFF,
): Promise<number> {
  if (!event.productId) return 0;
  const agreement = await r.agreements.get(event.entityId);
  if (!agreement) return 0;
  const members = (await r.members.list(event.productId)).filter((m) => asked(agreement.roles, m));
  const version = event.after.version;
  let notice: { key: string; title: string; body: string; skip: string | null };
  if (event.type === 'agreement.proposed') {
    const { commentUntil, effectiveFrom } = event.after;
    if (!commentUntil) return 0;
    notice = {
      key: `agreement-comment:${agreement.id}:${version}`,
      title: `Comment on “${agreement.title}” until ${when(commentUntil)}`,
      body: `Version ${version} is proposed and takes effect ${when(effectiveFrom)}. Comment on any paragraph before the period ends.`,
      skip: event.actorId,
    };
  } else {
    notice = {
      key: `agreement-ack:${agreement.id}:${version}`,
      title: `Please acknowledge “${agreement.title}”`,
      body: `Version ${version} is now in effect. Read it and acknowledge it, so everyone knows you agree to work this way.`,
      skip: null,
    };
  }
  const recipients = members.map((m) => m.userId).filter((id) => id !== notice.skip);
  const written = await insertNotices(
    r,
    mail,
    recipients.map((recipientId) => ({
      recipientId,
      causeEventId: event.id,
      causeKey: notice.key,
      kind: 'agreement' as const,
      productId: agreement.productId,
      actorId: event.actorId,
      itemId: null,
      commentId: null,
      agreementId: agreement.id,
      title: notice.title,
      body: notice.body,
    })),
  );
  if (written > 0) await wakeBells(r, recipients);
  return written;
}
