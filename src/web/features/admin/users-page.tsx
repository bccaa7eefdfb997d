import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import { Invite, PasswordResetLink, User } from '#contracts/auth.ts';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { CopyButton } from '#web/components/copy-button.tsx';
import { Form, SelectField, TextField } from '#web/components/form.tsx';
import { Avatar, ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { api, apiPath, newIdempotencyKey } from '#web/lib/api.ts';
import { keys, useMe, useSignInMethods, useUsers } from '#web/lib/queries.ts';

const workspaceRoles = [
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Workspace admin' },
];

/** Workspace admins manage people: create accounts, invite by link, reset passwords by link, disable. */
export function UsersPage() {
  const me = useMe().data;
  const isAdmin = me?.user.workspaceRole === 'admin';
  const users = useUsers(isAdmin);
  // With single sign-on only there are no passwords to reset.
  const passwords = useSignInMethods().data?.password ?? true;
  const qc = useQueryClient();
  const idem = useRef(newIdempotencyKey());
  const [invite, setInvite] = useState<z.infer<typeof Invite> | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [reset, setReset] = useState<{ name: string; url: string; expiresAt: string } | null>(null);
  if (!isAdmin) return <NotFoundPage />;
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.users });

  async function setDisabled(u: User, disabled: boolean) {
    setRowError(null);
    try {
      await api.patch(apiPath('users', u.id), { disabled }, User);
    } catch (err) {
      setRowError(err instanceof Error ? err.message : 'Not saved.');
    }
    refresh();
  }

  async function makeResetLink(u: User) {
    setRowError(null);
    setReset(null);
    try {
      const link = await api.post(apiPath('users', u.id, 'password-reset'), {}, PasswordResetLink);
      setReset({ name: u.name, ...link });
    } catch (err) {
      setRowError(err instanceof Error ? err.message : 'No link was made.');
    }
  }

  return (
    <div className="page">
      <PageHead title="People" subtitle="Everyone who can sign in to this workspace." />
      {users.isPending && <Loading />}
      {users.isError && <ErrorState error={users.error} />}
      {rowError && (
        <div className="alert alert-error" role="alert">
          {rowError}
        </div>
      )}
      {reset && (
        <div className="alert alert-success" role="status">
          <p>
            Password reset link for {reset.name}, valid once until{' '}
            {new Date(reset.expiresAt).toLocaleString()}. Using it signs them out everywhere.
          </p>
          <div className="form-row" style={{ marginTop: 8 }}>
            <code
              className="grow"
              data-testid="reset-url"
              style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}
            >
              {reset.url}
            </code>
            <CopyButton text={reset.url} label="Copy link" />
          </div>
        </div>
      )}
      {users.data && (
        <div className="card">
          <table className="list" aria-label="People">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col" className="hide-phone">
                  Role
                </th>
                <th scope="col">Status</th>
                <th scope="col" className="actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <td>
                    <div className="who">
                      <Avatar name={u.name} />
                      <div className="grow">
                        {u.name}
                        <small>{u.email}</small>
                      </div>
                    </div>
                  </td>
                  <td className="hide-phone">{u.workspaceRole === 'admin' ? 'Workspace admin' : 'Member'}</td>
                  <td>
                    {u.disabled ? (
                      <span className="badge badge-danger">Disabled</span>
                    ) : (
                      <span className="badge">Active</span>
                    )}
                  </td>
                  <td className="actions">
                    {!u.disabled && passwords && (
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        aria-label={`Reset link for ${u.name}`}
                        onClick={() => void makeResetLink(u)}
                      >
                        Reset link
                      </button>
                    )}
                    {u.id !== me.user.id && (
                      <button
                        type="button"
                        className={u.disabled ? 'btn btn-sm' : 'btn btn-sm btn-ghost btn-danger'}
                        aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}
                        onClick={() => {
                          if (
                            u.disabled ||
                            window.confirm(`Disable ${u.name}? They are signed out everywhere at once.`)
                          )
                            void setDisabled(u, !u.disabled);
                        }}
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="section" aria-labelledby="invite-h">
        <h2 id="invite-h">Invite by link</h2>
        <p className="muted">
          The link works once, for 7 days. Send it however you like; the person picks their own password.
        </p>
        <Form
          aria-label="Create an invitation link"
          className="form-row"
          submitLabel="Create link"
          busyLabel="Creating…"
          onSubmit={(v) =>
            api.post(
              apiPath('invites'),
              { email: v.email?.trim() || undefined, workspaceRole: v.workspaceRole },
              Invite,
            )
          }
          onSuccess={setInvite}
        >
          <TextField
            name="email"
            label="Email (optional)"
            type="email"
            placeholder="Only this address may use it"
          />
          <SelectField name="workspaceRole" label="Workspace role" options={workspaceRoles} />
        </Form>
        {invite?.url && (
          <div className="alert alert-success" role="status">
            <p>
              Invitation link{invite.email ? ` for ${invite.email}` : ''}, valid until{' '}
              {new Date(invite.expiresAt).toLocaleDateString()}:
            </p>
            <div className="form-row" style={{ marginTop: 8 }}>
              <code
                className="grow"
                data-testid="invite-url"
                style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}
              >
                {invite.url}
              </code>
              <CopyButton text={invite.url} label="Copy link" />
            </div>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="create-h">
        <h2 id="create-h">Create an account</h2>
        <p className="muted">When you would rather set the first password yourself and hand it over.</p>
        <Form
          aria-label="Create an account"
          submitLabel="Create account"
          busyLabel="Creating…"
          reset
          onSubmit={async (v) => {
            const created = await api.post(
              apiPath('users'),
              { name: v.name, email: v.email, password: v.password, workspaceRole: v.workspaceRole },
              User,
              { idempotencyKey: idem.current },
            );
            idem.current = newIdempotencyKey();
            return created;
          }}
          onSuccess={refresh}
        >
          <div className="form-row">
            <TextField name="name" label="Name" autoComplete="off" />
            <TextField name="email" label="Email" type="email" autoComplete="off" />
          </div>
          <div className="form-row">
            <TextField
              name="password"
              label="First password"
              type="password"
              autoComplete="new-password"
              hint="8 to 128 characters; not a commonly used password, their name or email."
            />
            <SelectField name="workspaceRole" label="Workspace role" options={workspaceRoles} />
          </div>
        </Form>
      </section>
    </div>
  );
}
