import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';

/** The repository root (this file is <root>/sandbox/graphql/schema.ts). */
const REPO_ROOT = new URL('../../', import.meta.url);

/** shared/ sits beside the repository (here /work/shared, in CI next to the clone): never an absolute path. */
export const SCHEMA_URL = new URL('../shared/upwork/schema.graphql', REPO_ROOT);
export const OPERATIONS_URL = new URL('../shared/upwork/operations.graphql', REPO_ROOT);

let cached: GraphQLSchema | null = null;

export function upworkSchema(): GraphQLSchema {
  cached ??= buildSchema(readFileSync(SCHEMA_URL, 'utf8'));
  return cached;
}
