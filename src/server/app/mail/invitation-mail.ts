import { queueMail } from '#app/mail/outbox.ts';
import type { MailSetup } from '#app/mail/ports.ts';
import { sha256 } from '#app/secrets.ts';
import type { Repos } from '#app/store.ts';

/** The link's stored hash, as review_invitations keeps it: the invitation mail's key. */
const linkHash = (token: string) => sha256(token).toString('hex');

/**
 * A review invitation's mails, in two steps. In the invitation's own transaction: ONE
 * `invitation_mail_batches` row with the fresh tokens (the request pays one row, not one per
 * person, and no job: its `review.invited` event already queues the reaction). Then the reaction,
 * `fanOutInvitations`, in one transaction: a mail row per person, keyed by the link's hash (inviting
 * again is a new mail, a re-run is not), and the batch deleted. A token is kept in clear only in that
 * batch and in the pending mail, whose words are redacted once sent (`secret`).
 */
export async function mailInvitations(
  r: Repos,
  setup: MailSetup,
  reviewId: string,
  expiresAt: Date,
  links: readonly { userId: string; token: string }[],
): Promise<void> {
  if (!setup.enabled || links.length === 0) return;
  await r.mail.insertInvitationBatch({
    reviewId,
    expiresAt,
    userIds: links.map((l) => l.userId),
    tokens: links.map((l) => l.token),
  });
}

/**
 * The `review.invited` reaction: every waiting batch of the review becomes its mails, in the
 * caller's transaction. A link replaced since (invited again) is left out: its mail would be dead.
 * With mail off the batches are dropped all the same, so no token waits in clear.
 */
export async function fanOutInvitations(
  r: Repos,
  setup: MailSetup,
  reviewId: string,
  actorId: string | null,
): Promise<number> {
  const batches = await r.mail.takeInvitationBatches(reviewId);
  if (!setup.enabled || batches.length === 0) return 0;
  const facts = await r.mail.reviewFacts(reviewId, actorId);
  if (!facts) return 0;
  const live = await r.mail.liveLinks(
    reviewId,
    batches.flatMap((b) => b.tokens.map(linkHash)),
  );
  const drafts = batches.flatMap((b) => {
    const until = new Date(facts.closesAt ?? b.expiresAt).toUTCString().replace(/ GMT$/, ' UTC');
    return b.userIds.flatMap((userId, n) => {
      const token = b.tokens[n]!;
      const hash = linkHash(token);
      if (!live.has(hash)) return [];
      return [
        {
          key: `invite:${hash}`,
          recipientId: userId,
          kind: 'review_invitation' as const,
          secret: true,
          content: () => ({
            productName: facts.productName,
            subject: `You are invited to review ${facts.sprintName}`,
            lines: [
              `${facts.actorName ?? 'The Product Owner'} invites you to tell the team what you think of what ${facts.productName} delivered in ${facts.sprintName}.`,
              'It takes a few minutes: one card per increment, saved as you go. No password needed; the link is yours alone, please do not forward it.',
              `The link works until ${until}.`,
            ],
            link: { url: `${setup.publicUrl}/feedback/${token}`, label: 'Give your feedback' },
            reason: `You get this because you are a customer of ${facts.productName}.`,
          }),
        },
      ];
    });
  });
  return queueMail(r, setup, drafts);
}
