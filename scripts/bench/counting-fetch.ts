import { sandboxFetcher } from '../../sandbox/client';
import type { Sandbox } from '../../sandbox/server';

export interface SentRequest {
  at: number;
  /** When its answer came back. */
  answeredAt: number;
  status: number;
}

/**
 * sandboxFetcher, counting each GraphQL request this caller sent and the status it got back, so a
 * scenario's numbers are its own even if another caller's request lands in the same second.
 */
export function countingFetch(sandbox: Sandbox): { fetch: typeof fetch; sent: SentRequest[] } {
  const inner = sandboxFetcher(sandbox);
  const sent: SentRequest[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const at = Date.now();
    const response = await inner(input, init);
    if (new URL(input instanceof Request ? input.url : input).pathname === '/graphql')
      sent.push({ at, answeredAt: Date.now(), status: response.status });
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}
