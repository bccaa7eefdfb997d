import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiToken } from '#contracts/auth.ts';
import { Ok } from '#contracts/common.ts';
import { ROLE_LABELS } from '#domain/roles.ts';
import { useSignOut } from '#web/app/shell/user-menu.tsx';
import { CopyButton } from '#web/components/copy-button.tsx';
import { Form, TextField } from '#web/components/form.tsx';
import { ACTIONS, ListSection, ListTable, QueryList, RowError, useRowAction } from '#web/components/list.tsx';
import { PageHead } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys, useMe, useSignInMethods, useTokens } from '#web/lib/queries.ts';
import { CalendarFeedSection } from './calendar-feed-section.tsx';
import { NotificationSettingsSection } from './notification-settings.tsx';

/** Who you are, your products, your password, and personal API tokens (the secret is shown once). */
export function ProfilePage() {
  const me = useMe().data;
  const tokens = useTokens();
  // With password sign-in off, a password would open nothing: the section is left out.
  const passwords = useSignInMethods().data?.password ?? true;
  const qc = useQueryClient();
  const signOut = useSignOut();
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [passwordChanged, setPasswordChanged] = useState(false);
  const revoke = useRowAction(() => qc.invalidateQueries({ queryKey: keys.tokens }));
  if (!me) return null;
  return (
    <div className="page" style={{ maxWidth: 720 }}>
      <PageHead
        title={me.user.name}
        subtitle={`${me.user.email} · ${me.user.workspaceRole === 'admin' ? 'Workspace admin' : 'Member'}`}
        actions={
          <button type="button" className="btn" onClick={() => void signOut()}>
            Sign out
          </button>
        }
      />
      <ListSection id="roles-h" title="Your products">
        {me.memberships.length === 0 ? (
          <p className="muted">You are not on any product yet.</p>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {me.memberships.map((m) => (
              <li key={m.productId}>
                {m.productName} <span className="muted">— {ROLE_LABELS[m.role]}</span>
              </li>
            ))}
          </ul>
        )}
      </ListSection>
      <NotificationSettingsSection />
      {passwords && (
        <section className="section" aria-labelledby="password-h">
          <h2 id="password-h">{me.user.hasPassword ? 'Change password' : 'Set a password'}</h2>
          <p className="muted">
            {me.user.hasPassword
              ? 'You stay signed in here; your other sessions are signed out.'
              : 'You have no password yet (you signed in with a link or your company account). Set one to sign in with your email too.'}
          </p>
          {passwordChanged && (
            <div className="alert alert-success" role="status">
              Password changed. Your other sessions were signed out.
            </div>
          )}
          <Form
            aria-label={me.user.hasPassword ? 'Change password' : 'Set a password'}
            submitLabel={me.user.hasPassword ? 'Change password' : 'Set password'}
            busyLabel="Changing…"
            reset
            onSubmit={(v) => {
              setPasswordChanged(false);
              return api.post(
                apiPath('me', 'password'),
                me.user.hasPassword
                  ? { currentPassword: v.currentPassword, newPassword: v.newPassword }
                  : { newPassword: v.newPassword },
                Ok,
              );
            }}
            onSuccess={() => {
              setPasswordChanged(true);
              void qc.invalidateQueries({ queryKey: keys.me });
            }}
          >
            {/* For password managers: which account this password belongs to. */}
            <input type="hidden" name="username" autoComplete="username" value={me.user.email} />
            <div className="form-row">
              {me.user.hasPassword && (
                <TextField
                  name="currentPassword"
                  label="Current password"
                  type="password"
                  autoComplete="current-password"
                />
              )}
              <TextField
                name="newPassword"
                label="New password"
                type="password"
                autoComplete="new-password"
                hint="8 to 128 characters; not a commonly used password, your name or your email."
              />
            </div>
          </Form>
        </section>
      )}
      <CalendarFeedSection />
      <ListSection
        id="tokens-h"
        title="Personal API tokens"
        intro={
          <>
            For scripts and integrations: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts
            as you, with your roles. See the <a href="/api/docs">API reference</a>.
          </>
        }
      >
        {fresh && (
          <div className="alert alert-success" role="status">
            <p>
              <strong>Copy your new token “{fresh.name}” now.</strong> It will not be shown again.
            </p>
            <div className="form-row" style={{ marginTop: 8 }}>
              <code className="grow" style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>
                {fresh.token}
              </code>
              <CopyButton text={fresh.token} />
            </div>
          </div>
        )}
        <Form
          aria-label="Create a token"
          className="form-row"
          submitLabel="Create token"
          busyLabel="Creating…"
          reset
          onSubmit={(v) => api.post(apiPath('me', 'tokens'), { name: v.name }, ApiToken)}
          onSuccess={(result) => {
            const t = result;
            setFresh(t.token ? { name: t.name, token: t.token } : null);
            void qc.invalidateQueries({ queryKey: keys.tokens });
          }}
        >
          <TextField name="name" label="Token name" placeholder="CI import script" />
        </Form>
        <RowError error={revoke.error} />
        <QueryList query={tokens}>
          {(rows) => (
            <ListTable
              labelledBy="tokens-h"
              columns={[
                { head: 'Name' },
                { head: 'Created', className: 'hide-phone' },
                { head: 'Last used' },
                ACTIONS,
              ]}
              rows={rows}
              rowKey={(t) => t.id}
              row={(t) => (
                <>
                  <td>{t.name}</td>
                  <td className="hide-phone">{new Date(t.createdAt).toLocaleDateString()}</td>
                  <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'Never'}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost btn-danger"
                      aria-label={`Revoke token ${t.name}`}
                      onClick={() => {
                        if (!window.confirm(`Revoke “${t.name}”? Scripts using it stop working at once.`))
                          return;
                        void revoke.run(() => api.delete(apiPath('me', 'tokens', t.id)));
                      }}
                    >
                      Revoke
                    </button>
                  </td>
                </>
              )}
            />
          )}
        </QueryList>
      </ListSection>
    </div>
  );
}
