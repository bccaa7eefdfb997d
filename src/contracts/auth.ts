import { z } from 'zod';
import { Email, Id, IsoDateTime, Password, PersonName, ProductRoleSchema, text } from './common.ts';

export const WorkspaceRole = z.enum(['admin', 'member']);
export type WorkspaceRole = z.infer<typeof WorkspaceRole>;

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  workspaceRole: WorkspaceRole,
  disabled: z.boolean(),
  /** False for people added without a password: they sign in by a personal link until they set one. */
  hasPassword: z.boolean(),
  createdAt: IsoDateTime,
});
export type User = z.infer<typeof User>;

export const LoginBody = z.object({
  email: Email,
  password: text({ min: 1, max: 1024, multiline: true, trim: false, minMessage: 'Enter your password' }),
});
export const SetupStatus = z.object({ needsSetup: z.boolean(), workspaceName: z.string() });
export const SetupBody = z.object({
  email: Email,
  name: PersonName,
  password: Password,
  workspaceName: text({ min: 1, max: 80 }).optional(),
});

export const Membership = z.object({
  productId: Id,
  productName: z.string(),
  productKey: z.string(),
  role: ProductRoleSchema,
});
export const Me = z.object({ user: User, memberships: z.array(Membership) });
export type Me = z.infer<typeof Me>;

export const CreateUserBody = z.object({
  email: Email,
  name: PersonName,
  password: Password,
  workspaceRole: WorkspaceRole.default('member'),
});
export const UpdateUserBody = z
  .object({ name: PersonName, workspaceRole: WorkspaceRole, disabled: z.boolean() })
  .partial();
export const UserList = z.object({ users: z.array(User) });
export const UserParams = z.object({ userId: Id });

export const CreateInviteBody = z.object({
  email: Email.optional(),
  workspaceRole: WorkspaceRole.default('member'),
});
export const Invite = z.object({
  id: Id,
  email: z.string().nullable(),
  workspaceRole: WorkspaceRole,
  expiresAt: IsoDateTime,
  /** Present only in the response that created it. */
  url: z.string().optional(),
});
export const InviteInfo = z.object({ email: z.string().nullable(), workspaceName: z.string() });
/** `password` is required while passwords sign in, and refused (400) when only single sign-on does. */
export const AcceptInviteBody = z.object({ email: Email, name: PersonName, password: Password.optional() });
export const InviteTokenParams = z.object({ token: text({ min: 20, max: 200 }) });

export const CreateTokenBody = z.object({
  name: text({ min: 1, max: 80, minMessage: 'Name the token' }),
});
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  /** The secret, shown once in the response that created it. */
  token: z.string().optional(),
});
export const ApiTokenList = z.object({ tokens: z.array(ApiToken) });
export const TokenParams = z.object({ tokenId: Id });

/** People in the workspace as any signed-in member sees them: enough to add someone to a product. */
export const DirectoryEntry = z.object({ id: Id, name: z.string(), email: z.string() });
export const Directory = z.object({ people: z.array(DirectoryEntry) });

/** Changing your own password; the other sessions end, this one stays. */
export const ChangePasswordBody = z.object({
  currentPassword: text({
    min: 1,
    max: 128,
    multiline: true,
    trim: false,
    minMessage: 'Enter your current password',
  })
    .optional()
    .describe('Needed unless you have no password yet (added from a list)'),
  newPassword: Password,
});

/** An admin's password reset link: single use, valid 24 hours. */
export const PasswordResetLink = z.object({ url: z.string(), expiresAt: IsoDateTime });
export const PasswordResetTokenParams = z.object({ token: text({ min: 20, max: 200 }) });
export const PasswordResetInfo = z.object({ email: z.string(), name: z.string() });
export const ResetPasswordBody = z.object({ newPassword: Password });
