import { existsSync, readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_URL, upworkSchema } from '../../../sandbox/graphql/schema';

// The team keeps its reference copy of Upwork's schema subset, and example operations, beside the repository.
// The product never reads them: this test alone looks, and only when they are there, so the repository's schema
// never drifts silently. The examples stay in the reference; what Loupe sends is lib/upwork/api/operations.ts.
const reference = new URL('../../../../shared/upwork/', import.meta.url);
const sharedSchema = new URL('schema.graphql', reference);
const sharedOperations = new URL('operations.graphql', reference);

describe('the schema subset', () => {
  it.skipIf(!existsSync(sharedSchema))('matches the team reference copy', () => {
    expect(readFileSync(SCHEMA_URL, 'utf8'), 'update lib/upwork/api/schema/schema.graphql from the reference').toBe(
      readFileSync(sharedSchema, 'utf8'),
    );
  });

  it.skipIf(!existsSync(sharedOperations))('still validates the team reference’s example operations', () => {
    expect(validate(upworkSchema(), parse(readFileSync(sharedOperations, 'utf8'))).map((error) => error.message)).toEqual([]);
  });
});
