/**
 * A stored document only the worker writes, held in memory while the worker runs: read and checked
 * once, changed in memory at once, carried to storage at most once per `delayMs`. For documents
 * that grow with use (the client dossier, seen jobs): reading, checking and rewriting all of one
 * on every page a user opens cost the worker tens to hundreds of milliseconds each time. A copy
 * that could not be read at all (storage failing) is never overwritten.
 */
export interface HeldDoc<T> {
  get(): Promise<T>;
  /** Applies `change` after the changes asked for before it; resolves with the new value. */
  update(change: (current: T) => T): Promise<T>;
  /** Writes the value held now (the timer's write; tests). */
  flush(): Promise<void>;
  /** Tests: forget the copy, as a new worker would. */
  forget(): void;
}

export interface HeldDocOptions<T> {
  /** What the log says when storage fails. */
  name: string;
  /** Reads and checks the stored value; what fails its check comes back as the empty value. */
  read(): Promise<T>;
  write(value: T): Promise<void>;
  /** The value while storage cannot be read. */
  empty: T;
  delayMs?: number;
}

export const HELD_WRITE_DELAY_MS = 1_000;

const all = new Set<HeldDoc<unknown>>();

/** Tests: every held copy forgotten, as a new worker would start (with storage reset beside it). */
export function forgetHeldDocs(): void {
  for (const doc of all) doc.forget();
}

export function heldDoc<T>({ name, read, write, empty, delayMs = HELD_WRITE_DELAY_MS }: HeldDocOptions<T>): HeldDoc<T> {
  let held: Promise<{ value: T; writable: boolean }> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function current() {
    held ??= read().then(
      (value) => ({ value, writable: true }),
      (error: unknown) => {
        console.warn(`[loupe] could not read ${name}; it keeps only this session’s changes`, error);
        return { value: empty, writable: false };
      },
    );
    return held;
  }

  async function flush(): Promise<void> {
    clearTimeout(timer); // this write carries what the timer's would have
    timer = undefined;
    const { value, writable } = await current();
    if (!writable) return;
    await write(value).catch((error: unknown) => console.warn(`[loupe] could not save ${name}`, error));
  }

  function writeSoon(): void {
    timer ??= setTimeout(() => void flush(), delayMs);
  }

  const doc: HeldDoc<T> = {
    get: async () => (await current()).value,
    update(change) {
      const previous = current();
      const next = previous.then(({ value, writable }) => {
        const changed = change(value);
        if (changed !== value) writeSoon(); // a change that keeps the same value writes nothing
        return { value: changed, writable };
      });
      held = next.catch(() => previous); // a change that threw leaves the value as it was
      return next.then(({ value }) => value);
    },
    flush,
    forget() {
      clearTimeout(timer);
      timer = undefined;
      held = undefined;
    },
  };
  all.add(doc as HeldDoc<unknown>);
  return doc;
}
