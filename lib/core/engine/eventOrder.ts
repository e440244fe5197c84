// The order the engine folds a session's stored events in, live and on a refold or a replay alike: by time,
// and at one time by id, so two actions taken in the same millisecond always fold the same way.

/** Sorts rows by time, then by id (code-unit order, as ids are compared everywhere else). */
export const byTimeThenId = (a: { ts: number; id: string }, b: { ts: number; id: string }): number =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
