import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Member } from '#contracts/products.ts';
import { Avatar } from '#web/components/ui.tsx';
import { isApiError, newIdempotencyKey } from '#web/lib/api.ts';
import { backlogKeys, fetchComments, postComment } from './items-api.ts';
import { Markdown } from './markdown.tsx';

/** How a mention is written in a comment: @Full Name (the server also accepts @email-local-part). */
export const mentionToken = (m: Pick<Member, 'name'>): string => `@${m.name}`;

/** The @word being typed right before the caret, if any. */
export function mentionQuery(text: string, caret: number): string | null {
  const m = /(?:^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(text.slice(0, caret));
  return m ? (m[1] ?? '') : null;
}

/** Comments on the item, and a box to add one; typing @ suggests the product's members. */
export function CommentsSection({
  itemId,
  members,
  canComment,
}: {
  itemId: string;
  members: readonly Member[];
  canComment: boolean;
}) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: backlogKeys.comments(itemId), queryFn: () => fetchComments(itemId) });
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const box = useRef<HTMLTextAreaElement>(null);
  const query = mentionQuery(text, caret);
  const matches =
    query === null
      ? []
      : members
          .filter((m) => m.name.replace(/\s+/g, '').toLowerCase().startsWith(query.toLowerCase()))
          .slice(0, 6);

  const pick = (m: Member) => {
    const before = text.slice(0, caret).replace(/@[\p{L}\p{N}_.-]*$/u, `${mentionToken(m)} `);
    const next = before + text.slice(caret);
    setText(next);
    setCaret(before.length);
    requestAnimationFrame(() => box.current?.setSelectionRange(before.length, before.length));
    box.current?.focus();
  };
  const submit = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await postComment(itemId, text, key.current);
      key.current = newIdempotencyKey();
      setText('');
      await qc.invalidateQueries({ queryKey: backlogKeys.comments(itemId) });
    } catch (err) {
      setError(
        isApiError(err) ? (err.fields.body ?? err.message) : 'The comment could not be sent. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="b-section" aria-labelledby="b-comments-h">
      <h3 id="b-comments-h">Comments</h3>
      {q.data?.comments.length === 0 && (
        <p className="muted">No comments yet. Ask a question or mention someone with @.</p>
      )}
      <ol className="b-comments">
        {q.data?.comments.map((c) => (
          <li key={c.id}>
            <Avatar name={c.author?.name ?? 'Tandem'} />
            <div>
              <div>
                <strong>{c.author?.name ?? 'Someone'}</strong>{' '}
                <time className="faint" dateTime={c.createdAt}>
                  {new Date(c.createdAt).toLocaleString()}
                </time>
              </div>
              <Markdown text={c.body} />
            </div>
          </li>
        ))}
      </ol>
      {canComment && (
        <div className="b-comment-box">
          <label className="sr-only" htmlFor="b-comment">
            Write a comment
          </label>
          <textarea
            id="b-comment"
            ref={box}
            className="input b-textarea"
            rows={2}
            placeholder="Write a comment… @ to mention, Ctrl+Enter to send"
            value={text}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setCaret(e.target.selectionStart);
            }}
            onKeyUp={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              } else if (e.key === 'Tab' && matches[0]) {
                e.preventDefault();
                pick(matches[0]);
              }
            }}
          />
          {matches.length > 0 && (
            <ul className="b-mentions" aria-label="Mention someone">
              {matches.map((m) => (
                <li key={m.userId}>
                  <button
                    type="button"
                    className="menu-item"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(m)}
                  >
                    {m.name} <span className="faint">{mentionToken(m)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {error && <span className="field-error">{error}</span>}
          <div className="form-row">
            <button
              type="button"
              className="btn btn-sm"
              disabled={busy || !text.trim()}
              onClick={() => void submit()}
            >
              {busy ? 'Sending…' : 'Comment'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
