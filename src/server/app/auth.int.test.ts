import { describe, expect, it } from 'vitest';
import { createTestApp } from '#testing/harness.ts';

const admin = { email: 'env-admin@example.test', password: 'from the environment' };

describe('the first admin', () => {
  it('comes from TANDEM_ADMIN_* on an empty database, once, and then setup is done', async () => {
    const t = await createTestApp();
    expect(await t.services.auth.ensureAdmin(admin)).toBe(true);
    expect(await t.services.auth.ensureAdmin(admin)).toBe(false);
    const login = await t.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: admin });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ email: admin.email, workspaceRole: 'admin' });
    const setup = await t.call(null, {
      method: 'POST',
      url: '/api/v1/setup',
      payload: { email: 'second@example.test', name: 'Second', password: 'longenough' },
    });
    expect(setup.json().error.code).toBe('setup_done');
    const [user] = await t.store.read.users.list();
    const events = await t.pool.query("select type, after from events where type = 'workspace.setup'");
    expect(events.rows).toEqual([
      { type: 'workspace.setup', after: { email: user!.email, via: 'environment' } },
    ]);
  });

  it('is not created when someone already exists', async () => {
    const t = await createTestApp();
    await t.user('Somebody');
    expect(await t.services.auth.ensureAdmin(admin)).toBe(false);
    expect((await t.store.read.users.byEmail(admin.email)) ?? null).toBeNull();
  });
});
