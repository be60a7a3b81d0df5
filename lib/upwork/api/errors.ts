/** What went wrong talking to Upwork's API, in a form the queue can act on and the user can read. */
export type ApiErrorKind =
  | 'rate-limited' // HTTP 429
  | 'unauthorized' // HTTP 401: token expired, revoked or missing
  | 'renewed' // a 401 led to a renewed token: send again, through the throttle
  | 'missing-scope' // errors[] with Upwork's "not enough oauth2 permissions/scopes" message
  | 'upwork-error' // any other errors[] answer or 4xx
  | 'server' // 5xx: worth a bounded retry
  | 'network' // fetch failed: offline, DNS, TLS
  | 'invalid-data' // the answer did not match what Loupe expects (malformed JSON, schema drift)
  | 'cancelled' // every caller went away
  | 'budget-exhausted'; // Loupe's own daily budget for this API key is used up (the queue refuses before Upwork would)

export interface ApiErrorDetails {
  status?: number;
  /** From Retry-After, when Upwork sent one. */
  retryAfterMs?: number;
  /** Type.field names from a missing-scope message. */
  fields?: string[];
}

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth trying again later without changing anything. */
  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network';
  }
}
