import type { ReactNode } from 'react';
import { TextField } from '#web/components/form.tsx';

/** The centred card the signed-out screens share. */
export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="auth">
      <div className="auth-card">
        <div className="brand">
          <span className="switcher-mark" aria-hidden="true">
            T
          </span>
          Tandem
        </div>
        <div>
          <h1>{title}</h1>
          {subtitle && (
            <p className="muted" style={{ marginTop: 4 }}>
              {subtitle}
            </p>
          )}
        </div>
        {children}
      </div>
    </main>
  );
}

/** A new account's password, with the rule the server applies. */
export function NewPasswordField() {
  return (
    <TextField
      name="password"
      label="Password"
      type="password"
      autoComplete="new-password"
      hint="8 to 128 characters."
      required
    />
  );
}
