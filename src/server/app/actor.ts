import type { WorkspaceRoleName } from './ports.ts';

/** Who is calling: resolved from the session cookie or the bearer token by the HTTP layer. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  workspaceRole: WorkspaceRoleName;
}
