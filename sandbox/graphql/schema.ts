import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';

/** The API layer owns the schema subset its operations are checked against; the sandbox serves the same copy. */
export const SCHEMA_URL = new URL('../../lib/upwork/api/schema/schema.graphql', import.meta.url);

let cached: GraphQLSchema | null = null;

export function upworkSchema(): GraphQLSchema {
  cached ??= buildSchema(readFileSync(SCHEMA_URL, 'utf8'));
  return cached;
}
