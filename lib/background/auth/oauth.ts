import { z } from 'zod';
import { messageOf } from '../../helpers/format';
import { AUTHORIZE_URL, TOKEN_URL } from '../../upwork/endpoints';
import { type AuthError, authErrors } from './errors';
import { createPkcePair, createState, statesMatch } from './pkce';

/** The part of `fetch` Loupe uses; injected so tests can run a real in-process token endpoint. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The user's own API key. Upwork keys usually come with a secret; a public (PKCE-only) client has none. */
export interface ClientConfig {
  clientId: string;
  clientSecret: string | null;
}

/**
 * Upwork answers `{access_token, refresh_token, token_type: "bearer", expires_in: 86400}`.
 * Extra fields are allowed (servers add `scope` and the like); the ones Loupe relies on are checked.
 */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(8_192),
  refresh_token: z.string().min(1).max(8_192).optional(),
  token_type: z.string().refine((type) => type.toLowerCase() === 'bearer', 'a bearer token'),
  expires_in: z.coerce
    .number()
    .positive()
    .max(366 * 24 * 3600),
});

export interface TokenSet {
  accessToken: string;
  /** Upwork rotates refresh tokens: when present it replaces the one Loupe holds. */
  refreshToken: string | null;
  expiresInMs: number;
}

const oauthErrorSchema = z.object({ error: z.string().max(200), error_description: z.string().max(2_000).optional() });

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}

/** No `scope` parameter: Upwork takes scopes from the key and answers `invalid_scope` when one is sent. */
export function buildAuthorizeUrl({ clientId, redirectUri, state, codeChallenge }: AuthorizeRequest): string {
  const url = new URL(AUTHORIZE_URL);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

function mentionsRedirect(text: string | undefined): boolean {
  return /redirect[\s_-]?ur[il]|callback/i.test(text ?? '');
}

/** Maps an OAuth error code (from the redirect or the token endpoint) to a plain-words AuthError. */
export function mapOAuthError(
  error: string,
  description: string | undefined,
  context: { redirectUri: string; grant: 'authorize' | 'authorization_code' | 'refresh_token'; status?: number },
): AuthError {
  if (mentionsRedirect(description) && error !== 'access_denied') return authErrors.redirectMismatch(context.redirectUri);
  switch (error) {
    case 'access_denied':
      return authErrors.accessDenied();
    case 'invalid_client':
      return authErrors.invalidClient();
    case 'unauthorized_client':
      return authErrors.unauthorizedClient(description);
    case 'invalid_grant':
      return context.grant === 'refresh_token' ? authErrors.sessionExpired() : authErrors.codeRejected();
    case 'server_error':
    case 'temporarily_unavailable':
      return authErrors.server(context.status ?? 503);
    default:
      return authErrors.refused(description ?? error, context.status);
  }
}

/**
 * Reads the URL launchWebAuthFlow ended on. The state is checked FIRST, for codes and errors alike:
 * an error answer that does not carry this attempt's state was not sent for it (it may be forged),
 * so its code and its `error_description` are ignored and never reach the stored last error.
 */
export function parseAuthorizationResponse(responseUrl: string | undefined, expectedState: string, redirectUri: string): string {
  if (!responseUrl) throw authErrors.windowClosed();
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    throw authErrors.malformed();
  }
  const params = url.searchParams.has('code') || url.searchParams.has('error') ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  if (!statesMatch(expectedState, params.get('state'))) throw authErrors.stateMismatch();
  const error = params.get('error');
  if (error) throw mapOAuthError(error, params.get('error_description') ?? undefined, { redirectUri, grant: 'authorize' });
  const code = params.get('code');
  if (!code) throw authErrors.malformed();
  return code;
}

async function postToken(fetch: FetchLike, body: URLSearchParams, grant: 'authorization_code' | 'refresh_token', redirectUri: string) {
  let response: Response;
  try {
    response = await fetch(TOKEN_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      // The token endpoint needs no cookies; sending none keeps the user's upwork.com session out of it.
      credentials: 'omit',
    });
  } catch {
    throw authErrors.network();
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const oauthError = oauthErrorSchema.safeParse(json);
    if (oauthError.success) {
      throw mapOAuthError(oauthError.data.error, oauthError.data.error_description, { redirectUri, grant, status: response.status });
    }
    if (response.status >= 500) throw authErrors.server(response.status);
    if (response.status === 401) throw authErrors.invalidClient();
    throw authErrors.refused(undefined, response.status);
  }
  const tokens = tokenResponseSchema.safeParse(json);
  if (!tokens.success) throw authErrors.malformed();
  return {
    accessToken: tokens.data.access_token,
    refreshToken: tokens.data.refresh_token ?? null,
    expiresInMs: tokens.data.expires_in * 1000,
  } satisfies TokenSet;
}

function clientParams(config: ClientConfig): Record<string, string> {
  // The secret goes only where the user configured one: a public PKCE client has none to send.
  return config.clientSecret ? { client_id: config.clientId, client_secret: config.clientSecret } : { client_id: config.clientId };
}

export function exchangeCode(
  fetch: FetchLike,
  config: ClientConfig,
  request: { code: string; redirectUri: string; codeVerifier: string },
): Promise<TokenSet> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    code_verifier: request.codeVerifier,
    ...clientParams(config),
  });
  return postToken(fetch, body, 'authorization_code', request.redirectUri);
}

export function refreshTokens(fetch: FetchLike, config: ClientConfig, refreshToken: string, redirectUri: string): Promise<TokenSet> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, ...clientParams(config) });
  return postToken(fetch, body, 'refresh_token', redirectUri);
}

/**
 * Asks the authorize URL directly, without cookies, and returns the problem its answer shows, or
 * null when it answers normally (a consent or login page, or a redirect).
 */
export async function probeAuthorize(fetch: FetchLike, authorizeUrl: string, redirectUri: string): Promise<AuthError | null> {
  let response: Response;
  try {
    response = await fetch(authorizeUrl, { method: 'GET', redirect: 'manual', credentials: 'omit' });
  } catch {
    return authErrors.network();
  }
  if (response.status < 400) return null;
  const text = await response.text().catch(() => '');
  if (mentionsRedirect(text)) return authErrors.redirectMismatch(redirectUri);
  if (/invalid_client|client[\s_-]?id|unknown client/i.test(text)) return authErrors.invalidClient();
  if (response.status >= 500) return authErrors.server(response.status);
  return authErrors.refused(undefined, response.status);
}

/**
 * launchWebAuthFlow says little when it fails ("The user did not approve access." covers a closed
 * window AND an error page the user gave up on), so the authorize URL is asked again directly to
 * tell an unreachable Upwork, a refused redirect URI or an unknown client apart from a closed window.
 */
export async function diagnoseAuthorizeFailure(fetch: FetchLike, authorizeUrl: string, redirectUri: string, flowMessage: string) {
  const problem = await probeAuthorize(fetch, authorizeUrl, redirectUri);
  if (problem) return problem;
  // Chrome: "Authorization page could not be loaded."
  if (/could not be loaded/i.test(flowMessage)) return authErrors.network();
  return authErrors.windowClosed();
}

/**
 * The authorization-code flow with PKCE in the browser's sign-in window: Upwork's tokens, or an
 * AuthError that says what went wrong (a window that failed to load is diagnosed by probing).
 */
export async function authorizeInWindow(
  fetch: FetchLike,
  client: ClientConfig,
  redirectUri: string,
  launchWebAuthFlow: (details: { url: string; interactive: boolean }) => Promise<string | undefined>,
): Promise<TokenSet> {
  const pkce = await createPkcePair();
  const state = createState();
  const url = buildAuthorizeUrl({ clientId: client.clientId, redirectUri, state, codeChallenge: pkce.challenge });
  let responseUrl: string | undefined;
  try {
    responseUrl = await launchWebAuthFlow({ url, interactive: true });
  } catch (error) {
    throw await diagnoseAuthorizeFailure(fetch, url, redirectUri, messageOf(error));
  }
  const code = parseAuthorizationResponse(responseUrl, state, redirectUri);
  return exchangeCode(fetch, client, { code, redirectUri, codeVerifier: pkce.verifier });
}
