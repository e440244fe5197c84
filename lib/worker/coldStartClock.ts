// e2e builds only: when the worker's bundle began to evaluate its modules. The background entry imports this
// first (it imports nothing), so it runs before Dexie, zod and the rest: `npm run bench` can then tell
// Chrome's share of a start (the worker's thread and isolate, the script's fetch and compile) from the
// bundle's own (evaluating its modules and registering listeners). Production builds fold it to undefined.
export const modulesStartedAt: number | undefined =
  import.meta.env.MODE === 'e2e' ? performance.now() : undefined;
