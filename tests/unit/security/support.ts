/** What the security tests share: Loupe's own extension id, and a way to reach every object in a value. */

export const OWN_ID = 'geenbgfjnpfpmhohiaicibhjcgpjmepd';
export const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;
export const identity = { id: OWN_ID, origin: OWN_ORIGIN };

/** Paths of every plain object in a value, arrays walked into: where a field could be planted. */
export function objectPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  return [path, ...Object.entries(value).flatMap(([key, child]) => objectPaths(child, [...path, key]))];
}

export function at(root: unknown, path: (string | number)[]): Record<string, unknown> {
  return path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], root) as Record<string, unknown>;
}
