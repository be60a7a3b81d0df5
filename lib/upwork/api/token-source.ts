import { ApiError } from './errors';

/**
 * Where the GraphQL client gets its credentials, asked at call time so a refreshed token or a
 * newly chosen organization takes effect on the very next request. Sign-in implements it.
 */
export interface TokenSource {
  /** A valid access token, refreshed ahead of expiry; throws ApiError('unauthorized', ...) when signed out. */
  getAccessToken(): Promise<string>;
  /** Called after a 401 with the token that failed: ONE shared refresh for all callers; returns the new token or throws ApiError('unauthorized'). */
  refreshAfterUnauthorized(failedToken: string): Promise<string>;
  /** Organization to act as, or null for the default. */
  getTenantId(): Promise<string | null>;
  /** Stable id of the signed-in account + API key (for cache keys, throttling and the daily count), or null when signed out. */
  getAccountKey(): Promise<string | null>;
}

/**
 * A TokenSource for one given access token, for the single `Me` call sign-in makes before the
 * token is stored. No refresh: a 401 stays a 401.
 */
export function fixedTokenSource(accessToken: string, tenantId: string | null = null): TokenSource {
  return {
    getAccessToken: async () => accessToken,
    refreshAfterUnauthorized: async () => {
      throw new ApiError('unauthorized', 'Upwork did not accept the new sign-in. Please try signing in again.');
    },
    getTenantId: async () => tenantId,
    getAccountKey: async () => null,
  };
}
