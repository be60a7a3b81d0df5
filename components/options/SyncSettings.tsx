import { useEffect, useId, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { type SyncKindId, syncKindIds, syncKinds } from '../../lib/sync/kinds';
import { SYNC_BUDGET } from '../../lib/sync/quota';
import { parsePrefs, parseStatus, type SyncPrefs, type SyncStatus, syncPrefsItem, syncStatusItem, writePrefs } from '../../lib/sync/state';
import { ErrorLine } from '../common/SettingsFields';

/**
 * Sync between the user's browsers, one switch per kind of data, with what each takes of the
 * browser's sync space. Self-contained: it reads and watches its own storage and slots into any
 * section of the options page. The worker does the syncing; this only records the user's choice.
 */

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
function percent(bytes: number): string {
  const share = (bytes / SYNC_BUDGET.bytes) * 100;
  return share > 0 && share < 1 ? 'under 1%' : `${Math.round(share)}%`;
}

function useSyncState() {
  const [prefs, setPrefs] = useState<SyncPrefs | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    void syncPrefsItem.getValue().then((raw) => live && setPrefs(parsePrefs(raw)));
    void syncStatusItem.getValue().then((raw) => live && setStatus(parseStatus(raw)));
    const stops = [syncPrefsItem.watch((raw) => setPrefs(parsePrefs(raw))), syncStatusItem.watch((raw) => setStatus(parseStatus(raw)))];
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, []);
  return { prefs, setPrefs, status };
}

export function SyncSettings() {
  const { prefs, setPrefs, status } = useSyncState();
  const [error, setError] = useState<string | null>(null);
  const heading = useId();

  const toggle = (id: SyncKindId, on: boolean) => {
    if (prefs === null) return;
    setError(null);
    // The switch flips at once; storage's echo confirms it, a failed write puts it back.
    setPrefs({ ...prefs, [id]: on });
    writePrefs({ ...prefs, [id]: on }).catch((caught: unknown) => {
      setPrefs(prefs);
      setError(`Loupe could not save your sync choice: ${messageOf(caught)}`);
    });
  };

  const used = Object.values(status?.usage ?? {}).reduce((sum, usage) => sum + (usage?.bytes ?? 0), 0);
  const anyOn = prefs !== null && syncKindIds.some((id) => prefs[id]);

  return (
    <section className="loupe-power-section" aria-labelledby={heading} data-testid="sync-settings">
      <h2 id={heading}>Sync between your browsers</h2>
      <p className="loupe-hint">
        Uses your browser’s own sync (Chrome signed in with sync on, or a Firefox account): nothing goes to a server of Loupe’s. Each
        browser keeps its own copy and works offline; changes meet when the browser syncs, and the newest change to each entry wins.
        Sign-in, tokens, your API secret, the request log and cached Upwork data never sync.
      </p>
      {prefs === null ? (
        <p role="status">Loading…</p>
      ) : (
        <table className="loupe-table">
          <caption className="loupe-hint" data-testid="sync-total">
            {anyOn
              ? `Loupe uses ${kb(used)} of the ${kb(SYNC_BUDGET.bytes)} it allows itself in your browser’s sync space.`
              : 'Sync is off.'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Sync</th>
              <th scope="col">Uses of the sync space</th>
            </tr>
          </thead>
          <tbody>
            {syncKindIds.map((id) => {
              const usage = status?.usage[id];
              return (
                <tr key={id}>
                  <td>
                    <label className="loupe-check">
                      <input
                        type="checkbox"
                        data-testid={`sync-kind-${id}`}
                        checked={prefs[id]}
                        onChange={(event) => toggle(id, event.target.checked)}
                      />
                      {syncKinds[id].label}
                    </label>
                  </td>
                  <td data-testid={`sync-usage-${id}`}>
                    {!prefs[id]
                      ? 'Not synced'
                      : usage
                        ? `${kb(usage.bytes)} (${percent(usage.bytes)}), ${usage.entries} ${usage.entries === 1 ? 'entry' : 'entries'}`
                        : 'Waiting for the first sync'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ErrorLine message={error} />
      {anyOn && status && status.notSynced.length + status.problems.length > 0 && (
        <div role="alert" className="loupe-health" data-testid="sync-problems">
          <ul>
            {[...status.notSynced, ...status.problems].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {anyOn && status?.error && (
        <p role="alert" className="loupe-error" data-testid="sync-error">
          {status.error}
        </p>
      )}
      {anyOn && status?.nextWriteAt && !status.error && (
        <p className="loupe-hint" data-testid="sync-held">
          Some changes wait for the browser’s write limits and go out at {new Date(status.nextWriteAt).toLocaleTimeString()}.
        </p>
      )}
    </section>
  );
}
