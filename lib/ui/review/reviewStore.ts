import { type ReadonlySignal, signal } from '@preact/signals';
import { liveQuery } from 'dexie';
import type { LocaleSetting } from '../../core/i18n/translate';
import type { LivecueDb } from '../../store/database';
import { readSettings } from '../../store/readSettings';
import { liveSignal } from '../liveSignal';
import { createProductReviewer, type ProductReviewer } from './productReviewer';
import { heldSessionRows, loadReview, type ReviewData } from './reviewQueries';

// What the review page shows: one session, read again as it changes (a review of a running show updates),
// and the language setting. undefined while loading; null when the session is missing or cannot be read.
//
// The session's rows are read outside any live query. Inside one, Dexie walks a cursor row by row and
// copies every result, and it starts over whenever the show stores a sample: on an 8-hour product evening
// (~200k product rows) the page stayed blank while the live went on, and took 18 s once it stopped. Only the
// session's own row is watched live (it moves with every stored sample, cue count and the end); each move
// asks for one read, never while one runs, and a running show is read again after a pause that grows with
// what a read costs, so the page is never kept busy. On the first read the product table comes after the rest;
// it is computed by `products`, in a worker where the page starts one (productReviewer.ts).

export interface ReviewStore {
  data: ReadonlySignal<ReviewData | null | undefined>;
  localeSetting: ReadonlySignal<LocaleSetting>;
  dispose(): void;
}

export interface ReviewStoreOptions {
  /** The least time from one read's start to the next one's, ms. */
  minGapMs?: number;
  /** …and this many times what the last read took: a page reading a long show stays idle most of the time. */
  gapPerReadTime?: number;
  now?: () => number;
  /** The reads (tests count them); by default loadReview, keeping the samples and comments it read. */
  loadRoom?: (db: LivecueDb, sessionId: string) => ReturnType<typeof loadReview>;
  /** Computes the product table (default: on the page's own thread); disposed with the store. */
  products?: ProductReviewer;
}

/** loadReview with one page's holders: a refresh of a running show reads only its newest samples and comments. */
function withHeldRows(): NonNullable<ReviewStoreOptions['loadRoom']> {
  const held = heldSessionRows();
  return (db, sessionId) => loadReview(db, sessionId, undefined, held);
}

export function createReviewStore(
  db: LivecueDb,
  sessionId: string,
  {
    minGapMs = 2000,
    gapPerReadTime = 4,
    now = () => performance.now(),
    loadRoom = withHeldRows(),
    products = createProductReviewer(),
  }: ReviewStoreOptions = {},
): ReviewStore {
  const data = signal<ReviewData | null | undefined>(sessionId ? undefined : null);
  const locale = liveSignal(async () => (await readSettings(db)).settings.locale, 'auto' as LocaleSetting);
  let disposed = false;
  let reading = false;
  let again = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastTook = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const read = async () => {
    reading = true;
    again = false;
    const started = now();
    try {
      const room = await loadRoom(db, sessionId);
      if (disposed) return;
      if (!room) {
        data.value = null;
        return;
      }
      // The first read shows the rest while the product list is read; a refresh shows both at once (one
      // render, and the products read last stay until then).
      if (data.value?.productTable === undefined) data.value = { ...room, productsReading: true };
      const end = room.session.endedAt ?? room.session.lastSampleAt;
      const productTable = await products.review(db, sessionId, end, room.plan ?? []);
      if (disposed) return;
      data.value = { ...room, productTable };
    } catch (error) {
      if (disposed) return;
      console.warn('Livecue: the review could not read the session', error);
      // What was shown stays; a page that showed nothing says the session cannot be read.
      if (data.value === undefined) data.value = null;
      else if (data.value?.productsReading) data.value = { ...data.value, productsReading: undefined };
    } finally {
      reading = false;
      lastTook = now() - started;
      if (again && !disposed) schedule();
    }
  };

  function schedule() {
    if (reading) {
      again = true;
      return;
    }
    if (timer !== undefined || disposed) return;
    const gap = Math.max(minGapMs, lastTook * gapPerReadTime);
    // Started from a timer, so the read is outside the live query's context (and never in its callback).
    timer = setTimeout(
      () => {
        timer = undefined;
        lastStart = now();
        void read();
      },
      Math.max(0, lastStart + gap - now()),
    );
  }

  const watch = sessionId
    ? liveQuery(() => db.sessions.get(sessionId)).subscribe({
        next: () => schedule(),
        error: (failure: unknown) => {
          console.warn('Livecue: the review stopped following the session', failure);
          if (data.value === undefined) data.value = null;
        },
      })
    : undefined;

  return {
    data,
    localeSetting: locale.value,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      watch?.unsubscribe();
      products.dispose();
      locale.dispose();
    },
  };
}
