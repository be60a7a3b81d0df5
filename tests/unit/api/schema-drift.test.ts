import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATIONS_URL, SCHEMA_URL } from '../../../sandbox/graphql/schema';

// The team keeps its reference copy of Upwork's schema subset beside the repository. The product never
// reads it: this test alone looks, and only when it is there, so the repository's copy never drifts silently.
const reference = new URL('../../../../shared/upwork/', import.meta.url);

describe.each([
  ['schema.graphql', SCHEMA_URL],
  ['operations.graphql', OPERATIONS_URL],
])('%s', (name, copy) => {
  const shared = new URL(name, reference);
  it.skipIf(!existsSync(shared))('matches the team reference copy', () => {
    expect(readFileSync(copy, 'utf8'), `update lib/upwork/api/schema/${name} from the reference`).toBe(readFileSync(shared, 'utf8'));
  });
});
