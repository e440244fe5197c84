import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from '../store/productRows';
import type { ActionRow, CommentRow, CueRow, SampleRow, SessionRow } from '../store/rows';

// What the write queue holds for one session: its rows by key (samples and comments by ts, cues and actions
// by id, so a resent or refolded row replaces its twin), its whole row or field changes, and who waits for
// them. Pure data: no database, no timers.

/** Tables of rows that belong to one session, and each row's key within its session. */
export const ROW_TABLES = {
  samples: (row: SampleRow) => String(row.ts),
  comments: (row: CommentRow) => String(row.ts),
  cues: (row: CueRow) => row.id,
  actions: (row: ActionRow) => row.id,
  productSnapshots: (row: ProductSnapshotRow) => `${row.productId}\u0000${row.ts}`,
  productPins: (row: ProductPinRow) => String(row.ts),
  // The latest values of a product: a newer row replaces the one queued before it.
  productLatest: (row: ProductLatestRow) => row.productId,
} as const;
export type RowTable = keyof typeof ROW_TABLES;
export const ROW_TABLE_NAMES = Object.keys(ROW_TABLES) as RowTable[];
export type RowOf<T extends RowTable> = Parameters<(typeof ROW_TABLES)[T]>[0];

/** One enqueue's caller, waiting until each group it touched is written. */
export interface Waiter {
  remaining: number;
  resolve: () => void;
}

/** Everything queued for one session. */
export interface Group {
  sessionId: string;
  rows: { [T in RowTable]: Map<string, RowOf<T>> };
  row?: SessionRow;
  changes: Partial<SessionRow>;
  hasChanges: boolean;
  waiters: Set<Waiter>;
  /** Set when its session was discarded while the group was being written. */
  discarded?: boolean;
}

export const newGroup = (sessionId: string): Group => ({
  sessionId,
  rows: {
    samples: new Map(),
    comments: new Map(),
    cues: new Map(),
    actions: new Map(),
    productSnapshots: new Map(),
    productPins: new Map(),
    productLatest: new Map(),
  },
  changes: {},
  hasChanges: false,
  waiters: new Set(),
});

/** Rows a group will write (its session row counts as one). */
export const rowCount = (group: Group) =>
  ROW_TABLE_NAMES.reduce((sum, table) => sum + group.rows[table].size, 0) +
  (group.row || group.hasChanges ? 1 : 0);

/** Adds rows of one table to their sessions' groups; returns the groups touched. */
export function addRows<T extends RowTable>(
  groupOf: (sessionId: string) => Group,
  table: T,
  rows: readonly RowOf<T>[] | undefined,
): Group[] {
  const touched: Group[] = [];
  const keyOf = ROW_TABLES[table] as (row: RowOf<T>) => string;
  for (const row of rows ?? []) {
    const group = groupOf(row.sessionId);
    (group.rows[table] as Map<string, RowOf<T>>).set(keyOf(row), row);
    touched.push(group);
  }
  return touched;
}

/** A whole session row replaces what came before it, including earlier field updates. */
export function setSessionRow(group: Group, row: SessionRow): void {
  group.row = row;
  group.changes = {};
  group.hasChanges = false;
}

export function addSessionChanges(group: Group, changes: Partial<SessionRow>): void {
  group.changes = { ...group.changes, ...changes };
  group.hasChanges = true;
}

/** Puts a failed group back under what arrived for its session since: newer rows and whole rows win. */
export function mergeBack(failed: Group, newer: Group | undefined): Group {
  if (!newer) return failed;
  for (const table of ROW_TABLE_NAMES) {
    const into = newer.rows[table] as Map<string, unknown>;
    for (const [key, row] of failed.rows[table]) if (!into.has(key)) into.set(key, row);
  }
  if (!newer.row) {
    newer.row = failed.row;
    newer.changes = { ...failed.changes, ...newer.changes };
    newer.hasChanges ||= failed.hasChanges;
  }
  for (const waiter of failed.waiters) newer.waiters.add(waiter);
  return newer;
}

/** Counts a group written (or discarded) for each of its waiters; the last one resolves them. */
export function releaseWaiters(group: Group): void {
  for (const waiter of group.waiters) {
    waiter.remaining -= 1;
    if (waiter.remaining === 0) waiter.resolve();
  }
}

/** A promise that resolves once each of `groups` is written (or discarded). */
export function waitFor(groups: Iterable<Group>): Promise<void> {
  const list = [...new Set(groups)];
  if (list.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const waiter: Waiter = { remaining: list.length, resolve };
    for (const group of list) group.waiters.add(waiter);
  });
}
