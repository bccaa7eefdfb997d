import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Product } from '#contracts/products.ts';
import {
  type StakeholderPreview as Preview,
  StakeholderImportResult,
  StakeholderPreview,
} from '#contracts/stakeholders.ts';
import { Dialog } from '#web/components/dialog.tsx';
import { api, apiPath, isApiError, newIdempotencyKey } from '#web/lib/api.ts';
import { keys } from '#web/lib/queries.ts';
import './stakeholders.css';

const ACTION_WORDS: Record<Preview['rows'][number]['action'], string> = {
  create: 'new, no password',
  add: 'add',
  member: 'already a stakeholder',
  error: 'not added',
};
const FIELD_WORDS: Record<string, string> = { name: 'Name', email: 'Email', segment: 'Segment' };

/**
 * Many stakeholders at once, like the backlog import: paste or upload `name, email[, segment]`
 * lines, check the preview (what each row does, its errors by field; nothing is written yet),
 * then add them all. People new to the workspace get no password: they sign in by personal link.
 */
export function StakeholderImportDialog({ product, onClose }: { product: Product; onClose: () => void }) {
  const qc = useQueryClient();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'add' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ added: number; created: number; alreadyMembers: number } | null>(null);
  const key = useRef(newIdempotencyKey());
  const base = apiPath('products', product.id, 'stakeholders', 'import');

  const check = async (text: string) => {
    setBusy('preview');
    setError(null);
    setDone(null);
    key.current = newIdempotencyKey();
    try {
      setPreview(await api.post(`${base}/preview`, { csv: text }, StakeholderPreview));
    } catch (err) {
      setPreview(null);
      setError(isApiError(err) ? (err.fields.csv ?? err.message) : 'The list could not be read.');
    } finally {
      setBusy(null);
    }
  };
  const add = async () => {
    setBusy('add');
    setError(null);
    try {
      setDone(await api.post(base, { csv }, StakeholderImportResult, { idempotencyKey: key.current }));
      setPreview(null);
      setCsv('');
      void qc.invalidateQueries({ queryKey: keys.members(product.id) });
    } catch (err) {
      setError(isApiError(err) ? (err.fields.csv ?? err.message) : 'Adding failed; nobody was added.');
    } finally {
      setBusy(null);
    }
  };
  const ready = preview && preview.counts.error === 0 && preview.rows.length > 0;
  const toAdd = preview ? preview.counts.create + preview.counts.add + preview.counts.member : 0;

  return (
    <Dialog title="Add stakeholders" onClose={onClose} wide>
      <div className="field">
        <label htmlFor="sh-list">
          One person per line: <span className="mono">name, email, segment</span> (the segment is optional;
          several separated by <span className="mono">;</span>). A header line is fine.
        </label>
        <textarea
          id="sh-list"
          className="input sh-list"
          value={csv}
          placeholder={'Vera Vip, vera@example.com, VIP members\nSam Sec, sam@example.com, Secretariat'}
          onChange={(e) => {
            setCsv(e.target.value);
            setPreview(null);
          }}
        />
      </div>
      <div className="form-row">
        <button
          type="button"
          className="btn"
          disabled={!csv.trim() || busy !== null}
          onClick={() => void check(csv)}
        >
          {busy === 'preview' ? 'Checking…' : 'Check the list'}
        </button>
        <label className="btn btn-ghost sh-upload">
          Upload a CSV file…
          <input
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            className="sr-only"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const text = await file.text();
              setCsv(text);
              await check(text);
            }}
          />
        </label>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div className="alert alert-success" role="status">
          Added {done.added} stakeholder{done.added === 1 ? '' : 's'} ({done.created} new to Tandem, without a
          password: send each a personal sign-in link)
          {done.alreadyMembers ? `; ${done.alreadyMembers} were already here` : ''}.
        </div>
      )}
      {preview && (
        <>
          <p role="status">
            {preview.counts.create} new, {preview.counts.add} already in the workspace,{' '}
            {preview.counts.member} already stakeholders,{' '}
            <span className={preview.counts.error ? 'field-error' : ''}>
              {preview.counts.error} with errors
            </span>
            . Nothing is added until you press Add.
          </p>
          <div className="sh-rows">
            <table aria-label="Preview of the list">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Person</th>
                  <th scope="col">Segments</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 500).map((r) => (
                  <tr key={r.line} data-action={r.action}>
                    <td className="num">{r.line}</td>
                    <td>
                      {r.name || <span className="faint">(no name)</span>}
                      <br />
                      <small className="muted">{r.email || '(no email)'}</small>
                    </td>
                    <td>{r.segments.join(', ')}</td>
                    <td className={r.action === 'error' ? 'field-error' : ''}>
                      {r.action === 'error'
                        ? Object.entries(r.errors)
                            .map(([f, m]) => `${FIELD_WORDS[f] ?? f}: ${m}`)
                            .join('; ')
                        : ACTION_WORDS[r.action]}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.counts.error > 0 && (
            <p className="field-error">
              Fix the rows with errors above, then check again: adding is all or nothing.
            </p>
          )}
        </>
      )}
      <div className="form-row">
        {ready && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy !== null}
            onClick={() => void add()}
          >
            {busy === 'add' ? 'Adding…' : `Add ${toAdd} stakeholder${toAdd === 1 ? '' : 's'}`}
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {done ? 'Done' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}
