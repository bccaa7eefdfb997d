import { useState } from 'react';
import { MenuButton } from '#web/components/menu.tsx';
import { isApiError } from '#web/lib/api.ts';
import { exportUrl, fetchFeatureFiles } from './items-api.ts';

/** Saves text as a file through a temporary link (no server round trip). */
function saveFile(name: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads the whole backlog: CSV and JSON for spreadsheets and tools, and the acceptance
 * criteria as Gherkin — one .feature file per item (Gherkin allows one Feature per file).
 */
export function ExportMenu({ productId }: { productId: string }) {
  const [note, setNote] = useState<string | null>(null);
  const features = async () => {
    setNote('Preparing .feature files…');
    try {
      const { files } = await fetchFeatureFiles(productId);
      if (files.length === 0) return setNote('No item has acceptance criteria yet.');
      for (const [i, f] of files.entries()) setTimeout(() => saveFile(f.name, f.content), i * 150);
      setNote(`${files.length} .feature file${files.length > 1 ? 's' : ''} downloaded.`);
    } catch (err) {
      setNote(isApiError(err) ? err.message : 'The export failed.');
    }
  };
  return (
    <>
      <MenuButton label="Export" className="btn btn-sm" button={<span>Export</span>}>
        {(close) => (
          <div>
            <a className="menu-item" href={exportUrl(productId, 'csv')} download onClick={close}>
              CSV (spreadsheet)
            </a>
            <a className="menu-item" href={exportUrl(productId, 'json')} download onClick={close}>
              JSON
            </a>
            <button
              type="button"
              className="menu-item"
              onClick={() => {
                close();
                void features();
              }}
            >
              Acceptance criteria (.feature files)
            </button>
          </div>
        )}
      </MenuButton>
      {note && (
        <span className="muted" role="status">
          {note}
        </span>
      )}
    </>
  );
}
