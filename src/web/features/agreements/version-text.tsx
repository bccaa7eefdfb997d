import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { AgreementComment, AgreementVersion } from '#contracts/agreements.ts';
import { renderMarkdown } from '#web/features/backlog/markdown.tsx';
import { when } from '#web/features/sprints/format.ts';
import { isApiError } from '#web/lib/api.ts';
import { agreementKeys, agreementsApi } from './agreements-api.ts';

/** A heading alone is a title, not a rule: nobody is asked to comment on it. */
const isHeading = (text: string) => /^#{1,6}\s/.test(text) && !text.includes('\n');

function Comment({ c }: { c: AgreementComment }) {
  return (
    <li className="ag-comment">
      <div className="ag-comment-head">
        <strong>{c.author?.name ?? 'Someone'}</strong> <span className="faint">{when(c.at)}</span>
      </div>
      {c.currentParagraph === null && (
        <blockquote className="ag-quote" title="The paragraph was changed since this comment">
          On an earlier text: {c.quote}
        </blockquote>
      )}
      <p>{c.text}</p>
    </li>
  );
}

function CommentForm({
  agreementId,
  version,
  paragraph,
  onDone,
}: {
  agreementId: string;
  version: number;
  paragraph: number;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `ag-comment-${version}-${paragraph}`;
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await agreementsApi.comment(agreementId, version, paragraph, text);
      qc.setQueryData(agreementKeys.one(agreementId), next);
      onDone();
    } catch (err) {
      setError(isApiError(err) ? (Object.values(err.fields)[0] ?? err.message) : 'Not sent. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="ag-comment-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Your comment on paragraph {paragraph + 1}
      </label>
      <textarea
        id={id}
        className="input"
        rows={3}
        value={text}
        placeholder="What would you change, and why?"
        onChange={(e) => setText(e.target.value)}
        // biome-ignore lint/a11y/noAutofocus: opened by the reader's click on this paragraph
        autoFocus
      />
      <div className="form-row">
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !text.trim()}>
          Comment
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

/**
 * A version's text, paragraph by paragraph (the unit people comment on), each rendered from
 * Markdown and sanitised; its comments sit under the paragraph they follow (by text hash), and
 * comments whose paragraph was reworded since are listed at the end with the words they were about.
 */
export function VersionText({
  agreementId,
  v,
  canComment,
}: {
  agreementId: string;
  v: AgreementVersion;
  canComment: boolean;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const html = useMemo(() => v.paragraphs.map((p) => renderMarkdown(p.text)), [v.paragraphs]);
  const outdated = v.comments.filter((c) => c.currentParagraph === null);
  return (
    <div className="ag-text">
      {v.paragraphs.map((p, i) => {
        const comments = v.comments.filter((c) => c.currentParagraph === p.index);
        return (
          <div
            key={`${p.index}-${p.hash}`}
            className={`ag-para${comments.length ? ' ag-para-commented' : ''}`}
          >
            <div className="ag-para-row">
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in renderMarkdown */}
              <div className="b-markdown ag-para-text" dangerouslySetInnerHTML={{ __html: html[i] ?? '' }} />
              {canComment && !isHeading(p.text) && (
                <button
                  type="button"
                  className="btn btn-ghost btn-sm ag-para-action"
                  aria-label={`Comment on paragraph ${p.index + 1}`}
                  onClick={() => setOpen(open === p.index ? null : p.index)}
                >
                  Comment
                </button>
              )}
              {comments.length > 0 && (
                <span className="badge ag-para-action">
                  {comments.length} {comments.length === 1 ? 'comment' : 'comments'}
                </span>
              )}
            </div>
            {comments.length > 0 && (
              <ul className="ag-comments">
                {comments.map((c) => (
                  <Comment key={c.id} c={c} />
                ))}
              </ul>
            )}
            {open === p.index && (
              <CommentForm
                agreementId={agreementId}
                version={v.number}
                paragraph={p.index}
                onDone={() => setOpen(null)}
              />
            )}
          </div>
        );
      })}
      {outdated.length > 0 && (
        <div className="ag-outdated">
          <h3>On text changed since</h3>
          <ul className="ag-comments">
            {outdated.map((c) => (
              <Comment key={c.id} c={c} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
