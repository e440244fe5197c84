// The order the engine folds a session's stored events in, live and on a refold or a replay alike: by time,
// and at one time by id, so two actions taken in the same millisecond always fold the same way; and where a
// time falls among rows held in that order (a session's samples in the worker, a review's held rows).

/** Sorts rows by time, then by id (code-unit order, as ids are compared everywhere else). */
export const byTimeThenId = (a: { ts: number; id: string }, b: { ts: number; id: string }): number =>
  a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The index of the first of `rows` (sorted by time) at or after `ts`: rows.length when none is. */
export function firstAtOrAfter(rows: readonly { ts: number }[], ts: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (rows[mid]!.ts < ts) low = mid + 1;
    else high = mid;
  }
  return low;
}
