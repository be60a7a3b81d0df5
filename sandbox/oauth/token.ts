import { createHash, timingSafeEqual } from 'node:crypto';
import type { OAuthClientRecord } from '../data/schema';
import { clientIp, hostOf, type Req, type Res, readBody, send, sleep } from '../http';
import { logRequest, type SandboxState } from '../state';
import { findClient } from './clients';

type TokenOutcome = { status: number; body: object; clientId: string | null; userId: string | null };

const fail = (status: number, error: string, description: string, clientId: string | null = null): TokenOutcome => ({
  status,
  body: { error, error_description: description },
  clientId,
  userId: null,
});

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readForm(req: Req): Promise<URLSearchParams> {
  const text = await readBody(req);
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return new URLSearchParams(Object.entries(JSON.parse(text) as Record<string, string>).map(([k, v]) => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

/** client_id/client_secret from HTTP Basic or from the form, as the OAuth spec allows. */
function clientCredentials(req: Req, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: id ? decodeURIComponent(id) : null, secret: secret ? decodeURIComponent(secret) : null };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

function authenticate(client: OAuthClientRecord | undefined, secret: string | null): string | null {
  if (!client) return 'Unknown client_id';
  if (client.secret === null) return null;
  if (!secret) return 'This client must send its client_secret';
  return sameSecret(secret, client.secret) ? null : 'The client_secret is wrong';
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function exchange(state: SandboxState, req: Req, form: URLSearchParams): TokenOutcome {
  const grantType = form.get('grant_type');
  if (!grantType) return fail(400, 'invalid_request', 'grant_type is required');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return fail(400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported`);
  }
  const creds = clientCredentials(req, form);
  if (!creds.id) return fail(400, 'invalid_request', 'client_id is required');
  const client = findClient(state.dataset, creds.id);
  const authError = authenticate(client, creds.secret);
  if (authError || !client) return fail(401, 'invalid_client', authError ?? 'Unknown client_id', creds.id);
  if (form.has('scope')) return fail(400, 'invalid_scope', 'Scopes are set on the API key, not in the request', client.clientId);

  if (grantType === 'authorization_code') {
    const code = form.get('code');
    const redirectUri = form.get('redirect_uri');
    if (!code) return fail(400, 'invalid_request', 'code is required', client.clientId);
    if (!redirectUri) return fail(400, 'invalid_request', 'redirect_uri is required', client.clientId);
    const found = state.oauth.takeCode(code);
    if (found === 'unknown') return fail(400, 'invalid_grant', 'The authorization code is invalid or was already used', client.clientId);
    if (found === 'expired') return fail(400, 'invalid_grant', 'The authorization code has expired', client.clientId);
    if (found.clientId !== client.clientId)
      return fail(400, 'invalid_grant', 'The authorization code was issued to another client', client.clientId);
    if (found.redirectUri !== redirectUri)
      return fail(400, 'invalid_grant', 'redirect_uri does not match the one used to authorize', client.clientId);
    if (found.codeChallenge !== null) {
      const verifier = form.get('code_verifier');
      if (!verifier) return fail(400, 'invalid_grant', 'code_verifier is required for this code (PKCE)', client.clientId);
      if (s256(verifier) !== found.codeChallenge)
        return fail(400, 'invalid_grant', 'code_verifier does not match the code_challenge', client.clientId);
    }
    const grant = { clientId: found.clientId, userId: found.userId, scopes: found.scopes };
    return { status: 200, body: state.oauth.issueTokens(grant), clientId: client.clientId, userId: found.userId };
  }

  const refresh = form.get('refresh_token');
  if (!refresh) return fail(400, 'invalid_request', 'refresh_token is required', client.clientId);
  const peeked = state.oauth.peekRefreshToken(refresh);
  if (peeked && peeked.clientId !== client.clientId)
    return fail(400, 'invalid_grant', 'The refresh token was issued to another client', client.clientId);
  const found = state.oauth.takeRefreshToken(refresh);
  if (found === 'unknown') return fail(400, 'invalid_grant', 'The refresh token is invalid, revoked or already used', client.clientId);
  if (found === 'expired') return fail(400, 'invalid_grant', 'The refresh token has expired', client.clientId);
  // Scopes follow the key: a change on the key applies to the next tokens.
  const grant = { clientId: found.clientId, userId: found.userId, scopes: [...client.scopes] };
  return { status: 200, body: state.oauth.issueTokens(grant), clientId: client.clientId, userId: found.userId };
}

/** POST https://www.upwork.com/api/v3/oauth2/token (also on api.upwork.com). */
export async function handleToken(state: SandboxState, req: Req, res: Res): Promise<void> {
  const started = Date.now();
  let outcome: TokenOutcome;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'POST',
    });
    res.end();
    return;
  }
  if (req.method !== 'POST') outcome = fail(405, 'invalid_request', 'Use POST for the token endpoint');
  else outcome = exchange(state, req, await readForm(req));
  if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
  send(res, outcome.status, JSON.stringify(outcome.body), 'application/json; charset=utf-8', {
    'access-control-allow-origin': '*',
    pragma: 'no-cache',
  });
  logRequest(state, {
    at: started,
    ip: clientIp(req),
    host: hostOf(req),
    path: '/api/v3/oauth2/token',
    clientId: outcome.clientId,
    userId: outcome.userId,
    tenantId: null,
    operationName: null,
    aliasCount: 0,
    status: outcome.status,
    durationMs: Date.now() - started,
  });
  if (!state.settings.quiet)
    console.log(
      `[sandbox] ${outcome.status} token ${'error' in outcome.body ? String(outcome.body.error) : 'issued'} ${outcome.clientId ?? ''}`,
    );
}
