import type { OAuthClientRecord } from '../data/schema';
import { type Req, type Res, readBody, redirect, sendHtml } from '../http';
import { html, type SafeHtml } from '../pages/html';
import type { SandboxState } from '../state';
import { findClient, redirectAllowed } from './clients';

const PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope'] as const;
type AuthorizeParams = Partial<Record<(typeof PARAMS)[number], string>>;

function pickParams(source: URLSearchParams): AuthorizeParams {
  const out: AuthorizeParams = {};
  for (const name of PARAMS) {
    const value = source.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/__sandbox/assets/site.css"></head>
<body><main class="oauth-page">${body}</main></body></html>`.value;
}

/** An error the user sees (no redirect): used when the redirect URI cannot be trusted. */
function errorPage(res: Res, heading: string, detail: string): void {
  const body = html`<h1>${heading}</h1><p>${detail}</p><p>Ask the application's developer to check its settings.</p>`;
  sendHtml(res, 400, page(heading, body));
}

function backTo(res: Res, redirectUri: string, params: Record<string, string | undefined>): void {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  redirect(res, url.href);
}

function consentPage(state: SandboxState, client: OAuthClientRecord, params: AuthorizeParams): string {
  const hidden = PARAMS.filter((name) => params[name] !== undefined).map(
    (name) => html`<input type="hidden" name="${name}" value="${params[name]}">`,
  );
  return page(
    'Authorize application',
    html`<h1>Authorize ${client.name}</h1>
<p>Signed in as <strong data-testid="oauth-user">${state.dataset.user.name}</strong> (${state.dataset.user.email}).</p>
<p>The application <strong data-testid="oauth-client-id">${client.clientId}</strong> asks to read, on your behalf:</p>
<ul>${client.scopes.map((s) => html`<li><code>${s}</code></li>`)}</ul>
<form method="post" action="/ab/account-security/oauth2/authorize">${hidden}
  <button type="submit" name="decision" value="approve" data-testid="oauth-approve">Approve</button>
  <button type="submit" name="decision" value="deny" data-testid="oauth-deny">Deny</button>
</form>`,
  );
}

/**
 * GET/POST https://www.upwork.com/ab/account-security/oauth2/authorize.
 * Problems with the client or redirect URI show an error page; everything else goes back to the
 * registered redirect URI with ?error=… (RFC 6749 §4.1.2.1), never to an unregistered address.
 */
export async function handleAuthorize(state: SandboxState, req: Req, res: Res, url: URL): Promise<void> {
  const isPost = req.method === 'POST';
  const form = isPost ? new URLSearchParams(await readBody(req)) : url.searchParams;
  const params = pickParams(form);
  const client = findClient(state.dataset, params.client_id);
  if (!params.client_id) return errorPage(res, 'Missing client_id', 'The authorization request does not name an application (client_id).');
  if (!client) return errorPage(res, 'Unknown application', `No application is registered with the client_id "${params.client_id}".`);
  if (!params.redirect_uri || !redirectAllowed(client, params.redirect_uri)) {
    return errorPage(
      res,
      'redirect_uri mismatch',
      `The redirect_uri "${params.redirect_uri ?? ''}" is not registered for this application.`,
    );
  }
  const back = (error: string, description: string) =>
    backTo(res, params.redirect_uri as string, { error, error_description: description, state: params.state });
  if (params.response_type !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported');
  if (params.scope !== undefined) return back('invalid_scope', 'Scopes are chosen on the API key, not in the authorize request');
  if (params.code_challenge_method !== undefined && params.code_challenge_method !== 'S256')
    return back('invalid_request', 'code_challenge_method must be S256');
  if (params.code_challenge_method !== undefined && !params.code_challenge) return back('invalid_request', 'code_challenge is missing');
  if (params.code_challenge !== undefined && params.code_challenge_method !== 'S256')
    return back('invalid_request', 'code_challenge_method=S256 is required with a code_challenge');

  const approve = () => {
    const code = state.oauth.issueCode({
      clientId: client.clientId,
      userId: state.dataset.user.id,
      scopes: [...client.scopes],
      redirectUri: params.redirect_uri as string,
      codeChallenge: params.code_challenge ?? null,
    });
    backTo(res, params.redirect_uri as string, { code, state: params.state });
  };
  if (isPost) {
    const decision = form.get('decision');
    if (decision === 'approve') return approve();
    return back('access_denied', 'The user denied the request');
  }
  if (state.settings.autoApprove) return approve();
  sendHtml(res, 200, consentPage(state, client, params));
}
