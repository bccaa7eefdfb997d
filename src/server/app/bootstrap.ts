import type { Logger } from 'pino';
import { recordEvent } from '#app/events.ts';
import { passwordProblem } from './password-policy.ts';
import { hashPassword } from './secrets.ts';
import type { Services } from './services.ts';

/** TANDEM_ADMIN_EMAIL + TANDEM_ADMIN_PASSWORD: create that admin, but only on an empty database. */
export async function ensureAdmin(
  services: Services,
  admin: { email: string; password: string },
  log: Logger,
): Promise<void> {
  const created = await services.store.transaction(async (r) => {
    await r.workspace.lockForSetup();
    if ((await r.users.count()) > 0) return false;
    const problem = passwordProblem(admin.password, admin);
    if (problem) throw new Error(`TANDEM_ADMIN_PASSWORD: ${problem}.`);
    const u = await r.users.insert({
      email: admin.email,
      name: 'Admin',
      passwordHash: await hashPassword(admin.password),
      workspaceRole: 'admin',
    });
    await recordEvent(r, {
      productId: null,
      actorId: u.id,
      entityType: 'user',
      entityId: u.id,
      type: 'workspace.setup',
      after: { email: u.email, via: 'environment' },
    });
    return true;
  });
  if (created) log.info({ email: admin.email }, 'created the admin from TANDEM_ADMIN_EMAIL');
}
