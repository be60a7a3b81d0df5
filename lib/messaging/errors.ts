import { RefusedWrite } from '../settings/refused';
import { ApiError, type ApiErrorKind } from '../upwork/api/errors';
import type { ErrorCode } from './error-codes';

/** An error whose message is written for the user, with a code the UI can branch on. */
export class LoupeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoupeError';
  }
}

/**
 * An error from a layer above messaging (sign-in's, in the worker) whose message is already the
 * user's words: it names the code the pages hear, so this one adapter needs no import of it.
 */
export interface PlainError extends Error {
  readonly userCode: ErrorCode;
}

function isPlainError(error: unknown): error is PlainError {
  return error instanceof Error && typeof (error as Partial<PlainError>).userCode === 'string';
}

export function toLoupeError(error: unknown): LoupeError {
  if (error instanceof LoupeError) return error;
  if (isPlainError(error)) return new LoupeError(error.userCode, error.message);
  if (error instanceof RefusedWrite) return new LoupeError('invalid-data', error.message);
  if (error instanceof ApiError) return new LoupeError(errorCodeFor(error), error.message);
  if (error instanceof Error && error.name === 'AbortError') return new LoupeError('cancelled', 'The request was cancelled.');
  const detail = error instanceof Error ? error.message : describeValue(error);
  return new LoupeError('internal', `Something went wrong inside Loupe: ${detail}`);
}

/** String() throws for values like `{ toString: [] }`; the router must still answer. */
function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'an error Loupe could not describe';
  }
}

/** What the pages hear of an API failure: the code they branch on (the message is already the user's words). */
const CODE_FOR_KIND: Record<ApiErrorKind, ErrorCode> = {
  'rate-limited': 'rate-limited',
  unauthorized: 'signed-out',
  renewed: 'signed-out',
  'missing-scope': 'missing-scope',
  'upwork-error': 'upwork-error',
  server: 'upwork-error',
  network: 'network',
  'invalid-data': 'invalid-data',
  cancelled: 'cancelled',
  'budget-exhausted': 'budget-exhausted',
};

export function errorCodeFor(error: ApiError): ErrorCode {
  return CODE_FOR_KIND[error.kind];
}
