import { messageIdFor, settingsUrl } from '#app/mail/outbox.ts';
import type { MailSetup, OutgoingMail } from '#app/mail/ports.ts';
import { renderMail } from '#app/mail/render.ts';
import type { Store } from '#app/store.ts';
import { retryDelayMs } from '#domain/delivery/backoff.ts';
import { classifySmtpFailure, digestDay, MAX_MAIL_ATTEMPTS } from '#domain/delivery/mail.ts';

/** The SMTP side, as the sender sees it (jobs/smtp-transport.ts is nodemailer). */
export interface MailTransport {
  /** Resolves once the server accepted the message; rejects with `responseCode` on an SMTP reply. */
  send(mail: OutgoingMail, from: string): Promise<void>;
  close(): void;
}

export type SendOutcome = 'sent' | 'failed' | 'retry' | 'skipped';

/**
 * One attempt at one mail: claim (one statement, committed) → send → record (one statement). The graphile-worker job
 * that runs this is the only one holding `mail:<id>`, so instances never send one mail at once.
 * A worker killed after the server accepted the mail and before the record leaves the attempt
 * open (`in_flight`); the next attempt counts it in `interrupted` and sends the same Message-ID.
 */
export async function sendMail(
  store: Store,
  setup: MailSetup,
  transport: MailTransport,
  id: string,
  random: () => number = Math.random,
): Promise<SendOutcome> {
  // Each step is one statement (atomic by itself), committed before the next begins.
  const mail = await store.read.mail.claim(id);
  if (!mail) return 'skipped';
  try {
    await transport.send(mail, setup.from ?? 'tandem@localhost');
  } catch (err) {
    const e = err as { responseCode?: number; message?: string; code?: string };
    const reason = `${e.responseCode ?? e.code ?? 'error'}: ${e.message ?? String(err)}`;
    const kind = classifySmtpFailure(e.responseCode);
    if (kind === 'permanent' || mail.attempts >= MAX_MAIL_ATTEMPTS) {
      const why = kind === 'permanent' ? reason : `Gave up after ${mail.attempts} attempts: ${reason}`;
      await store.read.mail.markFailed(id, why);
      return 'failed';
    }
    await store.read.mail.retryLater(id, reason, retryDelayMs(mail.attempts, random(), setup.backoff));
    return 'retry';
  }
  await store.read.mail.markSent(id);
  return 'sent';
}

/**
 * The daily digest: for every person with mail held from a day before today (UTC), one mail
 * gathering that day's, keyed `digest:<person>:<day>` and written in the transaction that marks
 * the held ones bundled, so a second run (another instance, a retry) finds nothing to gather.
 */
export async function sendDigests(store: Store, setup: MailSetup, now: Date): Promise<number> {
  if (!setup.enabled) return 0;
  const today = new Date(`${digestDay(now)}T00:00:00Z`);
  let written = 0;
  for (const { recipientId, day } of await store.read.mail.heldDays(today, 1000)) {
    written += await store.transaction(async (r) => {
      const held = await r.mail.held(recipientId, day);
      const [to] = await r.mail.recipients([recipientId]);
      if (held.length === 0 || !to) return 0;
      const key = `digest:${recipientId}:${day}`;
      const words = renderMail({
        productName: null,
        subject: `Your daily digest for ${day}: ${held.length} ${held.length === 1 ? 'notice' : 'notices'}`,
        greeting: `Hello ${to.name},`,
        lines: [`Here is what happened on ${day} that you asked to hear about once a day.`],
        sections: held.map((h) => ({
          title: h.subject,
          body: h.text.split('\n-- \n')[0]!.replace(/^Hello [^\n]*\n\n/, ''),
        })),
        link: { url: `${setup.publicUrl}/notices`, label: 'Open your notifications' },
        footer: {
          reason: 'You get this digest because you chose a daily digest for these kinds of mail.',
          settingsUrl: settingsUrl(setup),
          unsubscribeUrl: null,
        },
      });
      const n = await r.mail.insertMany([
        {
          key,
          recipientId,
          kind: 'digest',
          ...words,
          messageId: messageIdFor(key, setup.publicUrl),
          unsubscribeUrl: null,
          status: 'pending',
          secret: held.some((h) => h.secret),
        },
      ]);
      await r.mail.bundle(
        held.map((h) => h.id),
        key,
      );
      return n;
    });
  }
  return written;
}
