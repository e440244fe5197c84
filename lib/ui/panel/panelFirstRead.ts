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

function readFirstScreen(db: IDBDatabase): Promise<PanelFirstRead> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORES, 'readonly');
    const read: PanelFirstRead = {
      session: null,
      openCues: [],
      latestSample: undefined,
      settings: undefined,
    };
    const active: CueRow[] = [];
    const snoozed: CueRow[] = [];
    tx.oncomplete = () => {
      const id = read.session?.id;
      // As openCues: the status index in key order (active, then snoozed), kept to the session, by firing time.
      read.openCues = [...active, ...snoozed]
        .filter((cue) => cue.sessionId === id)
        .sort((a, b) => a.firedAt - b.firedAt);
      resolve(read);
    };
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);

    // As currentSession: the open session that most recently received a sample.
    const sessions = tx.objectStore('sessions').index('lastSampleAt').openCursor(null, 'prev');
    sessions.onsuccess = () => {
      const cursor = sessions.result;
      if (!cursor) return;
      const session = cursor.value as SessionRow;
      if (session.endedAt !== undefined) {
        cursor.continue();
        return;
      }
      read.session = session;
      // As latestSample: the last row of the session's [sessionId+ts] range.
      const range = IDBKeyRange.bound([session.id, -Infinity], [session.id, Infinity]);
      const newest = tx.objectStore('samples').openCursor(range, 'prev');
      newest.onsuccess = () => {
        read.latestSample = (newest.result?.value as SampleRow | undefined) ?? undefined;
      };
    };
    const status = tx.objectStore('cues').index('status');
    const activeRequest = status.getAll('active');
    activeRequest.onsuccess = () => active.push(...(activeRequest.result as CueRow[]));
    const snoozedRequest = status.getAll('snoozed');
    snoozedRequest.onsuccess = () => snoozed.push(...(snoozedRequest.result as CueRow[]));
    const settings = tx.objectStore('settings').get('settings');
    settings.onsuccess = () => {
      read.settings = (settings.result as { value?: unknown } | undefined)?.value;
    };
  });
}
