import { recordEvent } from '#app/events.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import type { Actor } from './actor.ts';
import { assertUsablePassword } from './password-policy.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from './secrets.ts';
import type { Store } from './store.ts';

const RESET_HOURS = 24;
const resetGone = () =>
  new AppError(
    'not_found',
    'This password reset link has expired or was already used. Ask an admin for a new one.',
  );

/** Changing your password, and the admin's reset link (forgot-password by mail waits for mail). */
export function passwordUseCases(store: Store, now: () => Date, passwordSignIn = true) {
  /** With single sign-on only, nobody is handed a way to set a password that signs nobody in. */
  const resetsOn = () => {
    if (!passwordSignIn)
      throw new AppError(
        'password_sign_in_off',
        'Password sign-in is turned off here, so there are no password resets: people sign in with their company account.',
      );
  };
  return {
    /**
     * Checks the current password, sets the new one and ends the user's other sessions; the
     * session that asked (`keepSession`, a session id hash) stays signed in.
     */
    async changePassword(
      actor: Actor,
      keepSession: Buffer | null,
      input: { currentPassword?: string | undefined; newPassword: string },
    ) {
      const user = await store.read.users.byId(actor.userId);
      if (!user) throw notFound('Your account');
      // Someone added without a password (a stakeholder from a list) sets their first one.
      if (user.passwordHash !== null) {
        if (!input.currentPassword) throw invalid({ currentPassword: 'Enter your current password' });
        if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
          throw invalid({ currentPassword: 'That is not your current password' });
      }
      if (input.newPassword === input.currentPassword)
        throw invalid({ newPassword: 'Choose a password different from your current one' });
      assertUsablePassword('newPassword', input.newPassword, user);
      const passwordHash = await hashPassword(input.newPassword);
      await store.transaction(async (r) => {
        await r.users.update(user.id, { passwordHash });
        const ended = keepSession
          ? await r.sessions.deleteForUserExcept(user.id, keepSession)
          : await r.sessions.deleteForUser(user.id);
        await r.passwordResets.supersede(user.id);
        await recordEvent(r, {
          productId: null,
          actorId: user.id,
          entityType: 'user',
          entityId: user.id,
          type: 'user.password_changed',
          after: { otherSessionsEnded: ended },
        });
      });
    },

    /** An admin makes a single-use link (valid 24 h) for someone to choose a new password. */
    async createPasswordReset(actor: Actor, userId: string) {
      resetsOn();
      const token = newSecret('pwr');
      const expiresAt = new Date(now().getTime() + RESET_HOURS * 3600_000);
      const reset = await store.transaction(async (r) => {
        const user = await r.users.byId(userId);
        if (!user) throw notFound('That user');
        // Only the newest link works.
        await r.passwordResets.supersede(userId);
        const p = await r.passwordResets.insert({
          tokenHash: sha256(token),
          userId,
          createdBy: actor.userId,
          expiresAt,
        });
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'user',
          entityId: userId,
          type: 'user.password_reset_created',
          after: { expiresAt: expiresAt.toISOString() },
        });
        return p;
      });
      return { token, expiresAt: reset.expiresAt };
    },

    async passwordResetInfo(token: string) {
      resetsOn();
      const reset = await store.read.passwordResets.byToken(sha256(token));
      if (!reset || reset.usedAt || reset.expiresAt < now()) throw resetGone();
      const user = await store.read.users.byId(reset.userId);
      if (!user) throw resetGone();
      return { email: user.email, name: user.name };
    },

    /** Sets the new password, uses up the link and ends every session of that user. */
    async resetPassword(token: string, newPassword: string) {
      resetsOn();
      const pre = await store.read.passwordResets.byToken(sha256(token));
      if (!pre || pre.usedAt || pre.expiresAt < now()) throw resetGone();
      const user = await store.read.users.byId(pre.userId);
      if (!user) throw resetGone();
      assertUsablePassword('newPassword', newPassword, user);
      const passwordHash = await hashPassword(newPassword);
      await store.transaction(async (r) => {
        // Two tabs racing with one link: only one marks it used.
        if (!(await r.passwordResets.markUsed(pre.id, pre.userId))) throw resetGone();
        await r.users.update(pre.userId, { passwordHash });
        const ended = await r.sessions.deleteForUser(pre.userId);
        await recordEvent(r, {
          productId: null,
          actorId: pre.userId,
          entityType: 'user',
          entityId: pre.userId,
          type: 'user.password_reset',
          after: { sessionsEnded: ended },
        });
      });
      return { email: user.email };
    },
  };
}
