import { useId } from 'react';
import { useWatchlist } from './useWatchlist';
import { WatchedJobs } from './WatchedJobs';

/** The popup's watchlist: watched jobs with their latest news. */
export function WatchlistPanel() {
  const headingId = useId();
  const { view, error, reload } = useWatchlist();
  return (
    <section aria-labelledby={headingId} data-testid="watchlist-panel">
      <h2 id={headingId}>Watched jobs</h2>
      {error && <p className="loupe-bad">{error}</p>}
      {view?.paused && <p className="loupe-warn">{view.paused}</p>}
      {view && <WatchedJobs jobs={view.jobs} historyItems={3} onChange={() => void reload()} />}
    </section>
  );
}
