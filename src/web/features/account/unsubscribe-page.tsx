import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Resubscribed, Unsubscribed, UnsubscribeInfo } from '#contracts/unsubscribe.ts';
import { Loading } from '#web/components/ui.tsx';
import { AuthCard } from '#web/features/auth/auth-card.tsx';
import { api, apiPath, isApiError } from '#web/lib/api.ts';

type Mode = 'email' | 'digest';
const SETTINGS = '/profile#notifications';
const problem = (err: unknown) =>
  isApiError(err) ? err.message : 'That did not go through. Check your connection and try again.';

/**
 * /unsubscribe/:token — behind a mail's "Stop these mails" link; no sign-in, the signed link is
 * the authority. Opening it changes nothing (mail scanners follow links): the button does, then
 * "Undo" takes the kind back as it was taken before.
 */
export function UnsubscribePage() {
  const { token = '' } = useParams();
  // What the person did on this page: null (not yet), unsubscribed (with the mode to restore), undone.
  const [state, setState] = useState<{ step: 'off'; before: Mode } | { step: 'undone' } | null>(null);
  const info = useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: () => api.get(apiPath('mail', 'unsubscribe', token), UnsubscribeInfo),
    retry: false,
  });
  const unsubscribe = useMutation({
    mutationFn: () => api.post(apiPath('mail', 'unsubscribe', token), {}, Unsubscribed),
    onSuccess: (r) => setState({ step: 'off', before: r.previousMode === 'digest' ? 'digest' : 'email' }),
  });
  const undo = useMutation({
    mutationFn: (mode: Mode) =>
      api.post(apiPath('mail', 'unsubscribe', token, 'undo'), { mode }, Resubscribed),
    onSuccess: () => setState({ step: 'undone' }),
  });
  if (info.isPending) return <Loading />;
  if (info.isError)
    return (
      <AuthCard title="This link cannot be used">
        <p className="alert alert-error" role="alert">
          {problem(info.error)}
        </p>
        <Link to={SETTINGS}>Sign in to choose what Tandem mails you</Link>
      </AuthCard>
    );
  const { label, email, mode } = info.data;
  const kind = `“${label}”`;
  const settingsLink = <Link to={SETTINGS}>All notification settings</Link>;
  const failure = unsubscribe.error ?? undo.error;
  const error = failure && (
    <p className="alert alert-error" role="alert">
      {problem(failure)}
    </p>
  );

  if (state?.step === 'off')
    return (
      <AuthCard title="You are unsubscribed" subtitle={`for ${email}`}>
        <p className="alert alert-success" role="status">
          You will no longer get {kind} mails from Tandem. You still see them in Tandem’s notifications.
        </p>
        {error}
        <button
          type="button"
          className="btn"
          disabled={undo.isPending}
          onClick={() => undo.mutate(state.before)}
        >
          {undo.isPending ? 'Undoing…' : 'Undo'}
        </button>
        {settingsLink}
      </AuthCard>
    );
  if (state?.step === 'undone')
    return (
      <AuthCard title="You are subscribed again" subtitle={`for ${email}`}>
        <p className="alert alert-success" role="status">
          You will get {kind} mails from Tandem again, as before.
        </p>
        {settingsLink}
      </AuthCard>
    );
  if (mode === 'in_app')
    return (
      <AuthCard title="You are already unsubscribed" subtitle={`for ${email}`}>
        <p>Tandem sends you no {kind} mails; you see them in Tandem’s notifications.</p>
        {error}
        <button type="button" className="btn" disabled={undo.isPending} onClick={() => undo.mutate('email')}>
          Mail them to me again
        </button>
        {settingsLink}
      </AuthCard>
    );
  return (
    <AuthCard title="Unsubscribe from these mails?" subtitle={`for ${email}`}>
      <p>
        You will no longer get {kind} mails from Tandem. You will still see them in Tandem’s notifications.
      </p>
      {error}
      <button
        type="button"
        className="btn btn-primary"
        style={{ justifyContent: 'center' }}
        disabled={unsubscribe.isPending}
        onClick={() => unsubscribe.mutate()}
      >
        {unsubscribe.isPending ? 'Unsubscribing…' : 'Unsubscribe'}
      </button>
      {settingsLink}
    </AuthCard>
  );
}
export const Component = UnsubscribePage;
