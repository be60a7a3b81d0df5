import type { AuthDetails, AuthSummary } from '../../messaging/messages/auth';
import type { Handlers } from '../../messaging/router';
import type { ScopeCheck } from '../auth/scope-probe';
import type { Auth, AuthStatus } from '../auth/types';

/** Copies field by field, so nothing the auth module adds later can leak into a reply by accident. */
function details(status: AuthStatus): AuthDetails {
  return {
    state: status.state,
    account: status.account,
    lastError: status.lastError,
    clientId: status.clientId,
    clientType: status.clientType,
    redirectUri: status.redirectUri,
  };
}

function summary(status: AuthStatus): AuthSummary {
  const account = status.account;
  const organization = account?.organizations.find((candidate) => candidate.id === account.activeOrganizationId) ?? null;
  return {
    state: status.state,
    accountName: account?.name ?? null,
    organizationName: organization?.title ?? null,
    lastError: status.lastError,
  };
}

/** The connection test's checks beyond sign-in: which of the key's scopes Loupe can use. */
export type ScopeChecks = (signedIn: boolean) => Promise<ScopeCheck[]>;

export function authHandlers(auth: Auth, scopeChecks?: ScopeChecks): Handlers {
  return {
    'auth.status': async () => summary(await auth.status()),
    'auth.details': async () => details(await auth.status()),
    'auth.configure': async (request) =>
      details(
        await auth.configure({ clientId: request.clientId, clientSecret: request.clientSecret || null, keepSecret: request.keepSecret }),
      ),
    'auth.redirectUri': () => ({ redirectUri: auth.redirectUri() }),
    'auth.signIn': async () => details(await auth.signIn()),
    'auth.signOut': async () => details(await auth.signOut()),
    'auth.selectOrganization': async (request) => details(await auth.selectOrganization(request.organizationId)),
    'auth.testConnection': async () => {
      const report = await auth.testConnection();
      if (!scopeChecks) return report;
      const signedIn = report.checks.some((check) => check.check === 'account' && check.outcome === 'passed');
      const scopes = await scopeChecks(signedIn);
      return { ok: report.ok && scopes.every((check) => check.outcome !== 'failed'), checks: [...report.checks, ...scopes] };
    },
  };
}
