import type { ErrorCode } from '../../messaging/error-codes';
import { LoupeError } from '../../messaging/errors';
import type { AuthDetails, AuthSummary } from '../../messaging/messages/auth';
import type { Handlers } from '../../messaging/router';
import { AuthError, type AuthErrorKind } from '../auth/errors';
import type { ScopeCheck } from '../auth/scope-probe';
import type { Auth, AuthStatus } from '../auth/types';

const CODE_FOR_KIND: Record<AuthErrorKind, ErrorCode> = {
  'not-configured': 'signed-out',
  'window-closed': 'cancelled',
  'access-denied': 'signed-out',
  'invalid-client': 'signed-out',
  'unauthorized-client': 'signed-out',
  'redirect-mismatch': 'signed-out',
  'session-expired': 'signed-out',
  'code-rejected': 'signed-out',
  'state-mismatch': 'signed-out',
  overtaken: 'cancelled',
  'account-unreadable': 'signed-out',
  'unknown-organization': 'bad-message',
  network: 'network',
  'upwork-error': 'upwork-error',
};

/** Sign-in's own failures keep their plain words; the router's adapter (messaging/errors.ts) maps the rest. */
function asLoupeError(error: unknown): unknown {
  if (error instanceof AuthError) return new LoupeError(CODE_FOR_KIND[error.kind], error.message);
  return error;
}

async function plainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asLoupeError(error);
  }
}

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
    'auth.status': () => plainErrors(async () => summary(await auth.status())),
    'auth.details': () => plainErrors(async () => details(await auth.status())),
    'auth.configure': (request) =>
      plainErrors(async () =>
        details(
          await auth.configure({ clientId: request.clientId, clientSecret: request.clientSecret || null, keepSecret: request.keepSecret }),
        ),
      ),
    'auth.redirectUri': () => ({ redirectUri: auth.redirectUri() }),
    'auth.signIn': () => plainErrors(async () => details(await auth.signIn())),
    'auth.signOut': () => plainErrors(async () => details(await auth.signOut())),
    'auth.selectOrganization': (request) => plainErrors(async () => details(await auth.selectOrganization(request.organizationId))),
    'auth.testConnection': () =>
      plainErrors(async () => {
        const report = await auth.testConnection();
        if (!scopeChecks) return report;
        const signedIn = report.checks.some((check) => check.check === 'account' && check.outcome === 'passed');
        const scopes = await scopeChecks(signedIn);
        return { ok: report.ok && scopes.every((check) => check.outcome !== 'failed'), checks: [...report.checks, ...scopes] };
      }),
  };
}
