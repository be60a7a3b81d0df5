import type { RequestLogEntry, Sandbox } from '../../sandbox/server';

/**
 * The least time a token bucket of `ratePerSecond` and `burst` needs to send `requests`: the
 * first `burst` go at once, each further one waits 1/rate s.
 */
export function floorMs(requests: number, ratePerSecond: number, burst: number): number {
  return (Math.max(0, requests - burst) / ratePerSecond) * 1000;
}

/** GraphQL requests the sandbox logged since `since` (epoch ms). */
export function graphqlSince(sandbox: Sandbox, since: number): RequestLogEntry[] {
  return sandbox.requestLog.filter((entry) => entry.path === '/graphql' && entry.at >= since);
}

/** Most entries in any window of `windowMs` (sliding, as the sandbox's limiter counts). */
export function maxInWindow(entries: readonly RequestLogEntry[], windowMs = 1000): number {
  const times = entries.map((entry) => entry.at).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
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
