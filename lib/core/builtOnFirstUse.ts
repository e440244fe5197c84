// Schemas, tables and other objects a module would otherwise build at import: the service worker loads every
// module at each start, and a restarted worker should store the sample it was woken for before building what
// that sample never needs (issue 19: cold start → first stored sample).

/**
 * A getter for the value `build` returns, built on the first call and kept. A build that throws is tried
 * again on the next call.
 */
export function builtOnFirstUse<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
