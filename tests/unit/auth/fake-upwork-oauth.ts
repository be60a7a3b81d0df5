/**
 * A small, real OAuth 2.0 server that runs in-process: it issues codes, checks client secrets,
 * redirect URIs and PKCE, rotates refresh tokens and records every token request. Tests hand its
 * `fetch` and `launchWebAuthFlow` to the auth module instead of the browser's.
 */
import { AUTHORIZE_URL, TOKEN_URL } from '../../../lib/upwork/endpoints';

export interface FakeClient {
  secret?: string;
  /** The callback URL registered on the key; any https://<id>.chromiumapp.org/ when absent. */
  redirectUri?: string;
}

export type ConsentDecision = 'approve' | 'deny' | 'close';

export interface TokenRequest {
  grantType: string;
  params: Record<string, string>;
}

async function sha256base64url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Buffer.from(digest).toString('base64url');
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function createFakeUpworkOAuth(options: { clients?: Record<string, FakeClient>; now?: () => number; latencyMs?: number } = {}) {
  const clients: Record<string, FakeClient> = options.clients ?? { 'loupe-demo': {} };
  const now = options.now ?? Date.now;
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; used: boolean }>();
  const refreshTokens = new Map<string, { clientId: string; revoked: boolean }>();
  const accessTokens = new Map<string, { expiresAt: number }>();
  const tokenRequests: TokenRequest[] = [];
  let serial = 0;
  let decision: ConsentDecision = 'approve';
  let networkDown = false;
  /** When set, the authorize redirect carries this state instead of the one asked for. */
  let forgedState: string | undefined;

  function redirectAllowed(client: FakeClient, redirectUri: string): boolean {
    return client.redirectUri ? client.redirectUri === redirectUri : /^https:\/\/[a-z]{32}\.chromiumapp\.org\/$/.test(redirectUri);
  }

  /** What Upwork's authorize page does: an error page it cannot redirect from, or a redirect. */
  function authorize(url: URL): { page: Response } | { redirect: string } {
    const params = url.searchParams;
    const client = clients[params.get('client_id') ?? ''];
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!client) return { page: new Response('<h1>Error</h1><p>invalid_client: unknown client_id</p>', { status: 400 }) };
    if (!redirectAllowed(client, redirectUri)) {
      return {
        page: new Response('<h1>Error</h1><p>The redirect_uri does not match the one registered for this key.</p>', { status: 400 }),
      };
    }
    const back = new URL(redirectUri);
    const state = forgedState ?? params.get('state') ?? '';
    if (decision === 'deny') {
      back.search = new URLSearchParams({ error: 'access_denied', error_description: 'The user denied access', state }).toString();
    } else {
      const code = `code-${++serial}`;
      codes.set(code, { clientId: params.get('client_id') ?? '', redirectUri, challenge: params.get('code_challenge') ?? '', used: false });
      back.search = new URLSearchParams({ code, state }).toString();
    }
    return { redirect: back.toString() };
  }

  function issueTokens(clientId: string) {
    const accessToken = `access-${++serial}`;
    const refreshToken = `refresh-${serial}`;
    accessTokens.set(accessToken, { expiresAt: now() + 86_400_000 });
    refreshTokens.set(refreshToken, { clientId, revoked: false });
    return json(200, { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: 86400 });
  }

  async function token(body: string): Promise<Response> {
    const params = Object.fromEntries(new URLSearchParams(body));
    tokenRequests.push({ grantType: params.grant_type ?? '', params });
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const client = clients[params.client_id ?? ''];
    if (!client || (client.secret !== undefined && client.secret !== params.client_secret)) {
      return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (params.grant_type === 'authorization_code') {
      const code = codes.get(params.code ?? '');
      if (!code || code.used || code.clientId !== params.client_id)
        return json(400, { error: 'invalid_grant', error_description: 'Invalid code' });
      if (code.redirectUri !== params.redirect_uri) {
        return json(400, { error: 'invalid_grant', error_description: 'redirect_uri does not match' });
      }
      if ((await sha256base64url(params.code_verifier ?? '')) !== code.challenge) {
        return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      }
      code.used = true;
      return issueTokens(code.clientId);
    }
    if (params.grant_type === 'refresh_token') {
      const stored = refreshTokens.get(params.refresh_token ?? '');
      if (!stored || stored.revoked || stored.clientId !== params.client_id) {
        return json(400, { error: 'invalid_grant', error_description: 'Refresh token expired or revoked' });
      }
      // Rotation: the old refresh token stops working once used.
      stored.revoked = true;
      return issueTokens(stored.clientId);
    }
    return json(400, { error: 'unsupported_grant_type' });
  }

  async function fetchImpl(input: string, init: RequestInit = {}): Promise<Response> {
    if (networkDown) throw new TypeError('Failed to fetch');
    const url = new URL(input);
    if (`${url.origin}${url.pathname}` === TOKEN_URL && init.method === 'POST') return token(String(init.body ?? ''));
    if (`${url.origin}${url.pathname}` === AUTHORIZE_URL) {
      const answer = authorize(url);
      return 'page' in answer ? answer.page : new Response(null, { status: 302, headers: { Location: answer.redirect } });
    }
    return new Response('not found', { status: 404 });
  }

  /** Plays the browser's auth window: follows the authorize URL to the redirect, or gets closed. */
  async function launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string> {
    if (networkDown) throw new Error('Authorization page could not be loaded.');
    const answer = authorize(new URL(details.url));
    // An error page or a user who gives up: Chrome reports both the same way.
    if ('page' in answer || decision === 'close') throw new Error('The user did not approve access.');
    return answer.redirect;
  }

  return {
    fetch: fetchImpl,
    launchWebAuthFlow,
    tokenRequests,
    setDecision: (next: ConsentDecision) => {
      decision = next;
    },
    forgeState: (state: string | undefined) => {
      forgedState = state;
    },
    setNetworkDown: (down: boolean) => {
      networkDown = down;
    },
    revokeRefreshTokens: () => {
      for (const stored of refreshTokens.values()) stored.revoked = true;
    },
    /** Upwork may reject a token before its stated expiry (revoked, key changed): the next API call gets a 401. */
    expireAccessTokens: () => {
      for (const stored of accessTokens.values()) stored.expiresAt = 0;
    },
    isAccessTokenValid: (accessToken: string) => (accessTokens.get(accessToken)?.expiresAt ?? 0) > now(),
    liveRefreshTokens: () => [...refreshTokens].filter(([, stored]) => !stored.revoked).map(([value]) => value),
  };
}
