import type { QueueTimers } from './types';

export interface Clock {
  now: () => number;
  timers: QueueTimers;
  /** Backoff jitter. */
  random: () => number;
}

/** The real clock, timers and jitter, unless a test hands in its own. */
export function clockOf(options: Partial<Clock>): Clock {
  return {
    now: options.now ?? (() => Date.now()),
    timers: options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    random: options.random ?? Math.random,
  };
}
