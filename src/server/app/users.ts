import { recordEvent } from '#app/events.ts';
import { AppError, invalid, notFound } from '#domain/errors.ts';
import { ROLES } from '#domain/roles.ts';
import type { Actor } from './actor.ts';
import { assertUsablePassword } from './password-policy.ts';
import type { WorkspaceRoleName } from './ports.ts';
import { hashPassword } from './secrets.ts';
import type { Store } from './store.ts';

/** Workspace administration: admins create, change and disable accounts. */
export function userUseCases(store: Store) {
  return {
    list: () => store.read.users.list(),

    /**
     * Who a caller may look up: admins see every active person, others only people they work with.
     * A stakeholder's products do not count: the customers of a product never learn each other's
     * names and emails (issue 10: 200 VIPs added from a list), nor the team's.
     */
    async directory(actor: Actor) {
      return actor.workspaceRole === 'admin'
        ? (await store.read.users.list()).filter((u) => !u.disabled)
        : store.read.users.sharingProductsWith(actor.userId, ROLES.readers);
    },

    async get(userId: string) {
      const user = await store.read.users.byId(userId);
      if (!user) throw notFound('That person');
      return user;
    },

    async create(
      actor: Actor,
      input: { email: string; name: string; password: string; workspaceRole: WorkspaceRoleName },
    ) {
      assertUsablePassword('password', input.password, input);
      const passwordHash = await hashPassword(input.password);
      return store.transaction(async (r) => {
        if (await r.users.byEmail(input.email))
          throw invalid({ email: 'An account with this email already exists' });
        const u = await r.users.insert({
          email: input.email,
          name: input.name,
          passwordHash,
          workspaceRole: input.workspaceRole,
        });
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'user',
          entityId: u.id,
          type: 'user.created',
          after: { email: u.email, name: u.name, workspaceRole: u.workspaceRole },
        });
        return u;
      });
    },

    /** Disabling a user ends all of their sessions and revokes their API tokens for good. */
    async update(
      actor: Actor,
      userId: string,
      patch: {
        name?: string | undefined;
        workspaceRole?: WorkspaceRoleName | undefined;
        disabled?: boolean | undefined;
      },
    ) {
      if (userId === actor.userId && (patch.disabled === true || patch.workspaceRole === 'member')) {
        throw new AppError(
          'conflict',
          'You cannot disable yourself or remove your own admin role. Ask another admin.',
        );
      }
      return store.transaction(async (r) => {
        const before = await r.users.byId(userId);
        if (!before) throw notFound('That user');
        const after = await r.users.update(userId, patch);
        if (patch.disabled === true) {
          await r.sessions.deleteForUser(userId);
          await r.tokens.revokeAllForUser(userId);
        }
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'user',
          entityId: userId,
          type: 'user.updated',
          before: { name: before.name, workspaceRole: before.workspaceRole, disabled: before.disabled },
          after: { name: after!.name, workspaceRole: after!.workspaceRole, disabled: after!.disabled },
        });
        return after!;
      });
    },
  };
}
export type UserUseCases = ReturnType<typeof userUseCases>;
