import type { PlanSlot } from '../../core/engine/types';
import { ProductBook } from '../../core/products/productBook';
import { productsEvents } from '../../store/productEvents';
import type { SessionProductRows } from '../../store/productQueries';
import type { ProductPinRow } from '../../store/productRows';
import {
  addSteps,
  inTimeOrder,
  type ProductReview,
  type ProductSteps,
  reviewOfBook,
  type Steps,
} from './productReview';

// The review of a running show refreshes its product table every few seconds. Folding the whole evening
// each time (~192k rows eight hours in) cost its worker 0.3-0.6 s a refresh. Rows older than what a refresh
// read again are unchanged since the read before (reviewProductRows.ts says when), so they are folded once
// into a settled book and steps; each refresh folds the newest rows into a copy of it. The same rows give
// the same table as productReview (tested side by side).

/** A session's product rows as a refresh read them: those dated before `unchangedBefore` are as the last read gave them. */
export interface ReadProductRows extends SessionProductRows {
  /** -Infinity when the read took the session whole. */
  unchangedBefore: number;
}

export interface ProductReviewFold {
  review(sessionId: string, rows: ReadProductRows, end: number, plan: readonly PlanSlot[]): ProductReview;
}

interface Settled {
  sessionId: string;
  /** Every snapshot and pin dated before `until`, folded. */
  book: ProductBook;
  steps: ProductSteps;
  until: number;
  /** The pins folded in, to tell when one changed at a settled time (pins are not held by a pack). */
  pins: ProductPinRow[];
}

const samePins = (a: readonly ProductPinRow[], b: readonly ProductPinRow[]) =>
  a.length === b.length && a.every((pin, i) => pin.ts === b[i]!.ts && pin.productId === b[i]!.productId);

/** Steps of the settled rows followed by the newest ones'. */
function joined(settled: Steps | undefined, newest: Steps | undefined): Steps {
  if (!newest || newest.length === 0) return settled ?? [];
  return settled && settled.length > 0 ? settled.concat(newest) : newest;
}

export function productReviewFold(): ProductReviewFold {
  let settled: Settled | undefined;

  const fresh = (sessionId: string): Settled => ({
    sessionId,
    book: new ProductBook(),
    steps: new Map(),
    until: Number.NEGATIVE_INFINITY,
    pins: [],
  });

  return {
    review(sessionId, rows, end, plan) {
      const pins = [...rows.pins].sort((a, b) => a.ts - b.ts);
      let base = settled;
      if (
        !base ||
        base.sessionId !== sessionId ||
        rows.unchangedBefore < base.until ||
        !samePins(
          pins.filter((pin) => pin.ts < base!.until),
          base.pins,
        )
      ) {
        base = fresh(sessionId);
      }
      // What this read vouches for settles: folded once, in place.
      const until = Math.max(base.until, rows.unchangedBefore);
      if (until > base.until) {
        const from = base.until;
        const settling = inTimeOrder(rows.snapshots.filter((row) => row.ts >= from && row.ts < until));
        const settlingPins = pins.filter((pin) => pin.ts >= from && pin.ts < until);
        for (const event of productsEvents(settling, settlingPins)) base.book.apply(event);
        addSteps(base.steps, settling);
        base.pins.push(...settlingPins);
        base.until = until;
      }
      settled = base;
      // The newest rows, into a copy: the next read may give them otherwise.
      const newest = inTimeOrder(rows.snapshots.filter((row) => row.ts >= until));
      const book = base.book.clone();
      for (const event of productsEvents(
        newest,
        pins.filter((pin) => pin.ts >= until),
      ))
        book.apply(event);
      const newestSteps: ProductSteps = new Map();
      addSteps(newestSteps, newest);
      const settledSteps = base.steps;
      return reviewOfBook(
        book,
        (id) => {
          const a = settledSteps.get(id);
          const b = newestSteps.get(id);
          if (!a && !b) return undefined;
          return { gmv: joined(a?.gmv, b?.gmv), sold: joined(a?.sold, b?.sold) };
        },
        end,
        plan,
      );
    },
  };
}
