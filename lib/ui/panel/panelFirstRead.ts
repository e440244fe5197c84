import type { CueRow, SampleRow, SessionRow } from '../../store/rows';

// What the side panel's first screen needs — the current room, its waiting cues, its newest sample and the
// stored settings — read with bare IndexedDB by a tiny script that runs while the panel's bundle is still
// loading (entrypoints/panelFirstRead.ts). Dexie opens its own connection only once that bundle has run,
// one IndexedDB round trip after it: this read starts ~100 ms earlier and fills the first render (DESIGN.md §6,
// first render ≤ 150 ms). The live queries then take over. Each read here answers as its Dexie query in
// lib/store/openCues.ts and lib/ui/panel/panelQueries.ts does (test/unit/ui/panel/panelFirstRead.test.ts).

export interface PanelFirstRead {
  /** null: no room is being read. */
  session: SessionRow | null;
  /** The session's active and snoozed cues, in firing order. */
  openCues: CueRow[];
  latestSample: SampleRow | undefined;
  /** The stored settings object as stored (the panel validates it), or undefined when none is stored. */
  settings: unknown;
}

/** A first read under way: its answer, and the same answer held once it came, for a caller that cannot wait. */
export interface PendingFirstRead {
  promise: Promise<PanelFirstRead | null>;
  /** Set when the read has answered (`read` null: nothing to show from it). */
  settled?: { read: PanelFirstRead | null };
}

declare global {
  interface Window {
    /** Set by the first-read script (entrypoints/panelFirstRead.ts) before the panel's bundle runs. */
    __livecuePanelFirstRead?: PendingFirstRead;
  }
}

/** Starts readPanelFirstScreen; a panel that starts after it answered renders its answer at once. */
export function startPanelFirstRead(factory: IDBFactory, name = 'livecue'): PendingFirstRead {
  const pending: PendingFirstRead = {
    promise: readPanelFirstScreen(factory, name).then((read) => {
      pending.settled = { read };
      return read;
    }),
  };
  return pending;
}

const STORES = ['sessions', 'cues', 'samples', 'settings'];

/**
 * Reads the panel's first screen from the database `name`. Resolves null — and the panel waits for its live
 * queries — when there is no database yet (never creating one: the worker's Dexie does that, with its
 * schema), when it lacks a table, or on any failure: this read only ever saves time.
 */
export function readPanelFirstScreen(factory: IDBFactory, name = 'livecue'): Promise<PanelFirstRead | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      // No version: the database as it is. A missing one would be created empty; the upgrade is aborted.
      request = factory.open(name);
    } catch {
      resolve(null);
      return;
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      // A newer schema from the worker must never wait on this connection.
      db.onversionchange = () => db.close();
      if (!STORES.every((store) => db.objectStoreNames.contains(store))) {
        db.close();
        resolve(null);
        return;
      }
      readFirstScreen(db).then(
        (read) => {
          db.close();
          resolve(read);
        },
        () => {
          db.close();
          resolve(null);
        },
      );
    };
  });
}

/** A request's answer (a read-only request's answer is final when it succeeds, before its transaction ends). */
function answer<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Every read is sent at once in one read-only transaction, and the answer is made as soon as the last one
 * succeeds: waiting for the transaction to complete would cost one more round trip to the database.
 */
async function readFirstScreen(db: IDBDatabase): Promise<PanelFirstRead> {
  const tx = db.transaction(STORES, 'readonly');
  const status = tx.objectStore('cues').index('status');
  const cues = Promise.all([
    answer<CueRow[]>(status.getAll('active')),
    answer<CueRow[]>(status.getAll('snoozed')),
  ]);
  const settings = answer<{ value?: unknown } | undefined>(tx.objectStore('settings').get('settings'));
  // As currentSession: the open session that most recently received a sample; then, as latestSample, the
  // last row of its [sessionId+ts] range.
  const current = new Promise<{ session: SessionRow | null; latestSample: SampleRow | undefined }>(
    (resolve, reject) => {
      const walk = tx.objectStore('sessions').index('lastSampleAt').openCursor(null, 'prev');
      walk.onerror = () => reject(walk.error);
      walk.onsuccess = () => {
        const cursor = walk.result;
        if (!cursor) {
          resolve({ session: null, latestSample: undefined });
          return;
        }
        const session = cursor.value as SessionRow;
        if (session.endedAt !== undefined) {
          cursor.continue();
          return;
        }
        const range = IDBKeyRange.bound([session.id, -Infinity], [session.id, Infinity]);
        answer<IDBCursorWithValue | null>(tx.objectStore('samples').openCursor(range, 'prev')).then(
          (newest) =>
            resolve({ session, latestSample: (newest?.value as SampleRow | undefined) ?? undefined }),
          reject,
        );
      };
    },
  );
  const [[active, snoozed], stored, { session, latestSample }] = await Promise.all([cues, settings, current]);
  return {
    session,
    // As openCues: the status index in key order (active, then snoozed), kept to the session, by firing time.
    openCues: [...active, ...snoozed]
      .filter((cue) => cue.sessionId === session?.id)
      .sort((a, b) => a.firedAt - b.firedAt),
    latestSample,
    settings: stored?.value,
  };
}
