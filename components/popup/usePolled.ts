import { useEffect, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import type { ApiStatus } from '../../lib/messaging/messages/status';

/** How often the open popup refreshes the API status (a message to the worker: no network). */
const REFRESH_MS = 2_000;

/** The worker's API status, asked at once and every two seconds while the popup is open. */
export function useApiStatus(): { status: ApiStatus | null; error: string | null } {
  const [status, setStatus] = useState<ApiStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      sendMessage('status.get', {}).then(
        (value) => {
          if (!live) return;
          setStatus(value);
          setError(null);
        },
        (caught: unknown) => live && setError(messageOf(caught)),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return { status, error };
}
