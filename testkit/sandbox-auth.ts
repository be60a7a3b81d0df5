import { messageOf } from '../lib/helpers/format';
import type { FetchLike } from '../lib/upwork/api/client';
import { ApiError } from '../lib/upwork/api/errors';
import type { TokenSource } from '../lib/upwork/api/token-source';
import { AUTHORIZE_URL, TOKEN_URL } from '../lib/upwork/endpoints';
import { sandboxFetch } from '../sandbox/client';
import type { Sandbox } from '../sandbox/server';

/** A redirect URI the sandbox accepts for its built-in keys (a Chrome extension callback). */
export const REDIRECT_URI = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

export interface OAuthKey {
  clientId: string;
  secret?: string;
}
export const DEMO_KEY: OAuthKey = { clientId: 'loupe-demo' };
export const SECRET_KEY_WITHOUT_PROFILES: OAuthKey = { clientId: 'loupe-secret', secret: 's3cret-demo' };

export function fetchFor(sandbox: Sandbox): FetchLike {
  return (input, init) => sandboxFetch(sandbox, input, init);
}

async function tokenRequest(sandbox: Sandbox, key: OAuthKey, fields: Record<string, string>) {
  const body = new URLSearchParams({ ...fields, client_id: key.clientId, ...(key.secret ? { client_secret: key.secret } : {}) });
  const response = await sandboxFetch(sandbox, TOKEN_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  const json = (await response.json()) as { access_token?: string; refresh_token?: string; error?: string };
  if (!response.ok || !json.access_token || !json.refresh_token)
    throw new Error(`token endpoint said ${response.status} ${json.error ?? ''}`);
  return { accessToken: json.access_token, refreshToken: json.refresh_token };
}

/** The OAuth code flow, done in Node: authorize (auto-approved: a 302 carrying the code), then exchange it. */
export async function signIn(sandbox: Sandbox, key: OAuthKey) {
  const authorize = new URL(AUTHORIZE_URL);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: key.clientId,
    redirect_uri: REDIRECT_URI,
    state: 'xyz',
  }).toString();
  const response = await sandboxFetch(sandbox, authorize);
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`authorize redirected without a code: ${location}`);
  return tokenRequest(sandbox, key, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
}

/** A real TokenSource over the sandbox's token endpoint: one shared refresh, rotating refresh tokens. */
export async function sandboxTokens(sandbox: Sandbox, key: OAuthKey = DEMO_KEY) {
  let tokens = await signIn(sandbox, key);
  let tenantId: string | null = null;
  let refreshing: Promise<string> | undefined;
  const refreshed: string[] = [];
  const source: TokenSource = {
    getAccessToken: async () => tokens.accessToken,
    refreshAfterUnauthorized: (failed) => {
      if (failed !== tokens.accessToken) return Promise.resolve(tokens.accessToken);
      refreshing ??= tokenRequest(sandbox, key, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken })
        .then((next) => {
          tokens = next;
          refreshed.push(failed);
          return next.accessToken;
        })
        .catch((error) => {
          throw new ApiError('unauthorized', `Sign-in could not be renewed: ${messageOf(error)}`);
        })
        .finally(() => {
          refreshing = undefined;
        });
      return refreshing;
    },
    getTenantId: async () => tenantId,
    getAccountKey: async () => `${key.clientId}:${sandbox.dataset.user.id}`,
  };
  return {
    source,
    refreshed,
    setTenant(id: string | null) {
      tenantId = id;
    },
  };
}

export async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an ApiError');
}
