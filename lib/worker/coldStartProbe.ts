import { Dexie } from 'dexie';
import { ROOM_PORT_NAME } from '../core/messages/roomPortConstants';

// e2e builds only: marks on the worker's own clock from the moment its script starts, so `npm run bench`
// can measure a cold start to the first stored sample (scripts/bench/coldStart.ts) without touching the
// ingest path. Read over CDP as `globalThis.livecueColdStart`.

export interface ColdStartMarks {
  /** Wall-clock time the worker's script started (its time origin), epoch ms. */
  scriptStartedAt: number;
  /** ms after the script started: the bundle began to evaluate its modules (script fetched and compiled). */
  modulesStarted?: number;
  /** ms after the script started: every listener registered (end of the worker's first turn). */
  listenersReady?: number;
  /** ms after the script started: the first message from a room arrived. */
  firstRoomMessage?: number;
  /** ms after the script started: the first write of samples committed. */
  firstSampleStored?: number;
}

declare global {
  var livecueColdStart: ColdStartMarks | undefined;
}

export function startColdStartProbe(
  dbName = 'livecue',
  modulesStarted: number | undefined = undefined,
): { ready(): void } {
  const marks: ColdStartMarks = { scriptStartedAt: performance.timeOrigin, modulesStarted };
  globalThis.livecueColdStart = marks;
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ROOM_PORT_NAME) return;
    port.onMessage.addListener(() => {
      marks.firstRoomMessage ??= performance.now();
    });
  });
  const samples = `idb://${dbName}/samples/`;
  const onMutated = (parts: Record<string, unknown>) => {
    if (marks.firstSampleStored !== undefined) return;
    if (Object.keys(parts).some((part) => part.startsWith(samples)))
      marks.firstSampleStored = performance.now();
  };
  Dexie.on('storagemutated', onMutated);
  return {
    ready() {
      marks.listenersReady ??= performance.now();
    },
  };
}
