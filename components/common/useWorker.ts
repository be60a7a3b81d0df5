import { useEffect, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import type { MessageType, RequestOf, ResponseOf } from '../../lib/messaging/contract';

export type WorkerState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

/** Asks the worker once on mount (and again when `deps` change) and tracks the answer. */
export function useWorker<T extends MessageType>(type: T, payload: RequestOf<T>, deps: unknown[] = []): WorkerState<ResponseOf<T>> {
  const [state, setState] = useState<WorkerState<ResponseOf<T>>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    sendMessage(type, payload).then(
      (data) => live && setState({ status: 'ready', data }),
      (error: Error) => live && setState({ status: 'error', message: error.message }),
    );
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: callers name the inputs that should trigger a new request
  }, deps);
  return state;
}

/** Asks the worker once: the answer goes to `onAnswer`, what went wrong (in words) to `onError`. */
export async function askWorker<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
  onAnswer: (answer: ResponseOf<T>) => void,
  onError: (message: string) => void,
): Promise<void> {
  try {
    onAnswer(await sendMessage(type, payload));
  } catch (error) {
    onError(messageOf(error));
  }
}
