import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import type { WatchlistView } from '../../lib/messaging/messages/watchlist';

/** The worker's watchlist, asked on mount; `reload` after a change. */
export function useWatchlist() {
  const [view, setView] = useState<WatchlistView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setView(await sendMessage('watchlist.list', {}));
      setError(null);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }, []);
  useEffect(() => void reload(), [reload]);
  return { view, error, reload, setError };
}
