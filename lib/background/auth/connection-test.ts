import { messageOf } from '../../helpers/format';
import type { Account } from '../../upwork/model';
import { AuthError, authErrors } from './errors';
import { buildAuthorizeUrl, type ClientConfig, exchangeCode, type FetchLike, probeAuthorize } from './oauth';
import { createCodeVerifier, createPkcePair, createState } from './pkce';

/**
 * "Test connection" in the options page: whether Upwork's token service accepts the API key, whether
 * its sign-in page answers for it, and (when signed in) whether the API answers as the account.
 */

export type CheckOutcome = 'passed' | 'failed' | 'skipped';
export interface ConnectionCheck {
  check: 'token-endpoint' | 'authorize-page' | 'account';
  outcome: CheckOutcome;
  message: string;
}

export interface ConnectionTestDeps {
  fetch: FetchLike;
  client: ClientConfig | null;
  redirectUri: string;
  signedIn(): Promise<boolean>;
  /** Asks Upwork's API who the signed-in user is (and keeps the answer). */
  refreshAccount(clientId: string): Promise<Account>;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: ConnectionCheck[];
}

export async function testConnection(deps: ConnectionTestDeps): Promise<ConnectionTestResult> {
  const { client, redirectUri } = deps;
  if (!client) return { ok: false, checks: [{ check: 'token-endpoint', outcome: 'failed', message: authErrors.notConfigured().message }] };
  const checks: ConnectionCheck[] = [];

  // A made-up code can never be exchanged, but the answer tells whether Upwork accepts the key:
  // invalid_grant means the client id (and secret) passed, invalid_client means they did not.
  try {
    await exchangeCode(deps.fetch, client, { code: 'loupe-connection-test', redirectUri, codeVerifier: createCodeVerifier() });
    checks.push({ check: 'token-endpoint', outcome: 'passed', message: 'Upwork’s token service answered and accepted the API key.' });
  } catch (error) {
    if (error instanceof AuthError && error.kind === 'code-rejected') {
      const what = client.clientSecret ? 'client id and secret' : 'client id';
      checks.push({ check: 'token-endpoint', outcome: 'passed', message: `Upwork’s token service answered and accepted the ${what}.` });
    } else {
      checks.push({ check: 'token-endpoint', outcome: 'failed', message: messageOf(error) });
    }
  }

  const probeUrl = buildAuthorizeUrl({
    clientId: client.clientId,
    redirectUri,
    state: createState(),
    codeChallenge: (await createPkcePair()).challenge,
  });
  const problem = await probeAuthorize(deps.fetch, probeUrl, redirectUri);
  checks.push(
    problem
      ? { check: 'authorize-page', outcome: 'failed', message: problem.message }
      : { check: 'authorize-page', outcome: 'passed', message: 'Upwork’s sign-in page answers for this API key.' },
  );

  if (await deps.signedIn()) {
    try {
      const fetched = await deps.refreshAccount(client.clientId);
      checks.push({ check: 'account', outcome: 'passed', message: `Upwork’s API answered: signed in as ${fetched.name}.` });
    } catch (error) {
      checks.push({ check: 'account', outcome: 'failed', message: messageOf(error) });
    }
  } else {
    checks.push({ check: 'account', outcome: 'skipped', message: 'Not signed in, so Loupe did not ask Upwork’s API who you are.' });
  }
  return { ok: checks.every((check) => check.outcome !== 'failed'), checks };
}
