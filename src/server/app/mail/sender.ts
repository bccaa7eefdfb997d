import type { MailSetup, OutgoingMail } from '#app/mail/ports.ts';
import type { Store } from '#app/store.ts';
import { retryDelayMs } from '#domain/delivery/backoff.ts';
import { classifySmtpFailure, MAX_MAIL_ATTEMPTS } from '#domain/delivery/mail.ts';

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
