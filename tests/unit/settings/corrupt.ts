/** A copy of `value` with the field at `path` set to something its type does not allow. */
export function corrupt<T extends object>(value: T, path: string[], bad: unknown): T {
  const copy = structuredClone(value);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1) as string] = bad;
  return copy;
}
