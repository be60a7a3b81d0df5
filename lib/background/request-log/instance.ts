import type { FetchLike, SentRequest } from '../../upwork/api/client';
import { TOKEN_URL } from '../../upwork/endpoints';
import { createRequestLog, type RequestLog } from './log';
import { indexedDbRequestLogStore } from './store';

let instance: RequestLog | undefined;

/** The worker's request log, on the extension's IndexedDB (built on first use). */
export function getWorkerRequestLog(): RequestLog {
  instance ??= createRequestLog({ store: indexedDbRequestLogStore() });
  return instance;
}

/** For the GraphQL client's onSent. */
export const recordRequest = (sent: SentRequest) => getWorkerRequestLog().record(sent);

function grantOf(init: RequestInit | undefined): string | null {
  return typeof init?.body === 'string' ? new URLSearchParams(init.body).get('grant_type') : null;
}

/**
 * Sign-in's fetch, with its token requests written to the request log too: they go to Upwork like
 * any other request (outside the daily budget). Other requests pass through unrecorded.
 */
export function loggedTokenFetch(fetch: FetchLike, record: (sent: SentRequest) => void = recordRequest, now = Date.now): FetchLike {
  return async (input, init) => {
    if (String(input) !== TOKEN_URL) return fetch(input, init);
    const at = now();
    const sent: SentRequest = {
      at,
      operation: grantOf(init) === 'refresh_token' ? 'Token renewal' : 'Sign-in token',
      lookups: 0,
      status: 0,
      outcome: 'network',
      bytes: 0,
      durationMs: 0,
      requestedBy: ['account'],
      counted: false,
    };
    try {
      const response = await fetch(input, init);
      sent.status = response.status;
      sent.outcome = response.ok ? 'ok' : 'refused';
      sent.bytes = await response
        .clone()
        .arrayBuffer()
        .then((body) => body.byteLength)
        .catch(() => 0);
      return response;
    } finally {
      sent.durationMs = Math.max(0, now() - at);
      record(sent);
    }
  };
}
