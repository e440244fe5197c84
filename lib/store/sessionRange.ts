import { Dexie } from 'dexie';

// The key range of one session's rows in an index keyed by session then time (`[sessionId+ts]`, cues'
// `[sessionId+firedAt]`): every whole-session read and delete, in the worker and the pages, takes it from here.

export function sessionRange(sessionId: string): [[string, unknown], [string, unknown]] {
  return [
    [sessionId, Dexie.minKey],
    [sessionId, Dexie.maxKey],
  ];
}
