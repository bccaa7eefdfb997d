import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PasswordResetInfo } from '#contracts/auth.ts';
import { Ok } from '#contracts/common.ts';
import { Form, TextField } from '#web/components/form.tsx';
import { Loading } from '#web/components/ui.tsx';
import { AuthCard } from '#web/features/auth/auth-card.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys } from '#web/lib/queries.ts';

/**
 * /reset-password/:token — someone followed the reset link an admin gave them and chooses a new
 * password. The link works once, for 24 hours; using it signs that person out everywhere.
 */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const [done, setDone] = useState(false);
  const info = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => api.get(apiPath('password-resets', token), PasswordResetInfo),
    retry: false,
    enabled: !done,
  });
  if (done)
    return (
      <AuthCard title="Your password is changed">
        <p className="alert alert-success" role="status">
          You were signed out everywhere. Sign in with your new password.
        </p>
        <Link className="btn btn-primary" to="/signin">
          Sign in
        </Link>
      </AuthCard>
    );
  if (info.isPending) return <Loading />;
  if (info.isError)
    return (
      <AuthCard title="This reset link cannot be used">
        <p className="alert alert-error" role="alert">
          {info.error.message}
        </p>
        <Link to="/signin">Go to sign in</Link>
      </AuthCard>
    );
  return (
    <AuthCard title="Choose a new password" subtitle={`For ${info.data.name}`}>
      <Form
        aria-label="Choose a new password"
        submitLabel="Set new password"
        busyLabel="Saving…"
        onSubmit={(v) => api.post(apiPath('password-resets', token), { newPassword: v.newPassword }, Ok)}
        onSuccess={() => {
          // Every session of this person just ended (this browser's too, if it was theirs).
          void qc.invalidateQueries({ queryKey: keys.me });
          setDone(true);
        }}
      >
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          value={info.data.email}
          readOnly
        />
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters; not a commonly used password, your name or your email."
          autoFocus
          required
        />
      </Form>
    </AuthCard>
  );
}

/** React Router's lazy-route convention. */
export const Component = ResetPasswordPage;
