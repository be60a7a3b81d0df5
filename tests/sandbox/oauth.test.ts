import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/client';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { authorizeCode, authorizeUrl, CHROME_REDIRECT, graphql, pkcePair, postToken, signIn, sleep } from './helpers';

let sandbox: Sandbox;
let consent: Sandbox;
let quick: Sandbox;

beforeAll(async () => {
  [sandbox, consent, quick] = await Promise.all([
    startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1000 }),
    startSandbox({ port: 0, quiet: true, ratePerSecond: 1000 }),
    // Codes live 10 min × 0.0001 = 60 ms here.
    startSandbox({ port: 0, autoApprove: true, quiet: true, tokenTimeScale: 0.0001, ratePerSecond: 1000 }),
  ]);
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), consent?.close(), quick?.close()]);
});

async function codeWithPkce(target: Sandbox = sandbox, clientId = 'loupe-demo') {
  const pkce = pkcePair();
  const code = await authorizeCode(target, { client_id: clientId, code_challenge: pkce.challenge, code_challenge_method: 'S256' });
  return { code, ...pkce };
}

describe('authorization code flow', () => {
  it('issues tokens for a PKCE code and the tokens open the API', async () => {
    const { code, verifier } = await codeWithPkce();
    const { status, body } = await postToken(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CHROME_REDIRECT,
      client_id: 'loupe-demo',
      code_verifier: verifier,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 86_400 });
    const me = await graphql(sandbox, String(body.access_token), '{ user { id name } }');
    expect(me.json().data).toEqual({ user: { id: sandbox.dataset.user.id, name: 'Demo Freelancer' } });
  });

  it('keeps the state and redirects only to registered callbacks', async () => {
    const response = await sandboxFetch(sandbox, authorizeUrl({ client_id: 'loupe-demo', state: 'keep-me' }), { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(CHROME_REDIRECT);
    expect(location.searchParams.get('state')).toBe('keep-me');

    const firefox = 'https://0c5b4e1a-9f7e-4d59-a4ff-1234567890ab.extensions.allizom.org/';
    const ff = await sandboxFetch(sandbox, authorizeUrl({ client_id: 'loupe-demo', redirect_uri: firefox }), { redirect: 'manual' });
    expect(ff.headers.get('location')).toMatch(/^https:\/\/0c5b4e1a-.*\.extensions\.allizom\.org\/\?code=/);

    const evil = await sandboxFetch(sandbox, authorizeUrl({ client_id: 'loupe-demo', redirect_uri: 'https://evil.example/cb' }), {
      redirect: 'manual',
    });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    expect(await evil.text()).toContain('redirect_uri mismatch');

    const unknown = await sandboxFetch(sandbox, authorizeUrl({ client_id: 'nobody' }), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Unknown application');
  });

  it('answers scope= on the authorize URL with invalid_scope at the callback', async () => {
    const response = await sandboxFetch(sandbox, authorizeUrl({ client_id: 'loupe-demo', scope: 'everything' }), { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('shows a consent page whose buttons approve or deny', async () => {
    const page = await sandboxFetch(consent, authorizeUrl({ client_id: 'loupe-demo' }));
    const html = await page.text();
    expect(html).toContain('data-testid="oauth-approve"');
    expect(html).toContain('data-testid="oauth-deny"');
    expect(html).toContain('loupe-demo');
    const form = (decision: string) =>
      sandboxFetch(consent, 'https://www.upwork.com/ab/account-security/oauth2/authorize', {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ response_type: 'code', client_id: 'loupe-demo', redirect_uri: CHROME_REDIRECT, state: 's', decision }),
      });
    const denied = new URL((await form('deny')).headers.get('location') ?? '');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    const approved = new URL((await form('approve')).headers.get('location') ?? '');
    expect(approved.searchParams.get('code')).toMatch(/^code_/);
  });
});

describe('token errors', () => {
  it('rejects a wrong PKCE verifier', async () => {
    const { code } = await codeWithPkce();
    const { status, body } = await postToken(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CHROME_REDIRECT,
      client_id: 'loupe-demo',
      code_verifier: pkcePair().verifier,
    });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('accepts a code once only', async () => {
    const { code, verifier } = await codeWithPkce();
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CHROME_REDIRECT,
      client_id: 'loupe-demo',
      code_verifier: verifier,
    };
    expect((await postToken(sandbox, form)).status).toBe(200);
    const again = await postToken(sandbox, form);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('rejects a redirect_uri that differs from the authorize request', async () => {
    const { code, verifier } = await codeWithPkce();
    const { body } = await postToken(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/other',
      client_id: 'loupe-demo',
      code_verifier: verifier,
    });
    expect(body.error).toBe('invalid_grant');
  });

  it('rejects an expired code', async () => {
    const { code, verifier } = await codeWithPkce(quick);
    await sleep(120);
    const { status, body } = await postToken(quick, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CHROME_REDIRECT,
      client_id: 'loupe-demo',
      code_verifier: verifier,
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
  });

  it('requires the right secret from a confidential client', async () => {
    for (const secret of [undefined, 'wrong']) {
      const { code, verifier } = await codeWithPkce(sandbox, 'loupe-secret');
      const { status, body } = await postToken(sandbox, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CHROME_REDIRECT,
        client_id: 'loupe-secret',
        code_verifier: verifier,
        ...(secret ? { client_secret: secret } : {}),
      });
      expect(status).toBe(401);
      expect(body.error).toBe('invalid_client');
    }
    const tokens = await signIn(sandbox, 'loupe-secret', 's3cret-demo');
    expect(tokens.access_token).toBeTruthy();
  });

  it('names unknown clients, grant types and scope parameters', async () => {
    expect(
      (await postToken(sandbox, { grant_type: 'authorization_code', client_id: 'nobody', code: 'x', redirect_uri: CHROME_REDIRECT })).body
        .error,
    ).toBe('invalid_client');
    expect((await postToken(sandbox, { grant_type: 'password', client_id: 'loupe-demo' })).body.error).toBe('unsupported_grant_type');
    expect((await postToken(sandbox, { client_id: 'loupe-demo' })).body.error).toBe('invalid_request');
    expect(
      (await postToken(sandbox, { grant_type: 'refresh_token', client_id: 'loupe-demo', refresh_token: 'x', scope: 'a' })).body.error,
    ).toBe('invalid_scope');
  });
});

describe('refresh tokens', () => {
  it('rotate: the new one works, the old one is rejected', async () => {
    const first = await signIn(sandbox);
    const refreshed = await postToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: 'loupe-demo',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    const reuse = await postToken(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'loupe-demo' });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');
    const next = await postToken(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body.refresh_token),
      client_id: 'loupe-demo',
    });
    expect(next.status).toBe(200);
  });

  it('stop working after revokeRefreshTokens, and access tokens after expireAccessTokens', async () => {
    const tokens = await signIn(sandbox);
    sandbox.expireAccessTokens();
    const expired = await graphql(sandbox, tokens.access_token, '{ user { id } }');
    expect(expired.status).toBe(401);
    expect(expired.json()).toEqual({ message: expect.stringMatching(/expired/) });
    sandbox.revokeRefreshTokens();
    const revoked = await postToken(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'loupe-demo' });
    expect(revoked.body.error).toBe('invalid_grant');
  });

  it('scale their lifetimes with tokenTimeScale', async () => {
    const tokens = await signIn(quick);
    expect(tokens.expires_in).toBe(9);
  });
});

describe('request log', () => {
  it('records token requests with the client id', async () => {
    sandbox.clearLog();
    await signIn(sandbox);
    await postToken(sandbox, { grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'loupe-demo' });
    expect(sandbox.requestLog.map((e) => [e.path, e.clientId, e.status])).toEqual([
      ['/api/v3/oauth2/token', 'loupe-demo', 200],
      ['/api/v3/oauth2/token', 'loupe-demo', 400],
    ]);
  });
});
