import { authUseCases } from '#app/auth.ts';
import type { ServiceDeps } from '#app/services.ts';
import { systemUseCases } from '#app/system.ts';
import { userUseCases } from '#app/users.ts';
import type { Queryable } from '#db/pool.ts';
import {
  idempotencyRepo,
  invitesRepo,
  passwordResetsRepo,
  sessionsRepo,
  tokensRepo,
  usersRepo,
  workspaceRepo,
} from '#db/repositories/accounts.repository.ts';
import { eventsRepo } from '#db/repositories/events.repository.ts';
import { authRoutes } from '#http/routes/auth.routes.ts';
import { userRoutes } from '#http/routes/users.routes.ts';
import { defineCapability } from './capability.ts';

/** The workspace itself: people, sign-in, sessions and tokens, invitations, the event log. */
const repos = (db: Queryable) => ({
  users: usersRepo(db),
  sessions: sessionsRepo(db),
  tokens: tokensRepo(db),
  invites: invitesRepo(db),
  passwordResets: passwordResetsRepo(db),
  events: eventsRepo(db),
  workspace: workspaceRepo(db),
  /** Used by the store itself, for Idempotency-Key. */
  idempotency: idempotencyRepo(db),
});

const useCases = ({ store, session, now, changes, signIn }: ServiceDeps) => ({
  auth: authUseCases(store, session, now, changes, { password: signIn.password }),
  users: userUseCases(store),
  system: systemUseCases(store),
});

export const core = defineCapability({
  name: 'core',
  repos,
  useCases,
  routes: [...authRoutes, ...userRoutes],
  jobs: [],
});
