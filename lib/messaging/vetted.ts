import { z } from 'zod';

/**
 * Freezes `value` and everything in it: a vetted value must never change afterwards. It walks into
 * objects already frozen too: one frozen by someone else may still hold a part that is not.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * `schema`, for values the worker hands out again and again (the same cached jobs on every page a
 * user reloads): a value that passed once is frozen, all the way down, and passes again without
 * a walk. Frozen, it cannot have gained a field since. The router checks every answer, and for
 * fifty jobs zod's walk (it has no JIT under MV3's CSP) was 10-35 ms of each warm answer.
 * Only for strict schemas with no transforms or defaults: the value itself goes out, not a copy.
 */
export function vetted<S extends z.ZodType>(schema: S) {
  const passed = new WeakSet<object>();
  const remembered = z.custom<z.output<S>>((value) => {
    if (typeof value !== 'object' || value === null) return false;
    if (passed.has(value)) return true;
    if (!schema.safeParse(value).success) return false;
    passed.add(deepFreeze(value));
    return true;
  });
  // The second branch runs only when the first refused, and refuses too. It keeps the schema's
  // fields visible to toJSONSchema, which the contract's tests read.
  return z.union([remembered, schema]);
}
