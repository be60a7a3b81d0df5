import type { z } from 'zod';

/** zod issues in plain words, each with the path of the field it is about: `rules.minSpend: expected a number, got "abc"`. */

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return value.length > 40 ? `${JSON.stringify(shown)} (${value.length} characters)` : JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const typeWords: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  tuple: 'a list',
  null: 'null',
};

function sizeWords(issue: { origin?: string }, bound: number | bigint): string {
  switch (issue.origin) {
    case 'string':
      return `${bound} characters`;
    case 'array':
    case 'set':
      return `${bound} entries`;
    default:
      return String(bound);
  }
}

function issueText(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is missing';
      return `expected ${typeWords[issue.expected] ?? issue.expected}, got ${describeValue(input)}`;
    case 'too_big':
      return `must be at most ${sizeWords(issue, issue.maximum)}${issue.origin === 'string' || issue.origin === 'array' ? '' : `, got ${describeValue(input)}`}`;
    case 'too_small':
      return `must be at least ${sizeWords(issue, issue.minimum)}${issue.origin === 'string' || issue.origin === 'array' ? '' : `, got ${describeValue(input)}`}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(input)}`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return `has an unexpected shape (${describeValue(input)})`;
    default:
      return issue.message;
  }
}

export interface PathError {
  path: string;
  message: string;
}

/** One line per problem; an unknown key becomes its own line naming the key. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): PathError[] {
  const out: PathError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatPath([...prefix, ...issue.path, key]), message: 'is not a field Loupe knows' });
      }
      continue;
    }
    out.push({ path: formatPath([...prefix, ...issue.path]) || '(the whole file)', message: issueText(issue) });
  }
  return out;
}

export function pathErrorLine(error: PathError): string {
  return `${error.path}: ${error.message}`;
}
