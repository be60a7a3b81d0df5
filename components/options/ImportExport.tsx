import { type FormEvent, useId, useRef, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { backupToJson, exportFileName, makeBackup } from '../../lib/power/export';
import { IMPORT_MAX_BYTES, type ImportMode, type ImportOutcome, importBackup } from '../../lib/power/import';
import { readPowerData } from '../../lib/settings/store';
import { ImportedAlerts } from './ImportedAlerts';

/** Saves text as a file through a short-lived Blob URL (no page, no network). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const importModes = [
  ['merge', 'Merge: keep what you have, add the file’s notes and blocked clients; the file’s settings win where they differ'],
  ['replace', 'Replace: what the file holds replaces yours'],
] as const satisfies ReadonlyArray<readonly [ImportMode, string]>;

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const sectionNames = { settings: 'settings', notes: 'notes', blockList: 'block list', savedSearches: 'saved searches' } as const;

/** One backup file with settings, notes, block list and saved searches; importing checks it all first. */
export function ImportExport() {
  const ids = { heading: useId(), file: useId(), mode: useId(), errors: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [exportMessage, setExportMessage] = useState('');

  const exportBackup = async () => {
    setExportMessage('');
    try {
      const now = new Date();
      downloadText(backupToJson(makeBackup(await readPowerData(), now)), exportFileName('backup', 'json', now), 'application/json');
      setExportMessage('Backup downloaded.');
    } catch (error) {
      setExportMessage(`Loupe could not make the backup: ${messageOf(error)}`);
    }
  };

  const runImport = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setOutcome({ ok: false, errors: [{ path: '(no file)', message: 'Choose a Loupe backup file first.' }] });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await importBackup(file, mode));
    } catch (error) {
      setOutcome({ ok: false, errors: [{ path: '(import)', message: messageOf(error) }] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="loupe-power-section" aria-labelledby={ids.heading} data-testid="import-export">
      <h2 id={ids.heading}>Backup and restore</h2>
      <p>
        <button type="button" onClick={() => void exportBackup()} data-testid="export-backup">
          Download a backup
        </button>{' '}
        <span role="status" data-testid="export-status">
          {exportMessage}
        </span>
      </p>
      <p className="loupe-hint">
        The backup holds your rules, score, highlights, notes, block list and saved searches. It holds no sign-in data.
      </p>

      <form onSubmit={(event) => void runImport(event)} aria-describedby={outcome && !outcome.ok ? ids.errors : undefined}>
        <label htmlFor={ids.file}>Backup file (up to {IMPORT_MAX_BYTES / 1024 / 1024} MB)</label>{' '}
        <input
          id={ids.file}
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          data-testid="import-file"
          onChange={() => setOutcome(null)}
        />
        <fieldset className="loupe-rule" id={ids.mode}>
          <legend>How to import</legend>
          {importModes.map(([value, text]) => (
            <label key={value} className="loupe-check">
              <input
                type="radio"
                name="loupe-import-mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                data-testid={`import-mode-${value}`}
              />{' '}
              {text}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy} data-testid="import-run">
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>

      {outcome?.ok && (
        <p role="status" data-testid="import-result">
          Imported ({outcome.summary.mode === 'merge' ? 'merged' : 'replaced'}:{' '}
          {outcome.summary.sections.map((s) => sectionNames[s]).join(', ') || 'nothing'}). You now have{' '}
          {count(outcome.summary.notes, 'note')}, {count(outcome.summary.blockedClients, 'blocked client')} and{' '}
          {count(outcome.summary.savedSearches, 'saved search', 'saved searches')}.
        </p>
      )}
      {outcome?.ok && outcome.summary.alerts.length > 0 && <ImportedAlerts alerts={outcome.summary.alerts} />}
      {outcome && !outcome.ok && (
        <div role="alert" id={ids.errors} data-testid="import-errors">
          <p>
            Nothing was imported; your settings are unchanged. The file has{' '}
            {outcome.errors.length === 1 ? 'this problem' : 'these problems'}:
          </p>
          <ul>
            {outcome.errors.map((error) => (
              <li key={`${error.path}:${error.message}`}>
                <code>{error.path}</code>: {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
