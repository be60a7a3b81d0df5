import { ApiError } from './errors';

/** The parts of a GraphQL error Loupe reads. */
export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * Splits an aliased batch answer into one result per key: the parsed value, null when Upwork
 * answered "nothing there", or an Error for that key alone (its own GraphQL error or bad data).
 */
export function splitBatch<T>(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLErrorLike[],
  aliases: ReadonlyMap<string, string>,
  parseOne: (raw: unknown, key: string) => T,
): Map<string, T | null | Error> {
  const results = new Map<string, T | null | Error>();
  for (const [alias, key] of aliases) {
    const raw = data?.[alias];
    const ownError = errors.find((error) => error.path?.[0] === alias);
    if (raw === null || raw === undefined) {
      results.set(key, ownError ? new ApiError('upwork-error', `Upwork could not look up ${key}: ${ownError.message}`) : null);
      continue;
    }
    try {
      results.set(key, parseOne(raw, key));
    } catch (error) {
      results.set(key, error instanceof Error ? error : new ApiError('invalid-data', String(error)));
    }
  }
  return results;
}
