/** Upwork's real addresses. The sandbox answers on the same names, so nothing here changes for tests. */
export const UPWORK_ORIGIN = 'https://www.upwork.com';
export const GRAPHQL_ENDPOINT = 'https://api.upwork.com/graphql';
export const AUTHORIZE_URL = `${UPWORK_ORIGIN}/ab/account-security/oauth2/authorize`;
export const TOKEN_URL = `${UPWORK_ORIGIN}/api/v3/oauth2/token`;
export const TENANT_HEADER = 'X-Upwork-API-TenantId';

/** Upwork's published limits (REFERENCE.md); Loupe's own throttle defaults stay safely under them. */
export const UPWORK_LIMITS = {
  requestsPerSecond: 10,
  requestsPerDay: 40_000,
  cacheMaxAgeMs: 24 * 60 * 60 * 1000,
} as const;
