import type { z } from 'zod';

/**
 * A valid value for a zod schema, found by walking its definition and trying a few candidates at
 * each leaf: good enough for the message contract's request schemas, so every message (including
 * ones added after this test was written) gets fuzzed from a valid starting point.
 * `full` also fills optional fields, to reach more of a schema.
 */

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const STRING_CANDIDATES = [
  'loupe-demo',
  'a',
  '',
  '123',
  '2024696422907076268',
  '~01abc',
  '~02abc',
  'org-1',
  'https://www.upwork.com/nx/search/jobs/',
  'job-search',
];
const NUMBER_CANDIDATES = [0, 1, 2, 5, 10, 15, 60, 100, 1_700_000_000_000];

function firstValid(schema: z.ZodType, candidates: readonly unknown[]): unknown {
  return candidates.find((candidate) => schema.safeParse(candidate).success);
}

export function exampleOf(schema: z.ZodType, full = false): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return firstValid(schema, STRING_CANDIDATES);
    case 'number':
    case 'int':
      return firstValid(schema, NUMBER_CANDIDATES);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'nullable':
      return full ? exampleOf(def.innerType as z.ZodType, full) : null;
    case 'optional':
      return full ? exampleOf(def.innerType as z.ZodType, full) : undefined;
    case 'default':
    case 'catch':
    case 'readonly':
      return exampleOf(def.innerType as z.ZodType, full);
    case 'pipe':
      return exampleOf(def.in as z.ZodType, full);
    case 'lazy':
      return exampleOf((def.getter as () => z.ZodType)(), full);
    case 'array': {
      const empty: unknown[] = [];
      if (!full && schema.safeParse(empty).success) return empty;
      return [exampleOf(def.element as z.ZodType, full)];
    }
    case 'record':
      return {};
    case 'union':
      for (const option of def.options as z.ZodType[]) {
        const value = exampleOf(option, full);
        if (option.safeParse(value).success) return value;
      }
      return undefined;
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const value = exampleOf(child, full);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Distinct valid examples of `schema` (minimal and full), plus `extra` ones written by hand. */
export function validExamples(schema: z.ZodType, extra: readonly unknown[] = []): unknown[] {
  const found: unknown[] = [];
  for (const candidate of [exampleOf(schema), exampleOf(schema, true), ...extra]) {
    if (!schema.safeParse(candidate).success) continue;
    if (found.some((known) => JSON.stringify(known) === JSON.stringify(candidate))) continue;
    found.push(candidate);
  }
  return found;
}
