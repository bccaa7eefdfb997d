import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Me } from '#contracts/auth.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { Loading } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys, useMe, useSetupStatus } from '#web/lib/queries.ts';
import { AuthCard } from './auth-card.tsx';

/** Only same-site paths are followed after sign-in (no open redirect through ?next=). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const setup = useSetupStatus();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (setup.isPending || me.isPending) return <Loading />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to={next} replace />;
  return (
    <AuthCard title="Sign in" subtitle={setup.data ? `to ${setup.data.workspaceName}` : undefined}>
      <Form
        aria-label="Sign in"
        submitLabel="Sign in"
        busyLabel="Signing in…"
        onSubmit={(v) => api.post(apiPath('auth', 'login'), { email: v.email, password: v.password }, Me)}
        onSuccess={(result) => {
          qc.setQueryData(keys.me, result);
          void qc.invalidateQueries({ queryKey: keys.products });
          navigate(next, { replace: true });
        }}
      >
        <TextField name="email" label="Email" type="email" autoComplete="username" autoFocus required />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
        />
      </Form>
      <p className="muted" style={{ fontSize: 'var(--text-sm)' }}>
        No account yet, or forgot your password? Ask a workspace admin for an invitation or a reset link.
      </p>
    </AuthCard>
  );
}
