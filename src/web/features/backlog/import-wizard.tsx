import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import type { ImportPreview } from '#contracts/backlog-import.ts';
import { IMPORT_FIELDS } from '#domain/backlog/csv-mapping.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { Dialog } from '#web/components/dialog.tsx';
import { isApiError, newIdempotencyKey } from '#web/lib/api.ts';
import { backlogKeys, commitImport, previewImport } from './items-api.ts';
import { FIELD_LABELS } from './labels.ts';

/**
 * CSV import in three steps: pick a file (ours or a Jira export), check the preview (column
 * mapping, what each row will do, per-row errors; nothing is written yet), then commit all rows at
 * once. Rows with an external id that already exists update that item instead of duplicating it.
 */
type Preview = z.infer<typeof ImportPreview>;

export function ImportWizard({ onClose }: { onClose: () => void }) {
  const product = useProduct();
  const qc = useQueryClient();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [mapping, setMapping] = useState<Record<string, string> | undefined>(undefined);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [phase, setPhase] = useState<'pick' | 'previewing' | 'preview' | 'committing' | 'done'>('pick');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ created: number; updated: number } | null>(null);
  const key = useRef(newIdempotencyKey());

  const runPreview = async (text: string, map: Record<string, string> | undefined) => {
    setPhase('previewing');
    setError(null);
    try {
      const p = await previewImport(product.id, { csv: text, mapping: map });
      setPreview(p);
      setMapping(p.mapping);
      setPhase('preview');
    } catch (err) {
      setError(
        isApiError(err)
          ? (err.fields.csv ?? err.fields.mapping ?? err.message)
          : 'The file could not be read.',
      );
      setPhase('pick');
    }
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setFileName(file.name);
    setCsv(text);
    key.current = newIdempotencyKey();
    await runPreview(text, undefined);
  };
  const remap = (col: number, field: string) => {
    const next = { ...(mapping ?? {}) };
    if (field) next[String(col)] = field;
    else delete next[String(col)];
    if (csv) void runPreview(csv, next);
  };
  const commit = async () => {
    if (!csv) return;
    setPhase('committing');
    setError(null);
    try {
      setDone(await commitImport(product.id, { csv, mapping }, key.current));
      setPhase('done');
      await qc.invalidateQueries({ queryKey: backlogKeys.all(product.id) });
    } catch (err) {
      setError(isApiError(err) ? err.message : 'The import failed; nothing was written.');
      setPhase('preview');
    }
  };

  return (
    <Dialog title="Import items from CSV" onClose={onClose} wide>
      <ol className="b-steps" aria-label="Import steps">
        <li data-on={phase === 'pick' || phase === 'previewing' || undefined}>1. Choose a file</li>
        <li data-on={phase === 'preview' || undefined}>2. Check the preview</li>
        <li data-on={phase === 'committing' || phase === 'done' || undefined}>3. Import</li>
      </ol>
      {(phase === 'pick' || phase === 'previewing') && (
        <div className="field">
          <label htmlFor="b-import-file">
            CSV file (Tandem's columns, or a Jira export: Summary, Issue Type, Description, Story Points,
            Priority, Labels)
          </label>
          <input
            id="b-import-file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          {phase === 'previewing' && (
            <p className="muted" role="status">
              Reading {fileName}…
            </p>
          )}
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {preview && (phase === 'preview' || phase === 'committing') && (
        <>
          <p>
            <strong>{fileName}</strong>: {preview.counts.create} to create, {preview.counts.update} to update,{' '}
            <span className={preview.counts.error ? 'field-error' : ''}>
              {preview.counts.error} with errors
            </span>
            . Nothing is written until you import.
          </p>
          <div className="b-mapping">
            {preview.headers.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: headers repeat (Jira repeats Labels); the column index is the identity
              <label key={`${i}-${h}`} className="field">
                <span className="label">{h || `Column ${i + 1}`}</span>
                <select
                  className="select select-sm"
                  value={mapping?.[String(i)] ?? ''}
                  onChange={(e) => remap(i, e.target.value)}
                >
                  <option value="">Ignore</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {FIELD_LABELS[f] ?? (f === 'externalId' ? 'External id' : f)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="b-import-rows">
            <table>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Action</th>
                  <th scope="col">Title</th>
                  <th scope="col">Problems</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 300).map((r) => (
                  <tr key={r.line} data-action={r.action}>
                    <td className="num">{r.line}</td>
                    <td>{r.action === 'error' ? 'not imported' : r.action}</td>
                    <td>{r.title ?? <span className="faint">(no title)</span>}</td>
                    <td className="field-error">
                      {Object.entries(r.errors)
                        .map(([f, m]) => `${FIELD_LABELS[f] ?? f}: ${m}`)
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.counts.error > 0 && (
            <p className="field-error">
              Fix the rows with errors in the file (or change the mapping) before importing: the import is all
              or nothing.
            </p>
          )}
        </>
      )}
      {phase === 'committing' && (
        <div className="field">
          <span className="label">Importing…</span>
          <progress className="b-progress" aria-label="Import progress" />
        </div>
      )}
      {phase === 'done' && done && (
        <div className="alert alert-success" role="status">
          Imported: {done.created} created, {done.updated} updated.
        </div>
      )}
      <div className="form-row">
        {phase === 'preview' && preview && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={preview.counts.error > 0 || preview.rows.length === 0}
            onClick={() => void commit()}
          >
            Import {preview.counts.create + preview.counts.update} rows
          </button>
        )}
        {phase === 'preview' && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setPhase('pick');
              setPreview(null);
              setCsv(null);
            }}
          >
            Choose another file
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {phase === 'done' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}
