import {
  CreateInviteBody,
  CreateUserBody,
  Directory,
  Invite,
  PasswordResetLink,
  UpdateUserBody,
  User,
  UserList,
  UserParams,
} from '#contracts/auth.ts';
import { presentUser } from '#http/presenters.ts';
import { type AnyRoute, allow, defineRoute } from '#http/route.ts';

export const userRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/directory',
    tag: 'users',
    summary:
      'Active people you may add to a product (name and email): everyone for admins, otherwise the people you share a product with',
    access: allow.user,
    response: Directory,
    handler: async (ctx) => ({
      people: (await ctx.services.users.directory(ctx.actor)).map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
      })),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/users',
    tag: 'users',
    summary: 'All people in the workspace',
    access: allow.admin,
    response: UserList,
    handler: async (ctx) => ({ users: (await ctx.services.users.list()).map(presentUser) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/users',
    tag: 'users',
    summary: 'Create a user with a password',
    access: allow.admin,
    body: CreateUserBody,
    response: User,
    status: 201,
    idempotent: true,
    handler: async (ctx) => presentUser(await ctx.services.users.create(ctx.actor, ctx.body)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/users/:userId',
    tag: 'users',
    summary: 'Rename, change workspace role, or disable a user (ends their sessions)',
    access: allow.admin,
    params: UserParams,
    body: UpdateUserBody,
    response: User,
    handler: async (ctx) =>
      presentUser(await ctx.services.users.update(ctx.actor, ctx.params.userId, ctx.body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/users/:userId/password-reset',
    tag: 'users',
    summary: 'Make a password reset link for someone (single use, valid 24 hours; the newest link only)',
    access: { kind: 'admin' },
    params: UserParams,
    response: PasswordResetLink,
    status: 201,
    async handler(ctx) {
      const { token, expiresAt } = await ctx.services.auth.createPasswordReset(ctx.actor, ctx.params.userId);
      const origin = ctx.req.server.publicOrigin ?? `${ctx.req.protocol}://${ctx.req.headers.host}`;
      return { url: `${origin}/reset-password/${token}`, expiresAt: expiresAt.toISOString() };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/invites',
    tag: 'users',
    summary: 'Create an invitation link (valid 7 days, single use)',
    access: allow.admin,
    body: CreateInviteBody,
    response: Invite,
    status: 201,
    async handler(ctx) {
      const { invite, token } = await ctx.services.auth.createInvite(ctx.actor, ctx.body);
      const origin = ctx.req.server.publicOrigin ?? `${ctx.req.protocol}://${ctx.req.headers.host}`;
      return {
        id: invite.id,
        email: invite.email,
        workspaceRole: invite.workspaceRole,
        expiresAt: invite.expiresAt.toISOString(),
        url: `${origin}/invite/${token}`,
      };
    },
  }),
];
