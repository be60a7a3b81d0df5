import type { ErrorCode } from '../../messaging/error-codes';
import type { PlainError } from '../../messaging/errors';
import { ApiError } from '../../upwork/api/errors';

/**
 * Everything that can go wrong while signing in or renewing a sign-in, each with words that say
 * what happened AND what to do next. OAuth's own error codes never reach the user raw.
 */
export type AuthErrorKind =
  | 'not-configured' // no client id saved yet
  | 'window-closed' // the user closed Upwork's sign-in window
  | 'access-denied' // the user declined on Upwork's consent page
  | 'invalid-client' // client id unknown or secret wrong
  | 'unauthorized-client' // the key may not use this grant
  | 'redirect-mismatch' // the key's callback URL is not Loupe's redirect URI
  | 'session-expired' // invalid_grant on refresh: refresh token expired or revoked
  | 'code-rejected' // invalid_grant on code exchange
  | 'state-mismatch' // the answer did not belong to this sign-in attempt
  | 'overtaken' // signed out, or the client id changed, while this sign-in ran
  | 'account-unreadable' // signed in, but Loupe could not read who the user is
  | 'unknown-organization' // asked to act as an organization the account does not have
  | 'network' // Upwork could not be reached
  | 'upwork-error'; // anything else Upwork answered

/** What the pages hear of each: the code they branch on (the message is already the user's words). */
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

export class AuthError extends Error implements PlainError {
  readonly userCode: ErrorCode;
  constructor(
    readonly kind: AuthErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
    this.userCode = CODE_FOR_KIND[kind];
  }
}

/** Upwork's error_description is untrusted text: keep it short and single-line before showing it. */
function tidy(description: string | undefined | null): string {
  return (description ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
}

export const authErrors = {
  notConfigured: () =>
    new AuthError(
      'not-configured',
      'Loupe has no Upwork API key yet. Enter your client id in Loupe’s options (Account), save it, then sign in.',
    ),
  windowClosed: () =>
    new AuthError(
      'window-closed',
      'The Upwork sign-in window was closed before sign-in finished. Click “Sign in with Upwork” to try again.',
    ),
  accessDenied: () =>
    new AuthError(
      'access-denied',
      'You declined Loupe’s access on Upwork’s consent page, so Loupe is not signed in. To use Loupe’s Upwork data, sign in again and approve access.',
    ),
  invalidClient: () =>
    new AuthError(
      'invalid-client',
      'Upwork did not accept the API key: check the client id and secret in Loupe’s options against your key in Upwork’s API Center, save them, and sign in again.',
    ),
  unauthorizedClient: (description?: string) =>
    new AuthError(
      'unauthorized-client',
      `Upwork says this API key may not sign in this way${tidy(description) ? ` (“${tidy(description)}”)` : ''}. Check the key’s settings in Upwork’s API Center.`,
    ),
  redirectMismatch: (redirectUri: string) =>
    new AuthError(
      'redirect-mismatch',
      `Upwork refused Loupe’s redirect address. In Upwork’s API Center, set your key’s callback URL to exactly this address, then sign in again: ${redirectUri}`,
    ),
  sessionExpired: () =>
    new AuthError(
      'session-expired',
      'Your Upwork sign-in has ended (Upwork ends it after about two weeks without use, or when access is revoked). Sign in again to keep using Loupe’s Upwork data.',
    ),
  codeRejected: () =>
    new AuthError('code-rejected', 'Upwork rejected the sign-in code (it may have expired or been used already). Sign in again.'),
  stateMismatch: () =>
    new AuthError(
      'state-mismatch',
      'The answer from Upwork did not belong to this sign-in attempt, so Loupe ignored it. Sign in again from Loupe’s options or popup.',
    ),
  overtaken: () =>
    new AuthError(
      'overtaken',
      'Loupe stopped this sign-in because you signed out or changed the API key while it ran. Sign in again if you meant to.',
    ),
  accountUnreadable: (detail: string, missingScope: boolean) =>
    new AuthError(
      'account-unreadable',
      `Upwork signed you in, but Loupe could not read your account: ${tidy(detail).replace(/\.$/, '') || 'no details'}. ${
        missingScope
          ? 'Add the pub-commons:read:all scope to your API key in Upwork’s API Center, then sign in again.'
          : 'Try signing in again in a minute.'
      }`,
    ),
  network: () => new AuthError('network', 'Loupe could not reach Upwork. Check your internet connection, then try again.'),
  server: (status: number) =>
    new AuthError('upwork-error', `Upwork’s sign-in service is having trouble (HTTP ${status}). Try again in a few minutes.`),
  malformed: () =>
    new AuthError(
      'upwork-error',
      'Upwork’s sign-in answer was not in the format Loupe expects. Try again; if it keeps happening, Upwork may have changed its sign-in.',
    ),
  refused: (description: string | undefined, status?: number) =>
    new AuthError(
      'upwork-error',
      `Upwork refused the sign-in${tidy(description) ? `: “${tidy(description)}”` : status ? ` (HTTP ${status})` : ''}. Check the client id, secret and callback URL of your API key, then sign in again.`,
    ),
};

/** Turns a failed renewal into the error kind the GraphQL client and the queue act on. */
export function toApiError(error: AuthError): ApiError {
  switch (error.kind) {
    case 'network':
      return new ApiError('network', error.message);
    case 'upwork-error':
      return new ApiError('server', error.message);
    default:
      return new ApiError('unauthorized', error.message);
  }
}
