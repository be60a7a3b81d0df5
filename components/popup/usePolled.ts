import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import type { ApiStatus } from '../../lib/messaging/messages/status';

/** How often the open popup asks again (a message to the worker: no network). */
const REFRESH_MS = 2_000;

/**
 * `load()` at once and every two seconds while the popup is open: what the worker knows changes
 * under an open popup (a page reports its landmarks a moment after it loads, requests go out).
 */
export function usePolled<T>(load: () => Promise<T>): { value: T | null; loaded: boolean; error: string | null } {
  const [state, setState] = useState<{ value: T | null; loaded: boolean; error: string | null }>({
    value: null,
    loaded: false,
    error: null,
  });
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let live = true;
    const refresh = () =>
      latest.current().then(
        (value) => live && setState({ value, loaded: true, error: null }),
        (caught: unknown) => live && setState((before) => ({ ...before, loaded: true, error: messageOf(caught) })),
      );
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return state;
}

/** The worker's API status, kept current while the popup is open. */
export function useApiStatus(): { status: ApiStatus | null; error: string | null } {
  const { value, error } = usePolled(() => sendMessage('status.get', {}));
  return { status: value, error };
}
