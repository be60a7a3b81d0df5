/**
 * Asks for many keys in one call: keys asked for in the same task are gathered and sent together
 * (at most `max` per call) once the task's synchronous work is done. Fifty tiles found in one scan
 * cost one message to the worker, not fifty.
 */
export function batched<V>(ask: (keys: string[]) => Promise<Map<string, V>>, max = 100): (key: string) => Promise<V | undefined> {
  type Caller = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };
  let waiting = new Map<string, Caller[]>();

  const flush = () => {
    const calls = waiting;
    waiting = new Map();
    const keys = [...calls.keys()];
    for (let i = 0; i < keys.length; i += max) {
      const chunk = keys.slice(i, i + max);
      const callers = (key: string) => calls.get(key) ?? [];
      ask(chunk).then(
        (answers) => {
          for (const key of chunk) for (const { resolve } of callers(key)) resolve(answers.get(key));
        },
        (error: unknown) => {
          for (const key of chunk) for (const { reject } of callers(key)) reject(error);
        },
      );
    }
  };

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (waiting.size === 0) queueMicrotask(flush);
      waiting.set(key, [...(waiting.get(key) ?? []), { resolve, reject }]);
    });
}
