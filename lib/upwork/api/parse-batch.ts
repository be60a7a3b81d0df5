import { ApiError } from './errors';

/** The parts of a GraphQL error Loupe reads. */
export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * A key that got no answer only because another alias in its request failed: GraphQL empties the
 * whole `data` when a non-null field (freelancerProfileByProfileKey) errors. Worth asking again alone.
 */
export class BatchCasualtyError extends ApiError {
  constructor(key: string) {
    super('upwork-error', `Upwork dropped the lookup of ${key} because another lookup in the same request failed.`);
    this.name = 'BatchCasualtyError';
  }
}

const NOT_FOUND = /not found|no .* found|does not exist|doesn't exist/i;

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
      if (ownError) {
        // "No profile found for key …" is an answer (nothing there), not a failure.
        results.set(
          key,
          NOT_FOUND.test(ownError.message) ? null : new ApiError('upwork-error', `Upwork could not look up ${key}: ${ownError.message}`),
        );
      } else {
        results.set(key, data ? null : new BatchCasualtyError(key));
      }
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
