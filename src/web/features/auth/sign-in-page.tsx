import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Me } from '#contracts/auth.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { Loading } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys, useMe, useSetupStatus, useSignInMethods } from '#web/lib/queries.ts';
import { AuthCard } from './auth-card.tsx';

/** Only same-site paths are followed after sign-in (no open redirect through ?next=). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Why single sign-on sent someone back here (the `reason` the server put in the URL). */
const SSO_REFUSALS: Record<string, string> = {
  unverified_email:
    'Your company account has no verified email address, so Tandem cannot tell which account is yours. Ask your IT team to verify it.',
  no_account: 'There is no Tandem account for your company email yet. Ask a workspace admin to invite you.',
  disabled: 'This account is disabled. Ask a workspace admin.',
  unreachable: 'The sign-in service cannot be reached right now. Try again in a moment.',
  provider_error: 'The sign-in service did not sign you in. Try again.',
  invite_used_or_expired:
    'That invitation link has expired or was already used. Ask a workspace admin for a new one.',
  invite_other_email:
    'That invitation is for another email address than your company account. Ask a workspace admin to invite the address you sign in with.',
};
const ssoProblem = (code: string | null, reason: string | null) =>
  code
    ? (SSO_REFUSALS[reason ?? ''] ??
      'Single sign-on did not complete: the sign-in took too long or was started elsewhere. Try again.')
    : null;

export function SignInPage() {
  const setup = useSetupStatus();
  const me = useMe();
  const methods = useSignInMethods();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (setup.isPending || me.isPending || methods.isPending) return <Loading />;
  const sso = methods.data?.sso ?? null;
  const password = methods.data?.password ?? true;
  const problem = ssoProblem(params.get('sso_error'), params.get('reason'));
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to={next} replace />;
  return (
    <AuthCard title="Sign in" subtitle={setup.data ? `to ${setup.data.workspaceName}` : undefined}>
      {problem && (
        <div className="alert alert-error" role="alert">
          {problem}
        </div>
      )}
      {sso && (
        <a
          className="btn btn-primary"
          style={{ width: '100%', justifyContent: 'center' }}
          href={`${sso.loginUrl}?${new URLSearchParams({ returnTo: next })}`}
        >
          Sign in with {sso.name}
        </a>
      )}
      {sso && password && (
        <p className="muted" style={{ textAlign: 'center', margin: '4px 0' }}>
          or with your email and password
        </p>
      )}
      {!password && (
        <p className="muted" style={{ fontSize: 'var(--text-sm)' }}>
          Password sign-in is turned off in this workspace: sign in with {sso?.name ?? 'single sign-on'}.
        </p>
      )}
      {password && (
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
      )}
      {password && (
        <p className="muted" style={{ fontSize: 'var(--text-sm)' }}>
          No account yet, or forgot your password? Ask a workspace admin for an invitation or a reset link.
        </p>
      )}
    </AuthCard>
  );
}
