import type { ErrorCode } from './contract';

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

export function toLoupeError(error: unknown): LoupeError {
  if (error instanceof LoupeError) return error;
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
