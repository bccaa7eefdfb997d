import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { InviteInfo, Me } from '#contracts/auth.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { Loading } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys, useSignInMethods } from '#web/lib/queries.ts';
import { AuthCard, NewPasswordField } from './auth-card.tsx';

/**
 * /invite/:token — someone followed an invitation link: they pick a name and password, or, where
 * single sign-on is set up, continue with the company account (the only way when passwords are
 * off); the provider's verified email must be the invitation's.
 */
export function InvitePage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const methods = useSignInMethods();
  const info = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.get(apiPath('invites', token), InviteInfo),
    retry: false,
  });
  if (info.isPending || methods.isPending) return <Loading />;
  if (info.isError)
    return (
      <AuthCard title="This invitation cannot be used">
        <p className="alert alert-error" role="alert">
          {info.error.message}
        </p>
        <Link to="/signin">Go to sign in</Link>
      </AuthCard>
    );
  const sso = methods.data?.sso ?? null;
  const password = methods.data?.password ?? true;
  const forEmail = info.data.email;
  return (
    <AuthCard
      title={`Join ${info.data.workspaceName}`}
      subtitle={
        password ? 'Create your account to get started.' : 'Sign in with your company account to join.'
      }
    >
      {sso && (
        <a
          className="btn btn-primary"
          style={{ width: '100%', justifyContent: 'center' }}
          href={`${sso.loginUrl}?${new URLSearchParams({ invite: token, returnTo: '/' })}`}
        >
          Continue with {sso.name}
        </a>
      )}
      {sso && !password && (
        <p className="muted" style={{ fontSize: 'var(--text-sm)' }}>
          This workspace signs people in with {sso.name} only: there is no password to choose.
          {forEmail ? ` Use the company account of ${forEmail}.` : ''}
        </p>
      )}
      {sso && password && (
        <p className="muted" style={{ textAlign: 'center', margin: '4px 0' }}>
          or choose a password
        </p>
      )}
      {password && (
        <Form
          aria-label="Accept invitation"
          submitLabel="Create account"
          busyLabel="Creating account…"
          onSubmit={(v) =>
            api.post(
              apiPath('invites', token, 'accept'),
              { name: v.name, email: v.email, password: v.password },
              Me,
            )
          }
          onSuccess={(result) => {
            qc.setQueryData(keys.me, result);
            navigate('/', { replace: true });
          }}
        >
          <TextField name="name" label="Your name" autoComplete="name" autoFocus required />
          <TextField
            name="email"
            label="Email"
            type="email"
            autoComplete="username"
            defaultValue={forEmail ?? ''}
            readOnly={Boolean(forEmail)}
            hint={forEmail ? 'This invitation is for this address.' : undefined}
            required
          />
          <NewPasswordField />
        </Form>
      )}
    </AuthCard>
  );
}
