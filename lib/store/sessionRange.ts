import { Dexie } from 'dexie';

// The key range of one session's rows in the `[sessionId+ts]` indexes (samples, actions), shared by the
// worker's delete and the pages' export.

export function sessionRange(sessionId: string): [[string, unknown], [string, unknown]] {
  return [
    [sessionId, Dexie.minKey],
    [sessionId, Dexie.maxKey],
  ];
}
