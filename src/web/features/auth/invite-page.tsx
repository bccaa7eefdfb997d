import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { InviteInfo, Me } from '#contracts/auth.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { Loading } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys } from '#web/lib/queries.ts';
import { AuthCard, NewPasswordField } from './auth-card.tsx';

/** /invite/:token — someone followed an invitation link: they pick a name and password. */
export function InvitePage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const info = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.get(apiPath('invites', token), InviteInfo),
    retry: false,
  });
  if (info.isPending) return <Loading />;
  if (info.isError)
    return (
      <AuthCard title="This invitation cannot be used">
        <p className="alert alert-error" role="alert">
          {info.error.message}
        </p>
        <Link to="/signin">Go to sign in</Link>
      </AuthCard>
    );
  return (
    <AuthCard title={`Join ${info.data.workspaceName}`} subtitle="Create your account to get started.">
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
          defaultValue={info.data.email ?? ''}
          readOnly={Boolean(info.data.email)}
          hint={info.data.email ? 'This invitation is for this address.' : undefined}
          required
        />
        <NewPasswordField />
      </Form>
    </AuthCard>
  );
}
