import { Dexie } from 'dexie';

// The key range of one session's rows in an index keyed by session then time (`[sessionId+ts]`, cues'
// `[sessionId+firedAt]`): every read and delete of a session's rows, whole or from a time on, in the worker
// and the pages, takes it from here.

/** The session's rows from `fromTs` on (bounds as the caller passes them), or all of them when it is not finite. */
export function sessionRange(
  sessionId: string,
  fromTs = Number.NEGATIVE_INFINITY,
): [[string, unknown], [string, unknown]] {
  return [
    [sessionId, Number.isFinite(fromTs) ? fromTs : Dexie.minKey],
    [sessionId, Dexie.maxKey],
  ];
}
