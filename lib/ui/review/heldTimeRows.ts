import type { Table } from 'dexie';
import { firstAtOrAfter } from '../../core/engine/eventOrder';
import type { LivecueDb } from '../../store/database';
import { sessionRange } from '../../store/sessionRange';

// A review open while the show goes on reads the session again every few seconds. Its samples (~29k eight
// hours in) and comments came whole each time, and turning them into objects held the page's thread, which
// the side panel shares, for 50-110 ms a refresh. A holder keeps what it read and reads only the newest
// stretch again, with the session's row count, which IndexedDB computes off the page's thread: a count that
// does not add up (a sample resent late at its own older time, an import, a deletion) reads everything again.
// A row rewritten in place at an older time is not seen: a writer does so only with what the row held (a
// reading sent again).

/**
 * How far before the newest row held a refresh reads again, here and for the product rows
 * (reviewProductRows.ts): rows filed at the newest times may still be written again (a reading sent again, a
 * late product reading's values stated anew at the ledger's newest time).
 */
export const REREAD_MS = 60_000;

/** One session's rows of a table keyed `[sessionId+ts]`, as a refresh reads them: whole, or as news. */
export interface HeldTimeRows<Row> {
  /** The session's rows in time order: a new array each time, never changed after (a view keeps it). */
  read(db: LivecueDb, sessionId: string): Promise<Row[]>;
}

export function heldTimeRows<Row extends { sessionId: string; ts: number }>(
  tableOf: (db: LivecueDb) => Table<Row>,
): HeldTimeRows<Row> {
  let held: { sessionId: string; rows: Row[] } | undefined;

  return {
    async read(db, sessionId) {
      const table = tableOf(db);
      const byTime = table.where('[sessionId+ts]');
      const [lower, upper] = sessionRange(sessionId);
      const whole = async () => {
        const rows = await byTime.between(lower, upper).toArray();
        held = { sessionId, rows };
        return rows;
      };
      const before = held?.sessionId === sessionId ? held.rows : undefined;
      const newest = before?.at(-1)?.ts;
      if (newest === undefined) return whole();
      const from = newest - REREAD_MS;
      // One transaction: the count and the newest rows agree with each other.
      const [total, fresh] = await db.transaction('r', table, () =>
        Promise.all([
          byTime.between(lower, upper).count(),
          byTime.between(...sessionRange(sessionId, from), true, true).toArray(),
        ]),
      );
      const kept = firstAtOrAfter(before!, from);
      if (kept + fresh.length !== total) return whole();
      const rows = before!.slice(0, kept);
      for (const row of fresh) rows.push(row);
      held = { sessionId, rows };
      return rows;
    },
  };
}
