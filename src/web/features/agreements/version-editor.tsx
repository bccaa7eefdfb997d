import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { AgreementDetail } from '#contracts/agreements.ts';
import { paragraphDiff } from '#domain/agreements/diff.ts';
import { splitParagraphs } from '#domain/agreements/paragraphs.ts';
import { AGREEMENT_TEMPLATES, type AgreementTemplate } from '#domain/agreements/templates.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { isApiError } from '#web/lib/api.ts';
import { agreementKeys, agreementsApi, useAgreement } from './agreements-api.ts';
import { VersionDiff } from './version-diff.tsx';

/** A local date-time input value ("2026-12-04T17:00") `days` from now at `hour`. */
function localAt(days: number, hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}
const toIso = (local: string) => new Date(local).toISOString();

function TemplatePicker({
  onPick,
  picked,
}: {
  onPick: (t: AgreementTemplate) => void;
  picked: string | null;
}) {
  return (
    <fieldset className="ag-templates">
      <legend>Start from a template</legend>
      {AGREEMENT_TEMPLATES.map((t) => (
        <button
          key={t.key}
          type="button"
          className={`ag-template${picked === t.key ? ' ag-template-picked' : ''}`}
          aria-pressed={picked === t.key}
          onClick={() => onPick(t)}
        >
          <strong>{t.title}</strong>
          <span className="faint">{t.summary}</span>
        </button>
      ))}
    </fieldset>
  );
}

/** The editor of a new agreement or a new version: template picker, text, comment period, effective date. */
export function VersionEditor({ agreementId }: { agreementId: string | null }) {
  const q = useAgreement(agreementId ?? '');
  if (agreementId === null) return <Editor agreement={null} />;
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} />;
  return <Editor agreement={q.data} />;
}

function Editor({ agreement }: { agreement: AgreementDetail | null }) {
  const product = useProduct();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const current = agreement?.versions.find((v) => v.status === 'proposed' || v.status === 'effective');
  const [title, setTitle] = useState(agreement?.title ?? '');
  const [template, setTemplate] = useState<string | null>(null);
  const [body, setBody] = useState(agreement?.draft ?? current?.body ?? '');
  const [withComments, setWithComments] = useState(true);
  const [commentUntil, setCommentUntil] = useState(localAt(3, 17));
  const [effectiveFrom, setEffectiveFrom] = useState(localAt(4, 9));
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const diff = useMemo(
    () =>
      current
        ? paragraphDiff(
            splitParagraphs(current.body).map((p) => p.text),
            splitParagraphs(body).map((p) => p.text),
          )
        : [],
    [current, body],
  );

  const pick = (t: AgreementTemplate) => {
    setTemplate(t.key);
    setBody(t.body);
    if (!title.trim()) setTitle(t.title);
  };

  const save = async (propose: boolean) => {
    setBusy(true);
    setError(null);
    try {
      let a = agreement;
      if (!a) {
        a = await agreementsApi.create(product.id, {
          title,
          draft: body,
          ...(template ? { template: template as AgreementTemplate['key'] } : {}),
        });
      } else if (!propose) {
        a = await agreementsApi.update(
          a.id,
          { draft: body, ...(title !== a.title ? { title } : {}) },
          a.version,
        );
      }
      if (propose)
        a = await agreementsApi.propose(a.id, {
          body,
          effectiveFrom: toIso(effectiveFrom),
          ...(withComments ? { commentUntil: toIso(commentUntil) } : {}),
        });
      qc.setQueryData(agreementKeys.one(a.id), a);
      void qc.invalidateQueries({ queryKey: agreementKeys.list(product.id) });
      navigate(`/p/${product.key}/agreements/${a.id}`);
    } catch (err) {
      setError(
        isApiError(err)
          ? { message: err.message, fields: err.fields }
          : { message: 'Not saved. Try again.', fields: {} },
      );
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) =>
    error?.fields[name] ? (
      <span className="field-error" id={`ag-${name}-error`}>
        {error.fields[name]}
      </span>
    ) : null;

  return (
    <div className="page stack ag-editor">
      <Link className="ag-back" to={agreement ? `../${agreement.id}` : '..'} relative="path">
        ← {agreement ? agreement.title : 'Working agreements'}
      </Link>
      <PageHead
        title={agreement ? `New version of “${agreement.title}”` : 'New working agreement'}
        subtitle="Write it in your own words. Propose it with a comment period so everyone can say what they think before it applies."
      />
      <TemplatePicker onPick={pick} picked={template} />
      <div className="card ag-form">
        <div className="field">
          <label htmlFor="ag-title">Title</label>
          <input
            id="ag-title"
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="e.g. How we handle urgent bugs"
          />
          {fieldError('title')}
        </div>
        <div className="field">
          <label htmlFor="ag-body">
            The agreement (Markdown; a blank line starts a new paragraph, the unit people comment on)
          </label>
          <textarea
            id="ag-body"
            className="input ag-body"
            rows={18}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          {fieldError('body')}
        </div>
        <div className="ag-dates">
          <label className="ag-check">
            <input
              type="checkbox"
              checked={withComments}
              onChange={(e) => setWithComments(e.target.checked)}
            />{' '}
            Open for comments until
          </label>
          <input
            aria-label="Comments close"
            className="input"
            type="datetime-local"
            value={commentUntil}
            disabled={!withComments}
            onChange={(e) => setCommentUntil(e.target.value)}
          />
          <label htmlFor="ag-effective">In effect from</label>
          <input
            id="ag-effective"
            className="input"
            type="datetime-local"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
        </div>
        {fieldError('commentUntil')}
        {fieldError('effectiveFrom')}
        {error && Object.keys(error.fields).length === 0 && (
          <div className="alert alert-error" role="alert">
            {error.message}
          </div>
        )}
        <div className="form-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !title.trim() || !body.trim()}
            onClick={() => void save(true)}
          >
            Propose {agreement ? `version ${(agreement.versions[0]?.number ?? 0) + 1}` : 'it'}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || !title.trim()}
            onClick={() => void save(false)}
          >
            Save as draft
          </button>
        </div>
      </div>
      {current && (
        <section className="card ag-version" aria-labelledby="ag-preview-h">
          <h2 id="ag-preview-h">What changes from version {current.number}</h2>
          <VersionDiff parts={diff} />
        </section>
      )}
    </div>
  );
}
