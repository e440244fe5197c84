import type { LivecueDb } from '../store/database';
import { putProductSnapshots, putSamples } from '../store/packGuard';
import type { ProductSnapshotRow } from '../store/productRows';
import type { SampleRow } from '../store/rows';
import { type Group, ROW_TABLE_NAMES, type RowTable } from './writeQueueGroups';

// The write queue's one contact with the database: groups written in one transaction, and a failure told
// in words the side panel can show.

/**
 * Writes the groups in one transaction: whole session rows, field changes, every row table. All requests go
 * out at once (the database runs them in order, and no two touch one key): waiting for each before the next
 * cost a round trip per table in front of every commit. The transaction holds only the tables it writes
 * (writeScope): a live write is most often a session row and its samples, and it need not wait for pages
 * reading the other tables. Samples and product snapshots go through putSamples and putProductSnapshots,
 * which keep each live session's packed copies true (packGuard.ts).
 */
export async function writeGroups(db: LivecueDb, groups: readonly Group[]): Promise<void> {
  const whole = groups.flatMap((g) => (g.row ? [{ ...g.row, ...g.changes }] : []));
  const changed = groups.filter((g) => !g.row && g.hasChanges);
  const rows = ROW_TABLE_NAMES.map((table) => ({
    table,
    rows: groups.flatMap((g) => [...g.rows[table].values()]),
  })).filter((t) => t.rows.length);
  const scope = writeScope(
    whole.length + changed.length > 0,
    rows.map((t) => t.table),
  );
  await db.transaction(
    'rw',
    scope.map((table) => db[table]),
    () => {
      const writes: Promise<unknown>[] = [];
      if (whole.length) writes.push(db.sessions.bulkPut(whole));
      for (const group of changed) writes.push(db.sessions.update(group.sessionId, group.changes));
      for (const { table, rows: those } of rows)
        writes.push(
          table === 'productSnapshots'
            ? putProductSnapshots(db, those as ProductSnapshotRow[])
            : table === 'samples'
              ? putSamples(db, those as SampleRow[])
              : (db[table] as { bulkPut(rows: unknown[]): Promise<unknown> }).bulkPut(those),
        );
      return Promise.all(writes);
    },
  );
}

/**
 * The tables a write holds: sessions when it writes session rows, the row tables it has rows for, and with
 * samples or product snapshots the pack records they may drop.
 */
export function writeScope(
  sessions: boolean,
  rowTables: readonly RowTable[],
): ('sessions' | RowTable | 'samplePacks' | 'productPacks')[] {
  const packs = [
    ...(rowTables.includes('samples') ? (['samplePacks'] as const) : []),
    ...(rowTables.includes('productSnapshots') ? (['productPacks'] as const) : []),
  ];
  const scope = [...(sessions ? (['sessions'] as const) : []), ...rowTables, ...packs];
  // A write of nothing still commits in order with the others: it holds the sessions table alone.
  return scope.length ? scope : ['sessions'];
}

export function describeWriteError(error: unknown): string {
  if (error instanceof Error) {
    // Dexie wraps the cause (e.g. QuotaExceededError inside an AbortError); the inner name says most.
    const inner = (error as { inner?: unknown }).inner;
    const innerText = inner instanceof Error ? ` (${inner.name}: ${inner.message})` : '';
    return `${error.name}: ${error.message}${innerText}`;
  }
  return String(error);
}
