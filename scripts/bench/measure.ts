import { busiestWindow } from '../../lib/background/request-log/log';
import type { RequestLogEntry, Sandbox } from '../../sandbox/server';

/**
 * The least time Upwork's window (`perWindow` requests in any `windowMs`) allows for `requests`:
 * the first `perWindow` at once, then `perWindow` more each window.
 */
export function floorMs(requests: number, perWindow: number, windowMs = 1000): number {
  return Math.max(0, Math.ceil(requests / perWindow) - 1) * windowMs;
}

/**
 * The rate a run held, as Upwork's window sees it: N requests ÷ (last − first + 1 s). A client
 * that fills every 1,000 ms window with 10 scores exactly 10/s; bursts do not inflate it.
 */
export function sustainedRate(times: readonly number[]): number {
  if (times.length < 2) return 0;
  return (times.length * 1000) / (Math.max(...times) - Math.min(...times) + 1000);
}

/** GraphQL requests the sandbox logged since `since` (epoch ms). */
export function graphqlSince(sandbox: Sandbox, since: number): RequestLogEntry[] {
  return sandbox.requestLog.filter((entry) => entry.path === '/graphql' && entry.at >= since);
}

/** Most entries in any window of `windowMs` (sliding, as the sandbox's limiter counts). */
export function maxInWindow(entries: readonly RequestLogEntry[], windowMs = 1000): number {
  return busiestWindow(
    entries.map((entry) => entry.at).sort((a, b) => a - b),
    windowMs,
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` over `items` with at most `limit` running at once. */
export async function withConcurrency<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
