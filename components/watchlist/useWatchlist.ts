import { useCallback, useEffect, useState } from 'react';
import type { WatchlistView } from '../../lib/messaging/messages/watchlist';
import { askWorker } from '../common/useWorker';

/** The worker's watchlist, asked on mount; `reload` after a change. */
export function useWatchlist() {
  const [view, setView] = useState<WatchlistView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    const shown = (answer: WatchlistView) => {
      setView(answer);
      setError(null);
    };
    return askWorker('watchlist.list', {}, shown, setError);
  }, []);
  useEffect(() => void reload(), [reload]);
  return { view, error, reload, setError };
}
