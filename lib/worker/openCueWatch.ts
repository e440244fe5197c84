import { liveQuery } from 'dexie';
import type { LivecueDb } from '../store/database';
import { openSessionCues, type SessionCues } from '../store/openCues';
import { OPEN_GATE, type StartupGate } from './startupGate';

// The cues waiting in every open room, kept current from the database with one live query (Dexie re-runs
// it after each write that touches them). The badge and the notifications both follow it, so they see
// exactly what the side panel sees, also after a worker restart (the query runs again at start).

const RETRY_MS = 5000;

export type OpenCuesListener = (rooms: SessionCues[]) => void;

export interface OpenCueWatch {
  /** Calls `listener` with the current rooms at once (when known) and after every change. */
  subscribe(listener: OpenCuesListener): () => void;
}

/** `startup`: the first query waits for it (the worker's first samples are stored first). */
export function watchOpenCues(db: LivecueDb, startup: Pick<StartupGate, 'later'> = OPEN_GATE): OpenCueWatch {
  const listeners = new Set<OpenCuesListener>();
  let latest: SessionCues[] | undefined;
  let subscription: { unsubscribe(): void } | undefined;
  /** The start-up gate let the watch run: until then no subscriber starts the query (there may be several). */
  let allowed = false;
  let asked = false;
  const start = () => {
    subscription = liveQuery(() => openSessionCues(db)).subscribe({
      next: (rooms) => {
        latest = rooms;
        for (const listener of listeners) listener(rooms);
      },
      error: (error: unknown) => {
        // A failed read (a closed or broken database) must not end the watch: Dexie ends a live query on
        // error, so a new one starts a little later.
        console.warn('Livecue: could not read open cues', error);
        subscription = undefined;
        setTimeout(() => {
          if (listeners.size && !subscription) start();
        }, RETRY_MS);
      },
    });
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (latest) listener(latest);
      if (allowed) {
        if (!subscription) start();
      } else if (!asked) {
        asked = true;
        startup.later(() => {
          allowed = true;
          if (listeners.size && !subscription) start();
        });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          subscription?.unsubscribe();
          subscription = undefined;
        }
      };
    },
  };
}
