import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../lib/background/auth/errors';
import {
  buildAuthorizeUrl,
  diagnoseAuthorizeFailure,
  exchangeCode,
  type FetchLike,
  parseAuthorizationResponse,
  refreshTokens,
} from '../../../lib/background/auth/oauth';
import { AUTHORIZE_URL, TOKEN_URL } from '../../../lib/upwork/endpoints';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/** A token endpoint that answers one fixed way and keeps what it was sent. */
function answering(status: number, body: unknown, sent: { url?: string; init?: RequestInit }[] = []): FetchLike {
  return async (url, init) => {
    sent.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
}

async function authErrorOf(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

describe('authorize URL', () => {
  it('asks for a code with PKCE and state, and no scope', () => {
    const url = new URL(buildAuthorizeUrl({ clientId: 'loupe-demo', redirectUri: REDIRECT, state: 'st', codeChallenge: 'ch' }));
    expect(`${url.origin}${url.pathname}`).toBe(AUTHORIZE_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'loupe-demo',
      redirect_uri: REDIRECT,
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
});

describe('authorization response', () => {
  it('returns the code when the state matches', () => {
    expect(parseAuthorizationResponse(`${REDIRECT}?code=abc&state=st-1`, 'st-1', REDIRECT)).toBe('abc');
  });

  it('rejects a code that comes with another state, or none', async () => {
    expect(() => parseAuthorizationResponse(`${REDIRECT}?code=abc&state=other`, 'st-1', REDIRECT)).toThrow(
      /did not belong to this sign-in/,
    );
    expect(() => parseAuthorizationResponse(`${REDIRECT}?code=abc`, 'st-1', REDIRECT)).toThrow(/did not belong to this sign-in/);
  });

  it.each([
    ['access_denied', /declined Loupe’s access/],
    ['invalid_client', /check the client id and secret/],
    ['unauthorized_client', /may not sign in this way/],
    ['server_error', /having trouble/],
    ['invalid_request', /Upwork refused the sign-in/],
  ])('explains %s from the redirect in plain words', (error, message) => {
    const url = `${REDIRECT}?error=${error}&state=st-1`;
    expect(() => parseAuthorizationResponse(url, 'st-1', REDIRECT)).toThrow(message);
  });

  // An error answer is only believed when it carries this attempt's state.
  it.each([
    ['another state', '&state=someone-else'],
    ['no state', ''],
  ])('ignores an error answer with %s, and none of its description reaches the message', (_name, stateParam) => {
    const url = `${REDIRECT}?error=invalid_request&error_description=${encodeURIComponent('Visit evil.example to fix')}${stateParam}`;
    let thrown: unknown;
    try {
      parseAuthorizationResponse(url, 'st-1', REDIRECT);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthError);
    expect((thrown as AuthError).kind).toBe('state-mismatch');
    expect((thrown as AuthError).message).not.toMatch(/evil/);
  });

  it('treats a missing answer as a closed window', () => {
    expect(() => parseAuthorizationResponse(undefined, 'st-1', REDIRECT)).toThrow(/window was closed/);
  });
});

describe('token endpoint', () => {
  const config = { clientId: 'loupe-demo', clientSecret: null };
  const tokens = { access_token: 'a1', refresh_token: 'r1', token_type: 'bearer', expires_in: 86400 };

  it('posts the code exchange form-encoded, with the verifier and no secret for a public client', async () => {
    const sent: { url?: string; init?: RequestInit }[] = [];
    const result = await exchangeCode(answering(200, tokens, sent), config, { code: 'c', redirectUri: REDIRECT, codeVerifier: 'v' });
    expect(result).toEqual({ accessToken: 'a1', refreshToken: 'r1', expiresInMs: 86_400_000 });
    expect(sent[0]?.url).toBe(TOKEN_URL);
    expect(sent[0]?.init?.method).toBe('POST');
    expect(new Headers(sent[0]?.init?.headers).get('Content-Type')).toBe('application/x-www-form-urlencoded');
    const body = Object.fromEntries(new URLSearchParams(String(sent[0]?.init?.body)));
    expect(body).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: REDIRECT,
      code_verifier: 'v',
      client_id: 'loupe-demo',
    });
  });

  it('sends the secret only when one is configured', async () => {
    const sent: { url?: string; init?: RequestInit }[] = [];
    await refreshTokens(answering(200, tokens, sent), { clientId: 'loupe-secret', clientSecret: 's3' }, 'r0', REDIRECT);
    const body = Object.fromEntries(new URLSearchParams(String(sent[0]?.init?.body)));
    expect(body).toEqual({ grant_type: 'refresh_token', refresh_token: 'r0', client_id: 'loupe-secret', client_secret: 's3' });
  });

  it('rejects token answers that are not bearer tokens or miss fields', async () => {
    for (const bad of [{ ...tokens, token_type: 'mac' }, { ...tokens, access_token: '' }, { token_type: 'bearer' }, 'not json']) {
      const error = await authErrorOf(refreshTokens(answering(200, bad), config, 'r0', REDIRECT));
      expect(error.message).toMatch(/not in the format Loupe expects/);
    }
  });

  it.each([
    [400, { error: 'invalid_grant' }, 'refresh', 'session-expired', /about two weeks without use.*Sign in again/],
    [400, { error: 'invalid_grant' }, 'code', 'code-rejected', /Sign in again/],
    [401, { error: 'invalid_client' }, 'refresh', 'invalid-client', /check the client id and secret/],
    [401, 'Unauthorized', 'code', 'invalid-client', /check the client id and secret/],
    [400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' }, 'code', 'redirect-mismatch', REDIRECT],
    [400, { error: 'unauthorized_client' }, 'code', 'unauthorized-client', /API Center/],
    [503, '<html>down</html>', 'refresh', 'upwork-error', /HTTP 503.*Try again/],
    [400, { error: 'invalid_request', error_description: 'missing\nthing' }, 'code', 'upwork-error', /“missing thing”/],
  ] as const)('maps HTTP %i %j on %s to %s', async (status, body, grant, kind, message) => {
    const fetch = answering(status, body);
    const attempt =
      grant === 'refresh'
        ? refreshTokens(fetch, config, 'r0', REDIRECT)
        : exchangeCode(fetch, config, { code: 'c', redirectUri: REDIRECT, codeVerifier: 'v' });
    const error = await authErrorOf(attempt);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('says the network is down when fetch itself fails', async () => {
    const offline: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await authErrorOf(refreshTokens(offline, config, 'r0', REDIRECT));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/internet connection/);
  });
});

describe('why the sign-in window failed', () => {
  const url = buildAuthorizeUrl({ clientId: 'loupe-demo', redirectUri: REDIRECT, state: 's', codeChallenge: 'c' });
  /** What Loupe makes of a window the user closed, when the authorize page answers with `status` and `body`. */
  const diagnose = (status: number, body: string) =>
    diagnoseAuthorizeFailure(answering(status, body), url, REDIRECT, 'The user did not approve access.');

  it('names the exact redirect URI to register when Upwork refuses it', async () => {
    const error = await diagnose(400, 'The redirect_uri is not registered');
    expect(error.kind).toBe('redirect-mismatch');
    expect(error.message).toMatch(/callback URL to exactly this address/);
    expect(error.message.endsWith(`: ${REDIRECT}`)).toBe(true);
  });

  it('spots an unknown client id', async () => {
    const error = await diagnose(400, 'invalid_client');
    expect(error.kind).toBe('invalid-client');
  });

  it('reports a closed window when the page itself was fine', async () => {
    const error = await diagnose(200, '<form>Approve?</form>');
    expect(error.kind).toBe('window-closed');
    expect(error.message).toMatch(/closed before sign-in finished.*try again/);
  });

  it('reports the network when Upwork cannot be reached', async () => {
    const offline: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await diagnoseAuthorizeFailure(offline, url, REDIRECT, 'Authorization page could not be loaded.')).kind).toBe('network');
  });
});
