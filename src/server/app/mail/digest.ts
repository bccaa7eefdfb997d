import { messageIdFor, settingsUrl } from '#app/mail/outbox.ts';
import type { HeldMail, MailSetup, Recipient } from '#app/mail/ports.ts';
import { renderMail } from '#app/mail/render.ts';
import type { Store } from '#app/store.ts';
import { closedDay, type LocalDay, zoneOrUtc } from '#domain/delivery/digest.ts';

/**
 * The daily digest, one run (the `mail-digest` cron, every quarter hour): for each person whose
 * local day has ended since their last digest, one mail gathering every mail still held for them
 * from before that day's end, keyed `digest:<person>:<local date>`. The digest row is written in
 * the transaction that marks the held ones bundled, and the held rows are read locked (skipping
 * those a concurrent run holds), so a retry, a second instance or a re-run finds nothing to
 * gather. When that date's digest exists already (a change of zone handed the date back), the
 * mails stay held for the next day's: none is lost, none is in two digests.
 */
export async function sendDigests(store: Store, setup: MailSetup, now: Date): Promise<number> {
  if (!setup.enabled) return 0;
  let written = 0;
  for (const person of await store.read.digest.heldRecipients()) {
    const zone = zoneOrUtc(person.timeZone);
    const day = closedDay(now, zone);
    if (person.oldest >= day.end) continue;
    written += await store.transaction(async (r) => {
      const key = `digest:${person.recipientId}:${day.day}`;
      if (await r.digest.exists(key)) return 0;
      const held = await r.digest.held(person.recipientId, day.end);
      const [to] = await r.mail.recipients([person.recipientId]);
      if (held.length === 0 || !to) return 0;
      const n = await r.mail.insertMany([
        {
          key,
          recipientId: person.recipientId,
          kind: 'digest',
          ...digestWords(setup, to, held, day, zone),
          messageId: messageIdFor(key, setup.publicUrl),
          unsubscribeUrl: null,
          status: 'pending',
          secret: held.some((h) => h.secret),
        },
      ]);
      // Written by a run that began meanwhile: it bundled its own; these wait for the next day's.
      if (n === 0) return 0;
      await r.digest.bundle(
        held.map((h) => h.id),
        key,
      );
      return n;
    });
  }
  return written;
}

/** The words of one digest; every time in the person's zone. */
export function digestWords(
  setup: MailSetup,
  to: Recipient,
  held: readonly HeldMail[],
  day: LocalDay,
  zone: string,
) {
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(day.start);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const dayAndTime = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  // Mails from before the day (held back by a change of zone, or a day's last seconds) say their date.
  const when = (at: Date) => (at >= day.start ? time.format(at) : dayAndTime.format(at));
  const count = `${held.length} ${held.length === 1 ? 'notice' : 'notices'}`;
  return renderMail({
    productName: null,
    subject: `Your daily digest for ${date}: ${count}`,
    greeting: `Hello ${to.name},`,
    lines: [
      `Here is what happened on ${date} that you asked to hear about once a day. Times are in ${zone}.`,
    ],
    sections: held.map((h) => ({
      title: `${when(h.createdAt)} · ${h.subject}`,
      body: h.text.split('\n-- \n')[0]!.replace(/^Hello [^\n]*\n\n/, ''),
    })),
    link: { url: `${setup.publicUrl}/notices`, label: 'Open your notifications' },
    footer: {
      reason: `You get this digest because you chose a daily digest for these kinds of mail. It is sent after midnight in ${zone}.`,
      settingsUrl: settingsUrl(setup),
      unsubscribeUrl: null,
    },
  });
}
