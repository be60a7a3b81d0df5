import { z } from 'zod';

/** What the worker's API failures are called on the wire: the codes a tile or page branches on. */
export const apiErrorCodes = [
  'signed-out',
  'rate-limited',
  'missing-scope',
  'upwork-error',
  'network',
  'invalid-data',
  'cancelled',
  'budget-exhausted',
  'internal',
] as const;

/** Every error code a reply may carry: the message contract's own refusals, then the API's. */
export const errorCodeSchema = z.enum(['bad-message', 'forbidden-sender', 'unknown-message', ...apiErrorCodes]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;
