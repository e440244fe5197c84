import { effect, type ReadonlySignal, signal } from '@preact/signals';
import { ProductBook } from '../../core/products/productBook';
import type { LivecueDb } from '../../store/database';
import { productsEvents } from '../../store/productEvents';
import { productRowPages, productRowsSince, type SessionProductRows } from '../../store/productQueries';
import { type LiveSignal, liveSignal } from '../liveSignal';

// The side panel's own fold of a session's product rows, for a session the worker does not rank and push
// (panelStore.ts: its port stays down, or the worker holds no engine of it). What is stored is read page by
// page outside any live query and folded as each page comes, so a long evening (~200k rows) never blocks the
// panel's thread for long and is not read again at each write (a live query over it deep-copied every row
// and started over whenever the worker stored one: seconds of long tasks). Then a liveQuery watches only
// the rows newer than what the book holds; the watched range moves forward once it grows, so an evening of
// changes never makes each update re-read the whole session.

/** The book as folded so far; `version` changes with each fold (the book object is mutated in place). */
export interface FoldedProducts {
  sessionId: string;
  book: ProductBook;
  version: number;
}

export interface ProductFeed {
  products: ReadonlySignal<FoldedProducts | null>;
  dispose(): void;
}

/** Rows watched before the range moves up to the newest folded time. */
const TAIL_ROWS = 2000;

/** Whether `row` is news against what `seen` holds at its key (remembering it). */
function unseen<K>(seen: Map<K, string>, key: K, row: unknown): boolean {
  const text = JSON.stringify(row);
  if (seen.get(key) === text) return false;
  seen.set(key, text);
  return true;
}

/**
 * Folds a session's stored product rows into `book`, page by page in time order (each page's pin changes
 * beside its snapshots), remembering the pin changes in `seenPins`; stops early, returning false, once
 * `current()` says the panel moved on.
 */
async function foldStored(
  db: LivecueDb,
  sessionId: string,
  book: ProductBook,
  seenPins: Map<number, string>,
  current: () => boolean,
): Promise<boolean> {
  for await (const page of productRowPages(db, sessionId)) {
    if (!current()) return false;
    for (const pin of page.pins) unseen(seenPins, pin.ts, pin);
    for (const event of productsEvents(page.snapshots, page.pins)) book.apply(event);
  }
  return current();
}

export function createProductFeed(db: LivecueDb, sessionId: ReadonlySignal<string | null>): ProductFeed {
  const products = signal<FoldedProducts | null>(null);
  let tail: LiveSignal<SessionProductRows> | null = null;
  let stopTail: (() => void) | null = null;

  const unwatch = () => {
    stopTail?.();
    tail?.dispose();
    stopTail = null;
    tail = null;
  };

  /**
   * Watches the session's snapshots from `since` and every pin change of it (a few per hour, so a pin filed
   * apart at a time already folded, as an import files them, is still taken in). `seenPins`: the pin changes
   * folded so far with what they held, kept for the whole session as the range moves.
   */
  const watch = (id: string, book: ProductBook, since: number, seenPins: Map<number, string>) => {
    unwatch();
    // Snapshots of the watched range already folded, with what they held: a row added or rewritten at a time
    // already folded (a late reading's values stated again, an import) is folded as the newest news.
    const seen = new Map<string, string>();
    let version = products.peek()?.version ?? 0;
    tail = liveSignal(() => productRowsSince(db, id, since, Number.NEGATIVE_INFINITY), {
      snapshots: [],
      pins: [],
    });
    const rows = tail.value;
    // Set once this range is left for the next: a read landing before the move is folded by the next range.
    let left = false;
    stopTail = effect(() => {
      const { snapshots, pins } = rows.value;
      if (left) return;
      const moving = snapshots.length > TAIL_ROWS;
      // The range's first read when it moves on at once is all news: remembering each row's text, to tell a
      // rewritten row from one already folded, took seconds of the panel's thread for ~200k rows, for a
      // range it leaves straight after.
      const allNews = seen.size === 0 && moving;
      const newSnapshots = allNews
        ? snapshots
        : snapshots.filter((row) => unseen(seen, `${row.productId}\u0000${row.ts}`, row));
      const newPins = pins.filter((pin) => unseen(seenPins, pin.ts, pin));
      const events = productsEvents(newSnapshots, newPins);
      for (const event of events) book.apply(event);
      if (events.length > 0 || !products.peek()) products.value = { sessionId: id, book, version: ++version };
      if (moving) {
        left = true;
        const from = book.lastEventAt + 1;
        queueMicrotask(() => {
          if (sessionId.peek() === id) watch(id, book, from, seenPins);
        });
      }
    });
  };

  // Each session followed (and dispose) starts a new generation: a read of an earlier one stops at its next page.
  let generation = 0;
  const stopSession = effect(() => {
    const id = sessionId.value;
    const mine = ++generation;
    unwatch();
    products.value = null;
    if (!id) return;
    const book = new ProductBook();
    const current = () => generation === mine;
    const seenPins = new Map<number, string>();
    foldStored(db, id, book, seenPins, current).then(
      (whole) => {
        if (!whole || !current()) return;
        products.value = { sessionId: id, book, version: 1 };
        const folded = book.lastEventAt;
        watch(id, book, Number.isNaN(folded) ? Number.NEGATIVE_INFINITY : folded + 1, seenPins);
      },
      (error: unknown) => {
        // Followed from the start by the live query instead, which meets and reports its own failure.
        console.warn('Livecue: the stored product list could not be read page by page', error);
        if (current()) watch(id, new ProductBook(), Number.NEGATIVE_INFINITY, new Map());
      },
    );
  });

  return {
    products,
    dispose() {
      generation++;
      stopSession();
      unwatch();
    },
  };
}
