import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MailSetup, NewMail, Recipient } from '#app/mail/ports.ts';
import { type MailContent, renderMail } from '#app/mail/render.ts';
import { sha256 } from '#app/secrets.ts';
import type { Repos } from '#app/store.ts';
import { MAIL_KINDS, type MailKind } from '#domain/delivery/mail.ts';

/**
 * The mail outbox's one write path. Callers (reactions, the review invitation) hand over one
 * draft per (cause, recipient); in the caller's transaction this drops those who take the kind
 * in-app only, holds those on the daily digest, renders the rest and writes them keyed, so
 * the cause written twice still writes each mail once. The send job is enqueued by the table's
 * trigger in the same transaction.
 */
export interface MailDraft {
  /** Unique per cause and recipient, e.g. `notice:shipped:<item>:<user>`. */
  key: string;
  recipientId: string;
  kind: MailKind;
  /** The words, for this recipient. */
  content: (to: Recipient) => Omit<MailContent, 'footer' | 'greeting'> & { reason: string };
  secret?: boolean;
}

/** `<hash-of-key@host>`: the same key always gives the same Message-ID. */
export function messageIdFor(key: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'tandem.invalid';
  return `<${sha256(`tandem-mail:${key}`).toString('hex').slice(0, 40)}@${host}>`;
}

export const settingsUrl = (setup: MailSetup) => `${setup.publicUrl}/profile#notifications`;
/** The page behind a mail's "Stop these mails" link (web: /unsubscribe/:token). */
export const unsubscribePageUrl = (setup: MailSetup, token: string) =>
  `${setup.publicUrl}/unsubscribe/${token}`;

export async function queueMail(r: Repos, setup: MailSetup, drafts: readonly MailDraft[]): Promise<number> {
  if (!setup.enabled || drafts.length === 0) return 0;
  const byKind = new Map<MailKind, MailDraft[]>();
  for (const d of drafts) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  const people = new Map(
    (await r.mail.recipients([...new Set(drafts.map((d) => d.recipientId))])).map((p) => [p.id, p]),
  );
  const key = await r.mail.signingKey();
  const rows: NewMail[] = [];
  for (const [kind, list] of byKind) {
    const modes = await r.mail.modes(
      list.map((d) => d.recipientId),
      kind,
    );
    for (const d of list) {
      const mode = modes.get(d.recipientId);
      const to = people.get(d.recipientId);
      if (!to || mode === 'in_app') continue;
      const { reason, ...content } = d.content(to);
      const token = unsubscribeToken(key, d.recipientId, kind);
      // The header is for mail clients' one-click POST; the footer's link opens a page that asks first.
      const unsubscribeUrl = `${setup.publicUrl}/api/v1/mail/unsubscribe/${token}`;
      const words = renderMail({
        ...content,
        greeting: `Hello ${to.name},`,
        footer: { reason, settingsUrl: settingsUrl(setup), unsubscribeUrl: unsubscribePageUrl(setup, token) },
      });
      rows.push({
        key: d.key,
        recipientId: d.recipientId,
        kind,
        ...words,
        messageId: messageIdFor(d.key, setup.publicUrl),
        unsubscribeUrl,
        status: mode === 'digest' ? 'held' : 'pending',
        secret: d.secret ?? false,
      });
    }
  }
  return r.mail.insertMany(rows);
}

/**
 * A per-person, per-kind unsubscribe token: `<user>.<kind>.<HMAC>` (base64url), signed with the
 * workspace's key, so it cannot be made for someone else or another kind, and needs no table.
 */
export function unsubscribeToken(key: Buffer, userId: string, kind: MailKind): string {
  const body = `${userId}.${kind}`;
  return `${body}.${createHmac('sha256', key).update(`unsubscribe:${body}`).digest('base64url')}`;
}

export function readUnsubscribeToken(key: Buffer, token: string): { userId: string; kind: MailKind } | null {
  const [userId, kind, mac, extra] = token.split('.');
  if (!userId || !kind || !mac || extra !== undefined) return null;
  if (!(MAIL_KINDS as readonly string[]).includes(kind)) return null;
  const want = Buffer.from(unsubscribeToken(key, userId, kind as MailKind).split('.')[2]!);
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return { userId, kind: kind as MailKind };
}
