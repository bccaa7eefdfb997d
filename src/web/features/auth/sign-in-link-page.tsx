import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { SignInLinkResult } from '#contracts/stakeholders.ts';
import { Loading } from '#web/components/ui.tsx';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import { AuthCard } from './auth-card.tsx';

/**
 * /link/:token — a stakeholder's personal sign-in link. Opening it signs that person in (the link
 * works once) and lands them on the product's portal; no password needed.
 */
export function SignInLinkPage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  // Strict mode runs effects twice in development: a single-use link must be spent once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api
      .post(apiPath('sign-in-links', token), {}, SignInLinkResult)
      .then(async (r) => {
        // Whoever was signed in on this browser before is not who is signed in now.
        qc.clear();
        navigate(r.path, { replace: true });
      })
      .catch((err: unknown) =>
        setError(isApiError(err) ? err.message : 'Signing in failed. Check your connection and try again.'),
      );
  }, [token, qc, navigate]);
  if (!error) return <Loading />;
  return (
    <AuthCard title="This link cannot be used">
      <p className="alert alert-error" role="alert">
        {error}
      </p>
      <p className="muted">
        Personal links work once and expire. Ask the Product Owner who sent it for a new one.
      </p>
      <Link to="/signin">Sign in with a password instead</Link>
    </AuthCard>
  );
}
