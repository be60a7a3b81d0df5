import { readFileSync } from 'node:fs';
import { buildSchema, type DocumentNode, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { describe, expect, it } from 'vitest';
import {
  freelancerProfilesOperation,
  jobDetailsOperation,
  jobSearchOperation,
  MAX_BATCH_SIZE,
  meOperation,
  type Operation,
} from '../../../lib/upwork/api/operations';

import { SCHEMA_URL } from '../../../sandbox/graphql/schema';

const schema: GraphQLSchema = buildSchema(readFileSync(SCHEMA_URL, 'utf8'));

function operationNode(document: DocumentNode) {
  const node = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!node || node.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation in document');
  return node;
}

/** Validates the document against the schema and its variables against the document. */
function problemsWith(operation: Operation): string[] {
  const document = parse(operation.query);
  const problems = validate(schema, document).map((error) => error.message);
  const coerced = getVariableValues(schema, operationNode(document).variableDefinitions ?? [], operation.variables);
  if (coerced.errors) problems.push(...coerced.errors.map((error) => error.message));
  return problems;
}

const jobIds = (count: number) => Array.from({ length: count }, (_, index) => String(2024696422907076268n + BigInt(index)));
const profileKeys = (count: number) => Array.from({ length: count }, (_, index) => `~01${(1000 + index).toString(16)}abcdef`);

describe('GraphQL operations against the schema subset (lib/upwork/api/schema)', () => {
  it('Me is valid', () => {
    expect(problemsWith(meOperation())).toEqual([]);
  });

  it('JobSearch is valid with the filter Loupe sends when mirroring a page', () => {
    const operation = jobSearchOperation({ searchExpression_eq: 'react typescript', pagination_eq: { first: 10, after: '20' } });
    expect(operation.name).toBe('JobSearch');
    expect(problemsWith(operation)).toEqual([]);
    expect(problemsWith(jobSearchOperation({ verifiedPaymentOnly_eq: true, clientHiresRange_eq: { rangeStart: 1 } }, 'RECENCY'))).toEqual(
      [],
    );
  });

  it.each([1, 2, MAX_BATCH_SIZE])('JobDetails with %i aliases is valid and never asks for bid stats', (size) => {
    const operation = jobDetailsOperation(jobIds(size));
    expect(problemsWith(operation)).toEqual([]);
    expect(operation.aliases.size).toBe(size);
    expect(operation.query).not.toContain('applicationsBidStats');
    expect(operationNode(parse(operation.query)).name?.value).toBe('JobDetails');
  });

  it.each([1, 2, MAX_BATCH_SIZE])('FreelancerProfiles with %i aliases is valid', (size) => {
    const operation = freelancerProfilesOperation(profileKeys(size));
    expect(problemsWith(operation)).toEqual([]);
    expect([...operation.aliases.values()]).toEqual(profileKeys(size));
  });

  it('folds duplicate keys and refuses batches over the limit', () => {
    expect(jobDetailsOperation(['1', '1', '2']).aliases.size).toBe(2);
    expect(() => jobDetailsOperation(jobIds(MAX_BATCH_SIZE + 1))).toThrow(RangeError);
    expect(() => freelancerProfilesOperation([])).toThrow(RangeError);
  });

  it('catches drift: a field the schema lacks is reported', () => {
    const drifted: Operation = { ...meOperation(), query: meOperation().query.replace('photoUrl', 'photoUrl avatarColour') };
    expect(problemsWith(drifted).join(' ')).toContain('avatarColour');
  });
});
