import type { Actor } from '#app/actor.ts';
import { mailNotices } from '#app/mail/notice-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import { wakeBells } from '#app/notifications/notifications.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos, Store } from '#app/store.ts';
import { notFound } from '#domain/errors.ts';
import { hasRole, ROLES } from '#domain/roles.ts';

/** In-app notices for the signed-in person. */
export function noticeUseCases(store: Store) {
  return {
    async mine(actor: Actor, limit = 50) {
      const [notices, unread] = await Promise.all([
        store.read.notices.listFor(actor.userId, limit),
        store.read.notices.unreadCount(actor.userId, ['mention']),
      ]);
      return { notices, unread };
    },
    async markRead(actor: Actor, noticeId: string) {
      // Someone else's notice answers exactly like a missing one.
      if (!(await store.read.notices.markRead(actor.userId, noticeId))) throw notFound('That notice');
    },
  };
}
export type NoticeUseCases = ReturnType<typeof noticeUseCases>;

/**
 * A comment's @mentions become one notice per mentioned member, in the reaction's transaction.
 * The author is not told about their own mention, and someone no longer on the product is not
 * told at all. Nor is a stakeholder: comments are internal (issue 10), so the notice and its
 * excerpt would show them what they may not read.
 */
export async function noticeMentions(
  r: Repos,
  event: StoredEvent<'item.commented'>,
  mail: MailSetup = MAIL_OFF,
): Promise<number> {
  if (!event.productId) return 0;
  const productId = event.productId;
  const members = new Set(
    (await r.members.list(productId)).filter((m) => hasRole(m.role, ROLES.readers)).map((m) => m.userId),
  );
  const recipients = [...new Set(event.after.mentions)].filter(
    (id) => id !== event.actorId && members.has(id),
  );
  const notices = recipients.map((recipientId) => ({
    recipientId,
    causeEventId: event.id,
    causeKey: `mention:${event.id}`,
    kind: 'mention' as const,
    productId,
    actorId: event.actorId,
    itemId: event.entityId,
    commentId: event.after.commentId,
  }));
  const written = await r.notices.insertMany(notices);
  if (written > 0) await Promise.all([wakeBells(r, recipients), mailNotices(r, mail, notices)]);
  return written;
}
