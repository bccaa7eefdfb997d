import { queueMail } from '#app/mail/outbox.ts';
import type { MailSetup } from '#app/mail/ports.ts';
import type { Repos } from '#app/store.ts';

interface Review {
  productId: string;
  actorId: string;
  sprintName: string;
  closesAt: string | null;
}
interface Link {
  userId: string;
  token: string;
  tokenHash: string;
  expiresAt: string;
}
interface InvitationBatch {
  review: Review;
  links: Link[];
}

/**
 * A review invitation's mails, in two keyed steps. In the invitation's own transaction: ONE
 * `mail_batches` row holding the fresh personal links and its `mail-fanout` job (the request pays
 * one row, not one per person). Then `fanOutInvitations`, in one transaction: a mail row per
 * person (keyed by the link's hash: inviting again is a new mail, a re-run is not) and the batch
 * deleted. A link is kept in clear only in that batch and in the pending mail, whose words are
 * redacted once sent (`secret`).
 */
export async function mailInvitations(
  r: Repos,
  setup: MailSetup,
  review: { productId: string; actorId: string; sprintName: string; closesAt: Date | null },
  links: readonly { userId: string; token: string; tokenHash: string; expiresAt: Date }[],
): Promise<void> {
  if (!setup.enabled || links.length === 0) return;
  const batch: InvitationBatch = {
    review: { ...review, closesAt: review.closesAt?.toISOString() ?? null },
    links: links.map((l) => ({ ...l, expiresAt: l.expiresAt.toISOString() })),
  };
  await r.mail.insertBatch(`invite:${links[0]!.tokenHash}`, batch);
}

/** The `mail-fanout` job: the batch's mails, written and the batch gone, in the caller's transaction. */
export async function fanOutInvitations(r: Repos, setup: MailSetup, batchId: string): Promise<number> {
  const batch = (await r.mail.takeBatch(batchId)) as InvitationBatch | null;
  if (!batch || batch.links.length === 0) return 0;
  const { review, links } = batch;
  const facts = await r.mail.workFacts(review.productId, review.actorId);
  if (!facts) return 0;
  const until = new Date(review.closesAt ?? links[0]!.expiresAt).toUTCString().replace(/ GMT$/, ' UTC');
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
