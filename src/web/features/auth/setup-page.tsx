import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router-dom';
import { Me } from '#contracts/auth.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { Loading } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys, useSetupStatus } from '#web/lib/queries.ts';
import { AuthCard, NewPasswordField } from './auth-card.tsx';

/** First run: create the workspace's first admin (then this screen is gone for good). */
export function SetupPage() {
  const setup = useSetupStatus();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (setup.isPending) return <Loading />;
  if (setup.data && !setup.data.needsSetup) return <Navigate to="/signin" replace />;
  return (
    <AuthCard
      title="Welcome to Tandem"
      subtitle="Create the first administrator account. You can invite your team right after."
    >
      <Form
        aria-label="Set up Tandem"
        submitLabel="Create admin account"
        busyLabel="Setting up…"
        onSubmit={(v) =>
          api.post(
            apiPath('setup'),
            {
              workspaceName: v.workspaceName?.trim() || undefined,
              name: v.name,
              email: v.email,
              password: v.password,
            },
            Me,
          )
        }
        onSuccess={(result) => {
          qc.setQueryData(keys.me, result);
          qc.setQueryData(keys.setup, { needsSetup: false, workspaceName: '' });
          void qc.invalidateQueries({ queryKey: keys.setup });
          navigate('/', { replace: true });
        }}
      >
        <TextField
          name="workspaceName"
          label="Organisation name"
          placeholder="Acme Ltd"
          autoComplete="organization"
          hint="Optional. Shown on the sign-in screen."
        />
        <TextField name="name" label="Your name" autoComplete="name" autoFocus required />
        <TextField name="email" label="Email" type="email" autoComplete="username" required />
        <NewPasswordField />
      </Form>
    </AuthCard>
  );
}
