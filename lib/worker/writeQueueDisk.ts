import type { LivecueDb } from '../store/database';
import { type Group, ROW_TABLE_NAMES } from './writeQueueGroups';

// The write queue's one contact with the database: groups written in one transaction, and a failure told
// in words the side panel can show.

/**
 * Writes the groups in one transaction: whole session rows, field changes, every row table. All requests go
 * out at once (the database runs them in order, and no two touch one key): waiting for each before the next
 * cost a round trip per table in front of every commit.
 */
export async function writeGroups(db: LivecueDb, groups: readonly Group[]): Promise<void> {
  await db.transaction('rw', [db.sessions, ...ROW_TABLE_NAMES.map((table) => db[table])], () => {
    const writes: Promise<unknown>[] = [];
    const whole = groups.flatMap((g) => (g.row ? [{ ...g.row, ...g.changes }] : []));
    if (whole.length) writes.push(db.sessions.bulkPut(whole));
    for (const group of groups) {
      if (!group.row && group.hasChanges) writes.push(db.sessions.update(group.sessionId, group.changes));
    }
    for (const table of ROW_TABLE_NAMES) {
      const rows = groups.flatMap((g) => [...g.rows[table].values()]);
      if (rows.length)
        writes.push((db[table] as { bulkPut(rows: unknown[]): Promise<unknown> }).bulkPut(rows));
    }
    return Promise.all(writes);
  });
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
