import { z } from 'zod';

/**
 * A settings shape written once as a tree of fields, read three ways:
 * - `parseStored`: what storage holds, per field with zod `.catch(fallback)`, so one corrupt field
 *   falls back alone and is reported (STYLE.md practice 12);
 * - `importSchema`: strict and every field optional, so an imported file can say exactly which
 *   field is wrong and may carry only the fields it means to set;
 * - `defaultsOf`: the value a fresh install starts with.
 * Keeping one tree means storage, import and defaults can never drift apart.
 */

export interface Leaf<T> {
  readonly kind: 'leaf';
  readonly schema: z.ZodType<T>;
  readonly fallback: T;
  readonly label: string;
}
export interface Group<F extends Fields> {
  readonly kind: 'group';
  readonly fields: F;
  readonly label: string;
}
export interface List<E extends Spec> {
  readonly kind: 'list';
  readonly element: E;
  readonly max: number;
  readonly label: string;
  /** Elements this rejects (an entry with no id, say) are dropped and reported. */
  readonly keep?: (element: SpecValue<E>) => boolean;
}
// biome-ignore lint/suspicious/noExplicitAny: the tree holds leaves of every value type
export type Spec = Leaf<any> | Group<any> | List<any>;
export type Fields = { readonly [key: string]: Spec };

export type SpecValue<S> =
  S extends Leaf<infer T>
    ? T
    : S extends Group<infer F>
      ? { [K in keyof F]: SpecValue<F[K]> }
      : S extends List<infer E>
        ? SpecValue<E>[]
        : never;

export function leaf<T>(label: string, schema: z.ZodType<T>, fallback: T): Leaf<T> {
  return { kind: 'leaf', schema, fallback, label };
}
export function group<F extends Fields>(label: string, fields: F): Group<F> {
  return { kind: 'group', fields, label };
}
export function list<E extends Spec>(label: string, element: E, max: number, keep?: (element: SpecValue<E>) => boolean): List<E> {
  return { kind: 'list', element, max, label, ...(keep ? { keep } : {}) };
}

/** One stored field that could not be read and now holds its default. */
export interface FieldIssue {
  /** Machine path such as `rules.minClientSpend.amount` (`[]` marks any list element). */
  path: string;
  /** The same field in words, for the sentence the user sees. */
  label: string;
  message: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
function joinLabel(label: string, part: string): string {
  return label === '' ? part : `${label}: ${part}`;
}

/** Where `.catch` handlers report to while `parseStored` runs (parsing is synchronous). */
let activeIssues: FieldIssue[] | null = null;

function report(path: string, label: string, message: string): void {
  activeIssues?.push({ path, label, message });
}

function storedSchema(spec: Spec, path: string, label: string): z.ZodType {
  switch (spec.kind) {
    case 'leaf':
      return spec.schema.catch((ctx: { input: unknown }) => {
        // An absent field is not damage: a newer Loupe added it, or it was never saved.
        if (ctx.input !== undefined) {
          report(path, label, `Your “${label}” setting was unreadable and was reset to its default.`);
        }
        return structuredClone(spec.fallback);
      });
    case 'group': {
      const shape: Record<string, z.ZodType> = {};
      for (const [key, child] of Object.entries(spec.fields as Fields)) {
        shape[key] = storedSchema(child, joinPath(path, key), joinLabel(label, child.label));
      }
      return z.preprocess((value) => {
        if (isPlainObject(value)) return value;
        if (value !== undefined) report(path, label, `Your “${label}” settings were unreadable and were reset to their defaults.`);
        return {};
      }, z.object(shape));
    }
    case 'list': {
      const elementPath = `${path}[]`;
      const element: Spec = spec.element;
      const elementSchema = element.kind === 'leaf' ? element.schema : storedSchema(element, elementPath, label);
      return z.preprocess((value) => {
        if (value === undefined) return [];
        if (!Array.isArray(value)) {
          report(path, label, `Your “${label}” list was unreadable and was reset.`);
          return [];
        }
        const kept: unknown[] = [];
        let dropped = 0;
        for (const item of value) {
          const usable = element.kind === 'leaf' || isPlainObject(item);
          const parsed = usable ? elementSchema.safeParse(item) : null;
          if (parsed?.success && (spec.keep?.(parsed.data) ?? true)) kept.push(parsed.data);
          else dropped += 1;
        }
        if (dropped > 0)
          report(
            elementPath,
            label,
            `${dropped} unreadable ${dropped === 1 ? 'entry' : 'entries'} in “${label}” ${dropped === 1 ? 'was' : 'were'} removed.`,
          );
        // Too many is reported, never cut: a cut list would be made permanent by the next save.
        if (kept.length > spec.max) {
          report(
            path,
            label,
            `“${label}” holds ${kept.length} entries, more than the ${spec.max} Loupe can save. All of them are kept; remove some before you add more.`,
          );
        }
        return kept;
      }, z.array(z.unknown()));
    }
  }
}

const storedCache = new WeakMap<Spec, z.ZodType>();

/** Reads a stored value field by field: never throws, and lists every field that fell back. */
export function parseStored<S extends Spec>(spec: S, raw: unknown): { value: SpecValue<S>; issues: FieldIssue[] } {
  let schema = storedCache.get(spec);
  if (!schema) {
    schema = storedSchema(spec, '', '');
    storedCache.set(spec, schema);
  }
  const outer = activeIssues;
  const issues: FieldIssue[] = [];
  activeIssues = issues;
  try {
    // Every leaf catches and every group accepts anything, so this parse cannot fail.
    return { value: schema.parse(raw) as SpecValue<S>, issues };
  } finally {
    activeIssues = outer;
  }
}

export function defaultsOf<S extends Spec>(spec: S): SpecValue<S> {
  return parseStored(spec, undefined).value;
}

function importSchemaOf(spec: Spec): z.ZodType {
  switch (spec.kind) {
    case 'leaf':
      return spec.schema;
    case 'group': {
      const shape: Record<string, z.ZodType> = {};
      for (const [key, child] of Object.entries(spec.fields as Fields)) shape[key] = importSchemaOf(child).optional();
      return z.strictObject(shape);
    }
    case 'list': {
      const { keep, element } = spec as List<Spec>;
      return z
        .array(importSchemaOf(element))
        .max(spec.max)
        .superRefine((items, ctx) => {
          if (!keep) return;
          items.forEach((item, index) => {
            // Same test storage applies: an entry without its id would be dropped on the next read.
            if (!keep(parseStored(element, item).value)) {
              ctx.addIssue({ code: 'custom', path: [index], message: 'lacks the id that identifies it', input: item });
            }
          });
        });
    }
  }
}

/** Deep-partial, deep-strict: fields may be left out, but every field present must be right. */
export type ImportValue<S> =
  S extends Leaf<infer T>
    ? T
    : S extends Group<infer F>
      ? { [K in keyof F]?: ImportValue<F[K]> }
      : S extends List<infer E>
        ? ImportValue<E>[]
        : never;

export function importSchema<S extends Spec>(spec: S): z.ZodType<ImportValue<S>> {
  return importSchemaOf(spec) as z.ZodType<ImportValue<S>>;
}

/**
 * `patch` over `base`, field by field: groups merge, leaves and whole lists are replaced.
 * The result goes through `parseStored`, so list elements missing fields get their defaults.
 */
export function mergeFields<S extends Spec>(spec: S, base: SpecValue<S>, patch: ImportValue<S> | undefined): SpecValue<S> {
  const merge = (node: Spec, b: unknown, p: unknown): unknown => {
    if (p === undefined) return b;
    if (node.kind !== 'group' || !isPlainObject(p)) return p;
    const out: Record<string, unknown> = {};
    const baseObject = isPlainObject(b) ? b : {};
    for (const [key, child] of Object.entries(node.fields as Fields)) out[key] = merge(child, baseObject[key], p[key]);
    return out;
  };
  return parseStored(spec, merge(spec, base, patch)).value;
}
