import { useState } from 'react';
import type { Member, Product, Segment } from '#contracts/products.ts';
import { SignInLink } from '#contracts/stakeholders.ts';
import { CopyButton } from '#web/components/copy-button.tsx';
import { api, apiPath, isApiError } from '#web/lib/api.ts';
import './stakeholders.css';

/** The segments a member belongs to: toggle chips for the PO, names for everyone else. */
export function MemberSegments({
  member,
  segments,
  canEdit,
  onChange,
}: {
  member: Member;
  segments: readonly Segment[];
  canEdit: boolean;
  onChange: (segmentIds: string[]) => void;
}) {
  if (!canEdit) {
    const names = segments.filter((s) => member.segmentIds.includes(s.id)).map((s) => s.name);
    return names.length ? <span>{names.join(', ')}</span> : <span className="faint">—</span>;
  }
  if (!segments.length) return <span className="faint">No segments yet</span>;
  return (
    <fieldset className="sh-chips" style={{ border: 0, margin: 0, padding: 0 }}>
      <legend className="sr-only">Segments of {member.name}</legend>
      {segments.map((s) => {
        const on = member.segmentIds.includes(s.id);
        return (
          <label key={s.id} className="sh-chip" data-on={on || undefined}>
            <input
              type="checkbox"
              checked={on}
              onChange={() =>
                onChange(on ? member.segmentIds.filter((x) => x !== s.id) : [...member.segmentIds, s.id])
              }
            />
            {s.name}
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * A stakeholder's personal sign-in link (single use, 14 days): made on demand, shown once with a
 * copy button. It is the way in for people added without a password.
 */
export function SignInLinkButton({ product, member }: { product: Product; member: Member }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      setLink(
        await api.post(
          apiPath('products', product.id, 'members', member.userId, 'sign-in-link'),
          {},
          SignInLink,
        ),
      );
    } catch (err) {
      setError(isApiError(err) ? err.message : 'The link could not be made.');
    } finally {
      setBusy(false);
    }
  };
  if (link)
    return (
      <div className="sh-link">
        <input
          className="input input-sm mono"
          readOnly
          value={link.url}
          aria-label={`Sign-in link for ${member.name}`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={link.url} label="Copy link" />
        <small className="muted">
          Works once, until {new Date(link.expiresAt).toLocaleDateString()}. Send it to {member.name} only.
        </small>
      </div>
    );
  return (
    <>
      <button
        type="button"
        className="btn btn-sm"
        style={{ marginTop: 4 }}
        disabled={busy}
        onClick={() => void make()}
      >
        {busy ? 'Making…' : 'Sign-in link'}
      </button>
      {error && <span className="field-error">{error}</span>}
    </>
  );
}
