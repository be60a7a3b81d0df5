import type { BatchKind } from '../../../lib/background/queue/types';
import { ApiError } from '../../../lib/upwork/api/errors';

/**
 * A stand-in for Upwork's API on fake time: it records when each request arrives, answers 429 when
 * more than `limitPerSecond` arrive in any closed 1,000 ms window (as the sandbox does), and can be
 * told to fail the next requests.
 */
export interface Call {
  kind: string;
  keys: string[];
  at: number;
  /** The queue aborted this request while it was on the wire. */
  aborted: boolean;
}

export function createFakeUpwork(options: { latencyMs?: number; limitPerSecond?: number } = {}) {
  const latencyMs = options.latencyMs ?? 50;
  const limit = options.limitPerSecond ?? 10;
  const calls: Call[] = [];
  const scripted: (() => Error)[] = [];
  let rejected429 = 0;

  function admit(kind: string, keys: string[]): Call {
    const at = Date.now();
    const call = { kind, keys: [...keys], at, aborted: false };
    calls.push(call);
    const scriptedFailure = scripted.shift();
    if (scriptedFailure) throw scriptedFailure();
    if (
      countInWindow(
        calls.map((call) => call.at),
        at - 1000,
        at,
      ) > limit
    ) {
      rejected429 += 1;
      throw new ApiError('rate-limited', 'Upwork says: too many requests.', { status: 429 });
    }
    return call;
  }

  function wait(ms: number, signal: AbortSignal, call: Call): Promise<void> {
    return new Promise((resolve, reject) => {
      const handle = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        call.aborted = true;
        clearTimeout(handle);
        reject(new ApiError('cancelled', 'The request was cancelled.'));
      });
    });
  }

  return {
    calls,
    get rejected429() {
      return rejected429;
    },
    /** Arrival times of every request, failed ones included. */
    arrivals: () => calls.map((call) => call.at),
    /** The next `count` requests fail with `make()` (after being counted as arrived). */
    failNext(count: number, make: () => Error): void {
      for (let i = 0; i < count; i += 1) scripted.push(make);
    },
    /** A request kind answered by `answer` per key; an Error answer fails only that key. */
    kind<T>(name: string, maxBatch: number, answer: (key: string) => T | Error): BatchKind<T> {
      return {
        kind: name,
        maxBatch,
        async run(keys, signal) {
          const call = admit(name, keys);
          await wait(latencyMs, signal, call);
          return new Map(keys.map((key) => [key, answer(key)]));
        },
      };
    },
  };
}

export type FakeUpwork = ReturnType<typeof createFakeUpwork>;

function countInWindow(times: number[], from: number, to: number): number {
  return times.filter((time) => time >= from && time <= to).length;
}

/** The most requests in any closed window of `windowMs` (a window starting at each request is enough to find it). */
export function maxInAnyWindow(times: number[], windowMs = 1000): number {
  return times.reduce((max, start) => Math.max(max, countInWindow(times, start, start + windowMs)), 0);
}
