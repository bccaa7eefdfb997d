import { queueMail } from '#app/mail/outbox.ts';
import type { MailSetup } from '#app/mail/ports.ts';
import type { Repos } from '#app/store.ts';

/**
 * A review invitation's mails, written in the invitation's transaction (links at the configured
 * TANDEM_BASE_URL, as every mail's): each person's personal
 * link is minted there and exists in clear only in the response and in their pending mail row,
 * whose words are redacted once sent (`secret`). Keyed by the link's hash, so inviting again (a
 * new link) is a new mail and a retried request is not.
 */
export async function mailInvitations(
  r: Repos,
  setup: MailSetup,
  review: { productId: string; actorId: string; sprintName: string; closesAt: Date | null },
  links: readonly { userId: string; token: string; tokenHash: string; expiresAt: Date }[],
): Promise<number> {
  if (!setup.enabled || links.length === 0) return 0;
  const facts = await r.mail.workFacts(review.productId, review.actorId);
  if (!facts) return 0;
  const until = (review.closesAt ?? links[0]!.expiresAt).toUTCString().replace(/ GMT$/, ' UTC');
  return queueMail(
    r,
    setup,
    links.map((l) => ({
      key: `invite:${l.tokenHash}`,
      recipientId: l.userId,
      kind: 'review_invitation' as const,
      secret: true,
      content: () => ({
        productName: facts.productName,
        subject: `You are invited to review ${review.sprintName}`,
        lines: [
          `${facts.actorName ?? 'The Product Owner'} invites you to tell the team what you think of what ${facts.productName} delivered in ${review.sprintName}.`,
          'It takes a few minutes: one card per increment, saved as you go. No password needed; the link is yours alone, please do not forward it.',
          `The link works until ${until}.`,
        ],
        link: { url: `${setup.publicUrl}/feedback/${l.token}`, label: 'Give your feedback' },
        reason: `You get this because you are a customer of ${facts.productName}.`,
      }),
    })),
  );
}
