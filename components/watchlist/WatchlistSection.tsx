import { type FormEvent, useId, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import { ErrorLine } from '../common/SettingsFields';
import { useWatchlist } from './useWatchlist';
import { WatchedJobs } from './WatchedJobs';

/** The options page's watchlist: every watched job with its history, the proposals mark, and the check interval with its rule. */
export function WatchlistSection() {
  const headingId = useId();
  const thresholdId = useId();
  const { view, error, reload, setError } = useWatchlist();
  const [threshold, setThreshold] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  async function saveThreshold(event: FormEvent) {
    event.preventDefault();
    const value = threshold.trim() === '' ? null : Number(threshold);
    if (value !== null && !(Number.isInteger(value) && value >= 1 && value <= 1000)) {
      setError('The proposals mark must be a whole number from 1 to 1,000, or empty for none.');
      return;
    }
    try {
      await sendMessage('watchlist.setThreshold', { proposalThreshold: value });
      setStatus(value === null ? 'No proposals mark.' : `Loupe tells you when a watched job reaches ${value} proposals.`);
      await reload();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  async function checkNow() {
    try {
      const result = await sendMessage('watchlist.checkNow', {});
      setStatus(result.paused ?? `Checked ${result.checked} jobs: ${result.events} new things.`);
      await reload();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  return (
    <section aria-labelledby={headingId} className="loupe-power-section" data-testid="watchlist">
      <h2 id={headingId}>Watched jobs</h2>
      <ErrorLine message={error} />
      {view && (
        <>
          <p className="loupe-hint" data-testid="watchlist-interval">
            Every {view.intervalMinutes} min. {view.intervalWhy}
          </p>
          {view.paused && (
            <p className="loupe-warn" data-testid="watchlist-paused">
              {view.paused}
            </p>
          )}
          <form className="loupe-inline-form" onSubmit={(event) => void saveThreshold(event)}>
            <label htmlFor={thresholdId}>Tell me when proposals reach</label>
            <input
              id={thresholdId}
              inputMode="numeric"
              size={5}
              placeholder={view.proposalThreshold === null ? 'none' : String(view.proposalThreshold)}
              value={threshold}
              onChange={(event) => setThreshold(event.target.value)}
            />
            <button type="submit">Save</button>
            <button type="button" onClick={() => void checkNow()} data-testid="watchlist-check-now">
              Check now
            </button>
          </form>
          <p className="loupe-hint">Proposal counts come from search answers Loupe already has: a job’s detail carries none.</p>
          {status && (
            <p role="status" className="loupe-hint">
              {status}
            </p>
          )}
          <WatchedJobs jobs={view.jobs} historyItems={30} onChange={() => void reload()} />
        </>
      )}
    </section>
  );
}
