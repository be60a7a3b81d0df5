/** `make()`, called once on first use: for costly values a module would otherwise build as it loads. */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
