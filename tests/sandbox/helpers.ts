import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { sandboxFetch } from '../../sandbox/client';
import { type Sandbox, startSandbox } from '../../sandbox/server';

export const CHROME_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/callback';
export const AUTHORIZE = 'https://www.upwork.com/ab/account-security/oauth2/authorize';
export const TOKEN = 'https://www.upwork.com/api/v3/oauth2/token';
export const GRAPHQL = 'https://api.upwork.com/graphql';

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(params: Record<string, string>): string {
  return `${AUTHORIZE}?${new URLSearchParams({ response_type: 'code', redirect_uri: CHROME_REDIRECT, state: 'st-1', ...params })}`;
}

/** The authorize step of an auto-approving sandbox: the code from its redirect. */
export async function authorizeCode(sandbox: Sandbox, params: Record<string, string>): Promise<string> {
  const response = await sandboxFetch(sandbox, authorizeUrl(params), { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`authorize answered ${response.status}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

export async function postToken(
  sandbox: Sandbox,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await sandboxFetch(sandbox, TOKEN, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** Full code flow with PKCE; `secret` for confidential clients. */
export async function signIn(sandbox: Sandbox, clientId = 'loupe-demo', secret?: string): Promise<Tokens> {
  const { verifier, challenge } = pkcePair();
  const code = await authorizeCode(sandbox, { client_id: clientId, code_challenge: challenge, code_challenge_method: 'S256' });
  const { status, body } = await postToken(sandbox, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CHROME_REDIRECT,
    client_id: clientId,
    code_verifier: verifier,
    ...(secret ? { client_secret: secret } : {}),
  });
  if (status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(body)}`);
  return body as unknown as Tokens;
}

export interface GraphqlAnswer {
  status: number;
  text: string;
  headers: Headers;
  json(): { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { classification?: string } }[] };
}

export async function graphql(
  sandbox: Sandbox,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  extra: { operationName?: string; headers?: Record<string, string> } = {},
): Promise<GraphqlAnswer> {
  const response = await sandboxFetch(sandbox, GRAPHQL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra.headers },
    body: JSON.stringify({ query, variables, operationName: extra.operationName }),
  });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, json: () => JSON.parse(text) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One fast, auto-approving sandbox for a whole test file, signed in once. Read `.sandbox` and
 * `.token` inside tests (they are set by the time tests run).
 */
export function signedInSandbox(): { sandbox: Sandbox; token: string } {
  const env = {} as { sandbox: Sandbox; token: string };
  beforeAll(async () => {
    env.sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1000, searchDivergence: false });
    env.token = (await signIn(env.sandbox)).access_token;
  });
  afterAll(async () => {
    await env.sandbox?.close();
  });
  return env;
}
