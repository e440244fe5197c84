import { effect, type ReadonlySignal, signal } from '@preact/signals';
import { ProductBook } from '../../core/products/productBook';
import type { LivecueDb } from '../../store/database';
import { productsEvents } from '../../store/productEvents';
import { productRowsSince, type SessionProductRows } from '../../store/productQueries';
import { type LiveSignal, liveSignal } from '../liveSignal';

// The side panel's own fold of a session's product rows, for a session the worker does not rank and push
// (panelStore.ts: its port is down, or it is still reading a long evening after a restart). A liveQuery of
// the session's product rows: the book is folded once from what is stored, then only the rows newer than
// what it holds; the watched range moves forward once it grows, so an evening of changes never makes each
// update re-read the whole session.

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

  const watch = (id: string, book: ProductBook, since: number) => {
    unwatch();
    // Rows of the watched range already folded, with what they held: a row added or rewritten at a time
    // already folded (a late reading's values stated again, an import) is folded as the newest news.
    const seen = new Map<string, string>();
    let version = products.peek()?.version ?? 0;
    tail = liveSignal(() => productRowsSince(db, id, since), { snapshots: [], pins: [] });
    const rows = tail.value;
    // Set once this range is left for the next: a read landing before the move is folded by the next range.
    let left = false;
    stopTail = effect(() => {
      const { snapshots, pins } = rows.value;
      if (left) return;
      const moving = snapshots.length + pins.length > TAIL_ROWS;
      // The range's first read when it moves on at once (a panel opened late in a long evening) is all news:
      // remembering each row's text, to tell a rewritten row from one already folded, took seconds of the
      // panel's thread for ~200k rows, for a range it leaves straight after.
      const allNews = seen.size === 0 && moving;
      const fresh = <R>(list: readonly R[], key: (row: R) => string) =>
        allNews
          ? list
          : list.filter((row) => {
              const text = JSON.stringify(row);
              const k = key(row);
              if (seen.get(k) === text) return false;
              seen.set(k, text);
              return true;
            });
      const newSnapshots = fresh(snapshots, (r) => `${r.productId}\u0000${r.ts}`);
      const newPins = fresh(pins, (r) => `\u0000pin\u0000${r.ts}`);
      const events = productsEvents(newSnapshots, newPins);
      for (const event of events) book.apply(event);
      if (events.length > 0 || !products.peek()) products.value = { sessionId: id, book, version: ++version };
      if (moving) {
        left = true;
        const from = book.lastEventAt + 1;
        queueMicrotask(() => {
          if (sessionId.peek() === id) watch(id, book, from);
        });
      }
    });
  };

  const stopSession = effect(() => {
    const id = sessionId.value;
    unwatch();
    products.value = null;
    if (id) watch(id, new ProductBook(), Number.NEGATIVE_INFINITY);
  });

  return {
    products,
    dispose() {
      stopSession();
      unwatch();
    },
  };
}
