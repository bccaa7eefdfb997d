import { recordEvent } from '#app/events.ts';
import type { ProductContext } from '#app/products.ts';
import { newSecret, sha256 } from '#app/secrets.ts';
import type { Repos, Store } from '#app/store.ts';
import { AppError, notFound } from '#domain/errors.ts';
import { ROLES } from '#domain/roles.ts';

const LINK_DAYS = 14;
const linkGone = () =>
  new AppError('not_found', 'This sign-in link has expired or was already used. Ask for a new one.');

/**
 * A link signs its person in without a password, so whoever makes it could use it: it is only for
 * customers, no workspace admin and a stakeholder wherever they are a member, of products its
 * maker owns. Else any PO could add an admin, another product's owner or another PO's customer as
 * a stakeholder and sign in as them.
 */
async function onlyMakersCustomer(r: Repos, user: { id: string; workspaceRole: string }, makerId: string) {
  if (user.workspaceRole === 'admin') return false;
  return !(await r.signInLinks.reachesBeyond(user.id, makerId, ROLES.customers));
}

/**
 * A stakeholder's personal sign-in link (issue 10): people added from a list have no password, so
 * the PO hands each one a link. Single use, valid 14 days, for one person; opening it signs that
 * person in and lands them on the product's portal. Only the token's SHA-256 is stored.
 */
export function signInLinkUseCases(store: Store, now: () => Date) {
  return {
    async createSignInLink(ctx: ProductContext, userId: string) {
      const token = newSecret('sil');
      const expiresAt = new Date(now().getTime() + LINK_DAYS * 86_400_000);
      await store.transaction(async (r) => {
        const member = await r.members.get(ctx.productId, userId);
        if (!member) throw notFound('That member');
        if (member.role !== 'stakeholder')
          throw new AppError(
            'conflict',
            `Personal sign-in links are for stakeholders; ${member.name} signs in with their password.`,
          );
        const user = await r.users.byId(userId);
        if (!user || !(await onlyMakersCustomer(r, user, ctx.actor.userId)))
          throw new AppError(
            'conflict',
            `Personal sign-in links are for your own customers only; ${member.name} is also a member elsewhere and signs in with their password.`,
          );
        const link = await r.signInLinks.insert({
          tokenHash: sha256(token),
          userId,
          productId: ctx.productId,
          createdBy: ctx.actor.userId,
          expiresAt,
        });
        await recordEvent(r, {
          productId: ctx.productId,
          actorId: ctx.actor.userId,
          entityType: 'member',
          entityId: link.userId,
          type: 'member.sign_in_link_created',
          after: { name: member.name, expiresAt: expiresAt.toISOString() },
        });
      });
      return { token, expiresAt };
    },

    /**
     * Uses the link up and starts a session for its person, as long as they are active and still
     * a stakeholder of the product. Any other token (unknown, tampered, used, expired) is a 404.
     */
    async redeemSignInLink(token: string) {
      return store.transaction(async (r) => {
        const link = await r.signInLinks.byToken(sha256(token));
        if (!link || link.usedAt || link.expiresAt <= now()) throw linkGone();
        const user = await r.users.byId(link.userId);
        const member = await r.members.get(link.productId, link.userId);
        const product = await r.products.byId(link.productId);
        if (!user || user.disabled || member?.role !== 'stakeholder' || !product) throw linkGone();
        if (!(await onlyMakersCustomer(r, user, link.createdBy))) throw linkGone();
        if (!(await r.signInLinks.markUsed(link.id))) throw linkGone();
        const sessionId = newSecret('s');
        await r.sessions.insert(sha256(sessionId), user.id, now());
        await recordEvent(r, {
          productId: link.productId,
          actorId: user.id,
          entityType: 'member',
          entityId: user.id,
          type: 'member.signed_in_by_link',
          after: { name: user.name },
        });
        return { sessionId, productKey: product.key };
      });
    },
  };
}
