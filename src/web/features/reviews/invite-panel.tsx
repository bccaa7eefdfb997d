import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { Invitations, Review } from '#contracts/reviews.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { CopyButton } from '#web/components/copy-button.tsx';
import { useMembers, useSegments } from '#web/lib/queries.ts';
import { invite, reviewKeys } from './reviews-api.ts';

type Sent = z.infer<typeof Invitations>['invitations'];

/**
 * Invite by segment or by person: one personal link each, shown once to copy and send (only
 * their hash is kept, so they cannot be shown again; inviting someone again makes a new link).
 */
export function InvitePanel({ review }: { review: Review }) {
  const product = useProduct();
  const segments = useSegments(product.id);
  const members = useMembers(product.id);
  const stakeholders = (members.data ?? []).filter((m) => m.role === 'stakeholder');
  const [segs, setSegs] = useState<string[]>([]);
  const [people, setPeople] = useState<string[]>([]);
  const [sent, setSent] = useState<Sent | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
  const nothing = segs.length === 0 && people.length === 0;

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const body = nothing
        ? {}
        : { ...(segs.length ? { segmentIds: segs } : {}), ...(people.length ? { userIds: people } : {}) };
      const r = await invite(review.id, body);
      setSent(r.invitations);
      void qc.invalidateQueries({ queryKey: reviewKeys.one(review.id) });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not invite.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rv-invite stack">
      {(segments.data?.length ?? 0) > 0 && (
        <fieldset className="rv-pick">
          <legend>By segment</legend>
          {segments.data?.map((s) => (
            <label key={s.id} className="rv-check">
              <input
                type="checkbox"
                checked={segs.includes(s.id)}
                onChange={() => setSegs(toggle(segs, s.id))}
              />
              {s.name}
            </label>
          ))}
        </fieldset>
      )}
      {stakeholders.length > 0 && (
        <details>
          <summary>Or pick people ({stakeholders.length} stakeholders)</summary>
          <fieldset className="rv-pick rv-people">
            <legend className="sr-only">People</legend>
            {stakeholders.map((m) => (
              <label key={m.userId} className="rv-check">
                <input
                  type="checkbox"
                  checked={people.includes(m.userId)}
                  onChange={() => setPeople(toggle(people, m.userId))}
                />
                {m.name}
              </label>
            ))}
          </fieldset>
        </details>
      )}
      <div className="form-row">
        <button type="button" className="btn btn-primary" onClick={send} disabled={busy}>
          {busy ? 'Making links…' : nothing ? 'Invite all stakeholders' : 'Invite selected'}
        </button>
        <span className="muted">{review.invited} invited so far</span>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {sent && (
        <div className="rv-links" aria-live="polite">
          <p>
            <strong>
              {sent.length} personal {sent.length === 1 ? 'link' : 'links'}
            </strong>{' '}
            <span className="muted">
              — send each person their own; they expire{' '}
              {sent[0] ? new Date(sent[0].expiresAt).toLocaleDateString() : ''}.
            </span>
          </p>
          {sent.length > 1 && (
            <CopyButton label="Copy all" text={sent.map((s) => `${s.name}\t${s.url}`).join('\n')} />
          )}
          <ul className="rv-link-list">
            {sent.map((s) => (
              <li key={s.userId}>
                <span>{s.name}</span>
                <input
                  className="input mono"
                  readOnly
                  value={s.url}
                  aria-label={`Link for ${s.name}`}
                  onFocus={(e) => e.target.select()}
                />
                <CopyButton text={s.url} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
